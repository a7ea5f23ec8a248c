'use strict';
/**
 * The simulator's tokens, from i'mport's Swagger spec: POST /users/getToken issues one per account
 * and gives it again until it expires (30 minutes; asked in its last minute, it lives 5 more), every
 * other call presents it (Bearer or raw), and the Tier header must name one of the account's tiers.
 */
const crypto = require('node:crypto');

const TOKEN_LIFETIME_S = 30 * 60;
const LAST_MINUTE_S = 60;
const EXTENSION_S = 5 * 60;
const TIER_PATTERN = /^[A-Z0-9]{3}$/;

/**
 * @param {{ accounts: Array<{impKey:string, tiers?:string[]}>, clock: { now(): number } }} options
 */
function createTokens({ accounts, clock }) {
	/** token string -> { impKey, expiredAt } */
	const tokens = new Map();
	const issuedTokens = [];

	function issueToken(account) {
		const now = clock.now();
		for (const [token, info] of tokens) {
			if (info.impKey !== account.impKey || info.expiredAt <= now) continue;
			// Asking again before expiry returns the same token; in its last minute it lives 5 more minutes.
			if (info.expiredAt - now <= LAST_MINUTE_S) info.expiredAt += EXTENSION_S;
			return { access_token: token, now, expired_at: info.expiredAt };
		}
		const token = crypto.randomBytes(20).toString('hex');
		tokens.set(token, { impKey: account.impKey, expiredAt: now + TOKEN_LIFETIME_S });
		issuedTokens.push(token);
		return { access_token: token, now, expired_at: now + TOKEN_LIFETIME_S };
	}

	function authenticate(req) {
		const header = req.headers.authorization;
		if (!header) return { error: '인증 Token이 전달되지 않았습니다.' };
		const token = header.startsWith('Bearer ') ? header.slice(7) : header;
		const info = tokens.get(token);
		if (!info || info.expiredAt <= clock.now()) return { error: '유효하지 않은 인증 Token입니다.' };
		const account = accounts.find((a) => a.impKey === info.impKey);
		const tier = req.headers.tier;
		if (tier !== undefined) {
			if (!TIER_PATTERN.test(tier) || !(account.tiers ?? []).includes(tier)) {
				return { error: `요청하신 Tier(${String(tier).slice(0, 10)})에 대한 권한이 없습니다.` };
			}
		}
		return { account, tier: tier ?? null };
	}

	/** The imp_key a presented token was issued to, null without a token, 'unknown' for a token never issued here. */
	function tokenOwner(header) {
		if (!header) return null;
		const token = header.startsWith('Bearer ') ? header.slice(7) : header;
		return tokens.get(token)?.impKey ?? 'unknown';
	}

	return { tokens, issuedTokens, issueToken, authenticate, tokenOwner };
}

module.exports = { createTokens };
