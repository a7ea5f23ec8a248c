'use strict';
/**
 * Who may call the simulator and on which store: API secrets (`Authorization: PortOne <secret>`,
 * portone-io/developers.portone.io `src/schema/v2.openapi.json` components.securitySchemes.portOne),
 * the stores each secret may use (the first is its default, used when a request names none), and
 * the channels of each store with how their simulated PG behaves.
 *
 * Channel behaviour (the simulator's own knobs, not PortOne fields):
 *   cancel: 'succeed' | 'request' (asynchronous PG: the cancellation stays REQUESTED until a test
 *           completes it) | 'failAfterAccept' (200 with a FAILED cancellation) | 'refuse' (502 PG_PROVIDER)
 *   cashReceipt: 'succeed' | 'refuse' (502 PG_PROVIDER on issue and cancel)
 */

const STORE_A1 = 'store-00000000-0000-4000-8000-0000000000a1';
const STORE_A2 = 'store-00000000-0000-4000-8000-0000000000a2';
const STORE_B = 'store-00000000-0000-4000-8000-0000000000b1';

const DEFAULT_ACCOUNTS = [
	{
		apiSecret: 'portone-v2-secret-A-DO-NOT-LEAK-0123456789abcdef',
		storeIds: [STORE_A1, STORE_A2],
		merchantId: 'merchant-00000000-0000-4000-8000-00000000000a',
	},
	{
		apiSecret: 'portone-v2-secret-B-DO-NOT-LEAK-fedcba9876543210',
		storeIds: [STORE_B],
		merchantId: 'merchant-00000000-0000-4000-8000-00000000000b',
	},
];

const channel = (storeId, key, pgProvider, type = 'LIVE', behaviour = {}) => ({
	storeId,
	id: `channel-id-${key.replace(/^channel-key-/, '')}`,
	key,
	name: `${pgProvider} ${type.toLowerCase()}`,
	type,
	pgProvider,
	pgMerchantId: `${pgProvider.toLowerCase()}-mid-${type === 'TEST' ? 'test' : 'live'}`,
	cancel: behaviour.cancel ?? 'succeed',
	cashReceipt: behaviour.cashReceipt ?? 'succeed',
});

const DEFAULT_CHANNELS = [
	channel(STORE_A1, 'channel-key-live-kcp', 'KCP_V2'),
	channel(STORE_A1, 'channel-key-test-kcp', 'KCP_V2', 'TEST'),
	channel(STORE_A1, 'channel-key-kakaopay', 'KAKAOPAY'),
	channel(STORE_A1, 'channel-key-paypal', 'PAYPAL_V2'),
	// Triple-A is the PG the spec names for asynchronous cancels (stopPaymentCancellation).
	channel(STORE_A1, 'channel-key-async', 'TRIPLE_A', 'LIVE', { cancel: 'request' }),
	channel(STORE_A1, 'channel-key-fail-after', 'SMARTRO_V2', 'LIVE', { cancel: 'failAfterAccept' }),
	channel(STORE_A1, 'channel-key-pg-error', 'KSNET', 'LIVE', {
		cancel: 'refuse',
		cashReceipt: 'refuse',
	}),
	channel(STORE_A1, 'channel-key-v1-kcp', 'KCP'),
	channel(STORE_A2, 'channel-key-a2-live', 'TOSSPAYMENTS'),
	channel(STORE_B, 'channel-key-b-live', 'NICE_V2'),
];

/** The PG's answer when a channel refuses (the simulator's wording; PgProviderError needs both). */
const PG_REFUSAL = {
	pgCode: 'PG9999',
	pgMessage: '[simulated PG] 취소/발급 요청이 거절되었습니다.',
};

function createAccounts({ accounts = DEFAULT_ACCOUNTS, channels = DEFAULT_CHANNELS } = {}) {
	const list = accounts.map((a, index) => ({ index, ...a, storeIds: [...a.storeIds] }));
	const channelList = channels.map((c) => ({ ...c }));
	// A store given without channels gets store A1's set (same keys and behaviours), so the
	// seeded payments and the PG behaviours work for custom accounts too.
	for (const storeId of list.flatMap((a) => a.storeIds)) {
		if (!channelList.some((c) => c.storeId === storeId)) {
			channelList.push(
				...DEFAULT_CHANNELS.filter((c) => c.storeId === STORE_A1).map((c) => ({ ...c, storeId })),
			);
		}
	}

	/**
	 * The account of `Authorization: PortOne <secret>`, or an error message. Anything else (no
	 * header, a Bearer token, a V1 key or secret, an unknown secret) gets the same 401 PortOne
	 * gives a wrong credential (OVERVIEW: a PG secret in that header "gives 401 Unauthorized");
	 * telling a V1 secret apart is the node's job. The scheme is matched case-insensitively as
	 * HTTP auth schemes are (RFC 9110 §11.1).
	 */
	function authenticate(header) {
		if (typeof header !== 'string' || header === '')
			return { error: 'Authorization 헤더가 없습니다.' };
		const match = /^portone +(\S+)\s*$/i.exec(header);
		const account = match && list.find((a) => a.apiSecret === match[1]);
		if (!account) return { error: '인증 정보가 올바르지 않습니다.' };
		return { account };
	}

	/** The store a request acts on: the one named, if this account may use it, else its default. */
	function storeFor(account, storeId) {
		if (storeId === undefined || storeId === null) return { storeId: account.storeIds[0] };
		if (typeof storeId !== 'string' || !account.storeIds.includes(storeId)) {
			return {
				error: `이 API 시크릿으로는 상점 ${String(storeId).slice(0, 80)}에 접근할 수 없습니다.`,
			};
		}
		return { storeId };
	}

	const merchantOf = (storeId) =>
		list.find((a) => a.storeIds.includes(storeId))?.merchantId ?? 'merchant-unknown';

	return {
		list,
		channels: channelList,
		authenticate,
		storeFor,
		merchantOf,
		channelByKey: (storeId, key) => channelList.find((c) => c.storeId === storeId && c.key === key),
		addChannel: (fields) => {
			const added = channel(
				fields.storeId ?? STORE_A1,
				fields.key,
				fields.pgProvider ?? 'KCP_V2',
				fields.type ?? 'LIVE',
				fields,
			);
			channelList.push(added);
			return added;
		},
	};
}

module.exports = {
	createAccounts,
	DEFAULT_ACCOUNTS,
	DEFAULT_CHANNELS,
	PG_REFUSAL,
	STORE_A1,
	STORE_A2,
	STORE_B,
};
