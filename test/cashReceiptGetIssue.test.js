'use strict';
/** Cash Receipt → Get and Issue through n8n's real engine against the simulator. */
const { freshWorldPerTest, ids, outcomes } = require('./helpers/setup');
const { get, issue } = require('./helpers/parameters');

const world = freshWorldPerTest();

describe('Cash Receipt: Get', () => {
	test('found receipts go to Success as sent; unknown ones and payments without a receipt to Failure', async () => {
		const input = ['imp_100000000001', 'imp_100000000003', 'imp_200000000001', 'imp_nope'].map(
			(imp_uid) => ({ imp_uid }),
		);
		const { success, failure } = await world.engine.run(input, get());
		expect(ids(success)).toEqual(['imp_100000000001', 'imp_100000000003']);
		expect(outcomes(success)).toEqual(['found', 'found']);
		expect(success[0].json.response).toEqual(
			world.simulator.store.payments.get('imp_100000000001').receipt,
		);
		expect(ids(failure)).toEqual(['imp_200000000001', 'imp_nope']);
		expect(outcomes(failure)).toEqual(['not_found', 'not_found']);
		expect(world.simulator.requests('DELETE')).toHaveLength(0);
	});
});

describe('Cash Receipt: Issue', () => {
	test('issues with the identifier and the optional fields as the spec names them; the identifier is not echoed', async () => {
		const { success, failure } = await world.engine.run(
			[{ imp_uid: 'imp_200000000001', phone: '01012345678' }],
			issue({
				issueOptions: {
					identifier_type: 'phone',
					type: 'company',
					buyer_name: '홍길동',
					tax_free: 1000,
					corp_reg_no: '1234567890',
				},
			}),
		);
		expect(failure).toHaveLength(0);
		expect(outcomes(success)).toEqual(['issued']);
		expect(success[0].json.response).toMatchObject({
			imp_uid: 'imp_200000000001',
			type: 'company',
			amount: 11000,
			vat: 909,
		});
		const [post] = world.simulator.requests('POST', '/receipts/');
		expect(post.body).toEqual({
			identifier: '01012345678',
			identifier_type: 'phone',
			type: 'company',
			buyer_name: '홍길동',
			tax_free: 1000,
			corp_reg_no: '1234567890',
		});
		expect(JSON.stringify(success)).not.toContain('01012345678');
	});

	test('each documented failure has its outcome', async () => {
		const input = [
			{ imp_uid: 'imp_100000000001', phone: '010' }, // already issued -> 400
			{ imp_uid: 'imp_200000000002', phone: '010' }, // not paid -> 400
			{ imp_uid: 'imp_500000000002', phone: '010' }, // PG failure -> 500
			{ imp_uid: 'imp_501000000002', phone: '010' }, // PG not supported -> 501
			{ imp_uid: 'imp_missing', phone: '010' }, // unknown -> 404
		];
		const { success, failure } = await world.engine.run(input, issue());
		expect(success).toHaveLength(0);
		expect(outcomes(failure)).toEqual([
			'invalid_request',
			'invalid_request',
			'pg_rejected',
			'pg_not_supported',
			'not_found',
		]);
		expect(failure[0].json.message).toContain('이미');
		expect(failure[1].json.message).toContain('paid');
	});

	test("a value outside the spec's enum (set by expression) comes back as invalid_request", async () => {
		const { failure } = await world.engine.run(
			[{ imp_uid: 'imp_200000000001', phone: '010' }],
			issue({
				issueOptions: { identifier_type: '={{ "passport" }}' },
			}),
		);
		expect(outcomes(failure)).toEqual(['invalid_request']);
	});

	test.each([
		[{ phone: '' }, {}, /identifier is empty/],
		[{ phone: '010' }, { tax_free: -1 }, /tax_free must be a whole number/],
		[{ phone: '010' }, { tax_free: 10.5 }, /tax_free must be a whole number/],
		[{ phone: '010' }, { vat_amount: -3 }, /vat_amount must be a whole number/],
	])(
		'bad input %j %j is refused before anything is sent',
		async (extraJson, issueOptions, message) => {
			const { error } = await world.engine.run(
				[{ imp_uid: 'imp_200000000001', ...extraJson }],
				issue({ issueOptions }),
			);
			expect(error.message).toMatch(message);
			expect(world.simulator.log).toHaveLength(0);
		},
	);
});
