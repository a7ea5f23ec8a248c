'use strict';
/**
 * What the I'mport node says when i'mport cannot be reached for an access token (pure functions):
 * each network error code in words n8n shows as written, and networkCodeOf finding the code.
 */
const { networkFailureMessage } = require('../dist/nodes/Iamport/transport/token.js');
const { networkCodeOf } = require('../dist/nodes/engine/thrown.js');

describe('transport failure wording (pure)', () => {
	test.each([
		['EPROTO', /does not speak HTTPS \(TLS\).*use http:\/\/.*\(EPROTO\)$/],
		['ERR_SSL_WRONG_VERSION_NUMBER', /does not speak HTTPS/],
		['ECONNREFUSED', /connection refused\). Check the host and port of the Base URL$/],
		['ENOTFOUND', /could not be resolved \(DNS\)/],
		['EAI_AGAIN', /could not be resolved \(DNS\)/],
		['EHOSTUNREACH', /cannot be reached.*\(unreachable\)/],
		['ENETUNREACH', /\(unreachable\)/],
		['ETIMEDOUT', /no answer in time \(timeout\)/],
		['ECONNABORTED', /no answer in time \(timeout\)/],
		['ECONNRESET', /connection was closed/],
		[
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			/certificate was not accepted.*\(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
		],
		['SOMETHING_ELSE', /a network error \(SOMETHING_ELSE\)$/],
		[undefined, /a network error \(no error code\)$/],
	])('%s', (code, words) => {
		const message = networkFailureMessage(code, 'https://127.0.0.1:8787');
		// n8n's NodeApiError swaps a message naming a common code for a generic sentence: name none.
		for (const common of [
			'ECONNREFUSED',
			'ECONNRESET',
			'ENOTFOUND',
			'ETIMEDOUT',
			'ECONNABORTED',
			'EHOSTUNREACH',
			'EAI_AGAIN',
		]) {
			expect(message.includes(common)).toBe(false);
		}
		expect(message).toMatch(
			/^i'mport could not be reached at https:\/\/127\.0\.0\.1:8787 for an access token: /,
		);
		expect(message).toMatch(words);
	});

	test('n8n shows each message as written (NodeApiError swaps messages naming common codes for generic ones)', () => {
		const { NodeApiError } = require('n8n-workflow');
		const node = {
			id: 'n',
			name: "I'mport",
			type: 'n8n-nodes-iamport.iamport',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const codes = [
			'EPROTO',
			'ERR_SSL_WRONG_VERSION_NUMBER',
			'ECONNREFUSED',
			'ENOTFOUND',
			'EAI_AGAIN',
			'EHOSTUNREACH',
			'ENETUNREACH',
			'ETIMEDOUT',
			'ECONNABORTED',
			'ECONNRESET',
			'EPIPE',
			'CERT_HAS_EXPIRED',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			undefined,
		];
		for (const code of codes) {
			const message = networkFailureMessage(code, 'https://api.iamport.kr');
			expect(new NodeApiError(node, { message }, { message }).message).toBe(message);
		}
	});

	test('networkCodeOf finds the code on the error, its cause or an aggregate, or reads the TLS message', () => {
		expect(networkCodeOf({ code: 'ECONNREFUSED' })).toBe('ECONNREFUSED');
		expect(networkCodeOf({ message: 'x', cause: { code: 'EPROTO' } })).toBe('EPROTO');
		expect(networkCodeOf({ errors: [{ code: 'ECONNREFUSED' }] })).toBe('ECONNREFUSED');
		expect(
			networkCodeOf({
				message: 'write EPROTO ...:ssl routines:tls_get_more_records:packet length too long',
			}),
		).toBe('EPROTO');
		expect(networkCodeOf({ message: 'timeout of 100ms exceeded' })).toBe('ETIMEDOUT');
		expect(networkCodeOf({ message: 'boom' })).toBeUndefined();
	});
});
