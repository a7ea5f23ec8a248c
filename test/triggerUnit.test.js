'use strict';
/** Pure functions of the I'mport Trigger: reading, event keys, the sender list, the verdict. */
const {
	readNotification,
	eventKeyOf,
	unverifiedKeyOf,
	parseAllowList,
	senderAllowed,
	normalizeAddress,
	verdictOf,
	DOCUMENTED_SENDERS,
} = require('../dist/nodes/IamportTrigger/notification.js');

describe('readNotification', () => {
	test('reads the four fields, ignores the rest, media type parameters do not matter', () => {
		const body = { imp_uid: 'imp_1', merchant_uid: 'o-1', status: 'paid', extra: 'x' };
		expect(readNotification('application/json; charset=utf-8', body)).toEqual({
			imp_uid: 'imp_1',
			merchant_uid: 'o-1',
			status: 'paid',
			cancellation_id: null,
		});
		expect(
			readNotification('Application/X-WWW-Form-Urlencoded', { ...body, cancellation_id: 'C1' })
				.cancellation_id,
		).toBe('C1');
	});

	test('an empty merchant_uid or cancellation_id reads as absent', () => {
		const read = readNotification('application/json', {
			imp_uid: 'imp_1',
			status: 'paid',
			merchant_uid: '',
			cancellation_id: null,
		});
		expect(read.merchant_uid).toBeNull();
		expect(read.cancellation_id).toBeNull();
	});

	test.each([['imp_1/2'], ['.'], ['imp 1'], ['imp_1\n'], ['x'.repeat(101)], ['한글']])(
		'refuses the imp_uid %j',
		(impUid) => {
			expect(() =>
				readNotification('application/json', { imp_uid: impUid, status: 'paid' }),
			).toThrow(/imp_uid may only hold/);
		},
	);
});

describe('eventKeyOf', () => {
	test('imp_uid:status, plus the cancellation_id when there is one', () => {
		expect(eventKeyOf({ imp_uid: 'imp_1', status: 'paid', cancellation_id: null })).toBe(
			'imp_1:paid',
		);
		expect(eventKeyOf({ imp_uid: 'imp_1', status: 'cancelled', cancellation_id: 'C:1' })).toBe(
			'imp_1:cancelled:C:1',
		);
	});
});

describe('unverifiedKeyOf', () => {
	test('an unverified notification never gets the key a verified event would get', () => {
		// Every notification the trigger accepts passed readNotification; try adversarial ones.
		const ids = ['imp_1', 'unverified', 'unverified_imp_1', 'a', 'imp-1_2'];
		const statuses = ['paid', 'cancelled', 'imp_a', 'unverified'];
		const cancellations = [null, 'C:1', 'imp_1:paid', 'unverified/imp_1:paid'];
		const notifications = [];
		for (const imp_uid of ids)
			for (const status of statuses)
				for (const cancellation_id of cancellations)
					notifications.push(
						readNotification('application/json', {
							imp_uid,
							status,
							...(cancellation_id ? { cancellation_id } : {}),
						}),
					);
		const verifiedKeys = new Set(notifications.map(eventKeyOf));
		for (const notification of notifications) {
			expect(verifiedKeys.has(unverifiedKeyOf(notification))).toBe(false);
			expect(unverifiedKeyOf(notification)).toBe(`unverified/${eventKeyOf(notification)}`);
		}
		expect(notifications).toHaveLength(80);
	});
});

describe('sender list', () => {
	const documented = parseAllowList(DOCUMENTED_SENDERS);

	test('the documented addresses, IPv4-mapped IPv6 included; nothing else', () => {
		expect(documented.invalid).toEqual([]);
		expect(senderAllowed('52.78.100.19', documented)).toBe(true);
		expect(senderAllowed('::ffff:52.78.48.223', documented)).toBe(true);
		expect(senderAllowed('52.78.5.241', documented)).toBe(true);
		expect(senderAllowed('52.78.5.24', documented)).toBe(false);
		expect(senderAllowed('127.0.0.1', documented)).toBe(false);
		expect(senderAllowed(undefined, documented)).toBe(false);
		expect(senderAllowed('', documented)).toBe(false);
	});

	test('CIDR ranges and IPv6 addresses; commas, spaces or new lines between entries', () => {
		const list = parseAllowList('10.1.0.0/16\n2001:DB8::1 ,52.78.100.19');
		expect(list.invalid).toEqual([]);
		expect(senderAllowed('10.1.255.3', list)).toBe(true);
		expect(senderAllowed('10.2.0.1', list)).toBe(false);
		expect(senderAllowed('2001:db8::1', list)).toBe(true);
		expect(senderAllowed('2001:db8::2', list)).toBe(false);
	});

	test('a bad entry or an empty list lets nobody in', () => {
		for (const text of [
			'52.78.100.19, 52.78.100.300',
			'52.78.100.19, example.com',
			'10.0.0.0/33',
			'',
			' , ',
		]) {
			expect(senderAllowed('52.78.100.19', parseAllowList(text))).toBe(false);
		}
		expect(parseAllowList('1.2.3.4, nope').invalid).toEqual(['nope']);
	});

	test('normalizeAddress', () => {
		expect(normalizeAddress('::FFFF:1.2.3.4')).toBe('1.2.3.4');
		expect(normalizeAddress(' 2001:DB8::1 ')).toBe('2001:db8::1');
	});
});

describe('verdictOf', () => {
	const notification = {
		imp_uid: 'imp_1',
		merchant_uid: 'o-1',
		status: 'cancelled',
		cancellation_id: 'C2',
	};
	const payment = {
		imp_uid: 'imp_1',
		merchant_uid: 'o-1',
		status: 'cancelled',
		cancel_history: [{ cancellation_id: 'C1' }, { cancellation_id: 'C2' }],
	};

	test('agreement on every field is verified', () => {
		expect(verdictOf(notification, payment)).toEqual({ verified: true });
		expect(
			verdictOf({ ...notification, merchant_uid: null, cancellation_id: null }, payment),
		).toEqual({ verified: true });
	});

	test.each([
		['unknown payment', notification, null, 'not_found'],
		['another imp_uid in the answer', notification, { ...payment, imp_uid: 'imp_2' }, 'not_found'],
		['status', notification, { ...payment, status: 'paid' }, 'status_mismatch'],
		['merchant_uid', notification, { ...payment, merchant_uid: 'o-2' }, 'merchant_uid_mismatch'],
		[
			'cancellation_id',
			{ ...notification, cancellation_id: 'C9' },
			payment,
			'unknown_cancellation',
		],
		[
			'cancellation_id without a history',
			notification,
			{ ...payment, cancel_history: undefined },
			'unknown_cancellation',
		],
	])('%s', (_name, given, answer, reason) => {
		expect(verdictOf(given, answer)).toMatchObject({ verified: false, reason });
	});
});
