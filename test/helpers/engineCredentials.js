'use strict';
/**
 * The credentials side of test/helpers/engine.js: the built credential types (from dist/) and a
 * credentials helper that behaves like n8n's own (packages/cli/src/credentials-helper.ts): it asks
 * the credential for a token only when the expirable field is empty or after a 401, and stores it
 * for later calls and runs.
 */
const path = require('node:path');
const { ICredentialsHelper, isExpression } = require('n8n-workflow');
const { DIST } = require('./engineNodes');

const { IamportApi } = require(path.join(DIST, 'credentials/IamportApi.credentials.js'));
const { PortOneApi } = require(path.join(DIST, 'credentials/PortOneApi.credentials.js'));

const CREDENTIAL_ID = 'cred-1';
const credentialTypes = { iamportApi: new IamportApi(), portOneApi: new PortOneApi() };

class CredentialsHelper extends ICredentialsHelper {
	constructor(stored) {
		super();
		/** id -> stored (decrypted) credential data, kept across runs like n8n's database */
		this.stored = new Map([[CREDENTIAL_ID, { ...stored }]]);
		this.preAuthenticationCalls = [];
		this.updates = 0;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type) {
		return credentialTypes[type].properties;
	}

	async authenticate(credentials, typeName, requestOptions) {
		const type = credentialTypes[typeName];
		return typeof type.authenticate === 'function'
			? await type.authenticate(credentials, requestOptions)
			: requestOptions;
	}

	/**
	 * As n8n's (CredentialsHelper.preAuthentication in packages/cli/src/credentials-helper.ts): call
	 * the credential's preAuthentication only when the token is empty or expired, and store every
	 * key it returns over the stored data (a stored expression is kept, except for the token).
	 */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = credentialTypes[typeName];
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined &&
			!credentialsExpired
		) {
			return undefined;
		}
		this.preAuthenticationCalls.push({ credentialsExpired });
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const id = node.credentials?.[typeName]?.id ?? CREDENTIAL_ID;
		const toPersist = { ...this.stored.get(id) };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(toPersist[key])) toPersist[key] = value;
		}
		await this.updateCredentials({ id }, typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData, nodeCredentials) {
		// A fresh copy per call, as n8n decrypts from the database each time.
		return { accessToken: '', ...this.stored.get(nodeCredentials.id) };
	}

	async updateCredentials(nodeCredentials, _type, data) {
		this.updates++;
		this.stored.set(nodeCredentials.id, { ...data });
	}

	async updateCredentialsOauthTokenData() {}
}

module.exports = { CredentialsHelper, CREDENTIAL_ID };
