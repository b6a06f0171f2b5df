import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import nock from 'nock';

import {
	SESSION_TOKEN,
	TRIPLETEX_ORIGIN,
	credentialsFor,
	misbehavingTripletex,
	V2,
	listOf,
	mockTripletex,
	pendingRequests,
	runTripletex,
	sessionAuthorization,
	setUpNock,
	tearDownNock,
	tripletexCredential,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const ACCOUNTS = [
	{ id: 501, number: 1920, name: 'Bankinnskudd', ledgerType: 'GENERAL' },
	{ id: 502, number: 3000, name: 'Salgsinntekt, avgiftspliktig', ledgerType: 'GENERAL' },
	{ id: 503, number: 1500, name: 'Kundefordringer', ledgerType: 'CUSTOMER' },
];
const VAT_HIGH = { id: 3001, number: '3', name: 'Utgående mva, høy sats', percentage: 25 };
const ACCOUNT_FIELDS = 'id,number,name,ledgerType,vatLocked,vatType(id,number)';
const VOUCHER_LOOKUP_FIELDS = '*,reverseVoucher(id,number,numberAsString,date)';

function saleParameters(overrides: Record<string, unknown> = {}) {
	return {
		resource: 'voucher',
		operation: 'create',
		date: '2026-07-15',
		description: '={{ "Web-store order " + $json.order }}',
		externalVoucherNumber: '={{ "store-" + $json.order }}',
		postingsSource: 'fields',
		postings: {
			posting: [
				{ account: { __rl: true, mode: 'list', value: '1920' }, amount: 1250, description: 'Card settlement' },
				{ account: { __rl: true, mode: 'number', value: '3000' }, amount: -1250, vatCode: '3', description: 'Sales 25% VAT' },
			],
		},
		...overrides,
	};
}

const EXPECTED_BODY = {
	date: '2026-07-15',
	description: 'Web-store order 6001',
	externalVoucherNumber: 'store-6001',
	postings: [
		{ row: 1, date: '2026-07-15', description: 'Card settlement', account: { id: 501 }, amountGross: 1250, amountGrossCurrency: 1250 },
		{
			row: 2,
			date: '2026-07-15',
			description: 'Sales 25% VAT',
			account: { id: 502 },
			amountGross: -1250,
			amountGrossCurrency: -1250,
			vatType: { id: 3001 },
		},
	],
};

function expectNoRequests() {
	expect(pendingRequests().length).toBeGreaterThan(0); // the interceptors are still waiting
}

describe('voucher: create', () => {
	test('looks the reference up, resolves accounts and VAT code to ids, and posts a balanced voucher', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`)
			.query({ externalVoucherNumber: 'store-6001', fields: VOUCHER_LOOKUP_FIELDS, from: '0', count: '1000' })
			.reply(200, listOf([]))
			.get(`${V2}/ledger/account`)
			.query({ number: '1920,3000', fields: ACCOUNT_FIELDS, count: '2' })
			.reply(200, listOf(ACCOUNTS.slice(0, 2)))
			.get(`${V2}/ledger/vatType`)
			.query({ number: '3', fields: 'id,number,name,percentage' })
			.reply(200, listOf([VAT_HIGH]))
			.post(`${V2}/ledger/voucher`, EXPECTED_BODY)
			.query({ sendToLedger: 'true' })
			.reply(201, { value: { id: 9001, number: 17, externalVoucherNumber: 'store-6001' } });

		const result = await runTripletex(saleParameters(), { input: [{ order: 6001 }] });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Tripletex')).toEqual([
			{ json: { id: 9001, number: 17, externalVoucherNumber: 'store-6001', alreadyExisted: false }, pairedItem: { item: 0 } },
		]);
		expect(pendingRequests()).toEqual([]);
	});

	test('returns the existing voucher, marked, and posts nothing when the reference exists', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/account`)
			.query(true)
			.reply(200, listOf(ACCOUNTS.slice(0, 2)))
			.get(`${V2}/ledger/vatType`)
			.query(true)
			.reply(200, listOf([VAT_HIGH]))
			.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`)
			.query({ externalVoucherNumber: 'store-6001', fields: VOUCHER_LOOKUP_FIELDS, from: '0', count: '1000' })
			.reply(200, listOf([{ id: 9001, externalVoucherNumber: 'store-6001' }]));
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(saleParameters(), { input: [{ order: 6001 }] });

		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001, externalVoucherNumber: 'store-6001', alreadyExisted: true }]);
		expect(post.isDone()).toBe(false);
	});

	test('a batch creates one session and resolves each account and VAT code once', async () => {
		const { api, session } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`)
			.query(true)
			.times(3)
			.reply(200, listOf([]))
			.get(`${V2}/ledger/account`)
			.query(true)
			.once()
			.reply(200, listOf(ACCOUNTS.slice(0, 2)))
			.get(`${V2}/ledger/vatType`)
			.query(true)
			.once()
			.reply(200, listOf([VAT_HIGH]))
			.post(`${V2}/ledger/voucher`)
			.query(true)
			.times(3)
			.reply(201, (_uri, body) => ({ value: { id: 1, externalVoucherNumber: (body as { externalVoucherNumber: string }).externalVoucherNumber } }));

		const result = await runTripletex(saleParameters(), { input: [{ order: 1 }, { order: 2 }, { order: 3 }] });

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex').map((voucher) => voucher.externalVoucherNumber)).toEqual(['store-1', 'store-2', 'store-3']);
		expect(result.outputOf('Tripletex').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(session.isDone()).toBe(true);
		expect(result.credentialStore.preAuthenticationCount('tripletexApi')).toBe(1);
		expect(pendingRequests()).toEqual([]);
	});

	test('takes postings from a JSON array on the item, with a customer on the customer ledger account', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/account`)
			.query({ number: '1500,3000', fields: ACCOUNT_FIELDS, count: '2' })
			.reply(200, listOf([ACCOUNTS[2], ACCOUNTS[1]]))
			.get(`${V2}/ledger/vatType`)
			.query(true)
			.reply(200, listOf([VAT_HIGH]))
			.post(`${V2}/ledger/voucher`, {
				date: '2026-07-15',
				description: 'Invoice sale',
				postings: [
					{ row: 1, date: '2026-07-15', account: { id: 503 }, amountGross: 99.9, amountGrossCurrency: 99.9, customer: { id: 42 } },
					{ row: 2, date: '2026-07-15', account: { id: 502 }, amountGross: -99.9, amountGrossCurrency: -99.9, vatType: { id: 3001 } },
				],
			})
			.query({ sendToLedger: 'false' })
			.reply(201, { value: { id: 9002 } });

		const result = await runTripletex(
			{
				resource: 'voucher',
				operation: 'create',
				date: '2026-07-15',
				description: 'Invoice sale',
				postingsSource: 'json',
				postingsJson: '={{ $json.postings }}',
				options: { sendToLedger: false },
			},
			{
				input: [
					{
						postings: [
							{ account: 1500, amount: '99,90', customerId: 42 },
							{ account: '3000', amount: -99.9, vatCode: 3 },
						],
					},
				],
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9002, alreadyExisted: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('an unbalanced voucher fails with the difference and sends nothing', async () => {
		mockTripletex().api.get(/.*/).query(true).reply(200, listOf([]));

		const result = await runTripletex(
			saleParameters({
				postings: {
					posting: [
						{ account: { __rl: true, mode: 'number', value: '1920' }, amount: 1250 },
						{ account: { __rl: true, mode: 'number', value: '3000' }, amount: -1237.5, vatCode: '3' },
					],
				},
			}),
			{ input: [{ order: 6001 }] },
		);

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'The voucher in item 0 does not balance: its postings on 2026-07-15 sum to 12.50 instead of 0',
		);
		expect(result.error?.description).toContain('Nothing was sent');
		expectNoRequests();
	});

	test('balances per date: two dates that each sum to zero pass, one that does not is named', async () => {
		const result = await runTripletex(
			{
				resource: 'voucher',
				operation: 'create',
				date: '2026-07-15',
				description: 'Two days',
				postingsSource: 'json',
				postingsJson: JSON.stringify([
					{ account: 1920, amount: 100 },
					{ account: 3000, amount: -100 },
					{ account: 1920, amount: 50, date: '2026-07-16' },
					{ account: 3000, amount: -40, date: '2026-07-16' },
				]),
			},
		);
		expect(result.error?.message).toContain('on 2026-07-16 sum to 10.00');
	});

	test('an unknown account number fails after the lookup, before anything is posted', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`).query(true).reply(200, listOf([]));
		api.get(`${V2}/ledger/account`).query(true).reply(200, listOf([ACCOUNTS[0]]));
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex(saleParameters(), { input: [{ order: 6001 }] });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Account 3000 does not exist in Tripletex (posting 2 of item 0)');
		expect(post.isDone()).toBe(false);
	});

	test('a customer ledger account without a customer fails before anything is posted', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/account`).query(true).reply(200, listOf([ACCOUNTS[2], ACCOUNTS[1]]));
		const post = api.post(`${V2}/ledger/voucher`).query(true).reply(201, {});

		const result = await runTripletex({
			resource: 'voucher',
			operation: 'create',
			date: '2026-07-15',
			description: 'x',
			postingsSource: 'json',
			postingsJson: JSON.stringify([
				{ account: 1500, amount: 10 },
				{ account: 3000, amount: -10 },
			]),
		});

		expect(result.error?.message).toBe('Account 1500 (Kundefordringer) needs a Customer ID (posting 1 of item 0)');
		expect(post.isDone()).toBe(false);
	});

	test('a mistyped JSON key is named, with the item, and nothing is sent', async () => {
		const result = await runTripletex({
			resource: 'voucher',
			operation: 'create',
			date: '2026-07-15',
			description: 'x',
			postingsSource: 'json',
			postingsJson: JSON.stringify([{ acount: 1920, amount: 10 }]),
		});
		expect(result.error?.message).toMatch(/^Invalid \[0\]\.account in item 0|^Invalid \[0\] in item 0/);
		expect(result.error?.description).toContain("Unrecognized key(s) in object: 'acount'");
	});

	test("Tripletex's 422 validation messages reach the user with field names and the request id", async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`).query(true).reply(200, listOf([]));
		api.get(`${V2}/ledger/account`).query(true).reply(200, listOf(ACCOUNTS.slice(0, 2)));
		api.get(`${V2}/ledger/vatType`).query(true).reply(200, listOf([VAT_HIGH]));
		api
			.post(`${V2}/ledger/voucher`)
			.query(true)
			.reply(
				422,
				{
					status: 422,
					code: 18000,
					message: 'Validering feilet.',
					validationMessages: [{ field: 'postings.vatType', message: 'Ugyldig mva-kode for kontoen.' }],
					requestId: 'abc-123',
				},
				{ 'x-tlx-request-id': 'abc-123' },
			);

		const result = await runTripletex(saleParameters(), { input: [{ order: 6001 }] });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toBe('Tripletex: Validering feilet. (HTTP 422, code 18000)');
		expect(result.error?.description).toBe(
			'• postings.vatType: Ugyldig mva-kode for kontoen.\nTripletex request ID: abc-123',
		);
	});

	test('a 5xx on create is followed by a lookup, and the voucher that did land is returned, not posted twice', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`)
			.query(true)
			.reply(200, listOf([]))
			.get(`${V2}/ledger/account`)
			.query(true)
			.reply(200, listOf(ACCOUNTS.slice(0, 2)))
			.get(`${V2}/ledger/vatType`)
			.query(true)
			.reply(200, listOf([VAT_HIGH]))
			.post(`${V2}/ledger/voucher`)
			.query(true)
			.once()
			.reply(500, { status: 500, code: 1000, message: 'Internal error' })
			.get(`${V2}/ledger/voucher/%3EexternalVoucherNumber`)
			.query(true)
			.reply(200, listOf([{ id: 9001, externalVoucherNumber: 'store-6001' }]));

		const result = await runTripletex(saleParameters(), { input: [{ order: 6001 }] });

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001, externalVoucherNumber: 'store-6001', alreadyExisted: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('sent again only after 429s (certainly not processed); then a 502: the message counts the sends truthfully', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/account`)
			.query(true)
			.reply(200, listOf(ACCOUNTS.slice(0, 2)))
			.get(`${V2}/ledger/vatType`)
			.query(true)
			.reply(200, listOf([VAT_HIGH]))
			.post(`${V2}/ledger/voucher`)
			.query(true)
			.times(3)
			.reply(429, { status: 429, message: 'Too many requests' }, { 'Retry-After': '0' })
			.post(`${V2}/ledger/voucher`)
			.query(true)
			.reply(502, 'Bad Gateway');

		const result = await runTripletex(saleParameters({ externalVoucherNumber: '' }), { input: [{ order: 1 }] });

		expect(result.error?.message).toBe('Tripletex: Bad Gateway (HTTP 502): the voucher of item 0 may or may not have been saved');
		expect(result.error?.description).toContain(
			'It was sent 4 times: the first 3 certainly not processed (rate limit or connection refused); the last may have been, so it was not sent again.',
		);
		expect(pendingRequests()).toEqual([]);
	});

	test('a dropped connection on create without a reference is not retried and says why', async () => {
		const server = await misbehavingTripletex('drop', {
			'/ledger/account': listOf(ACCOUNTS.slice(0, 2)),
			'/ledger/vatType': listOf([VAT_HIGH]),
		});
		try {
			const result = await runTripletex(saleParameters({ externalVoucherNumber: '' }), {
				input: [{ order: 1 }],
				credentials: credentialsFor(server.baseUrl),
			});

			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error?.message).toBe('Tripletex: no answer (connection closed by the server): the voucher of item 0 may or may not have been saved');
			expect(result.error?.description).toContain('It was sent once and not sent again, to avoid a duplicate.');
			expect(result.error?.description).toContain("n8n's Retry On Fail will not send it again in this execution.");
			expect(server.dropped()).toBe(1);
		} finally {
			await server.close();
		}
	});
});

describe('voucher: reads and other writes', () => {
	test('get retries a 429 as told and returns the voucher', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher/9001`)
			.query({ fields: '*,postings(*)' })
			.reply(429, { status: 429, message: 'Too many requests' }, { 'Retry-After': '0' })
			.get(`${V2}/ledger/voucher/9001`)
			.query({ fields: '*,postings(*)' })
			.reply(200, { value: { id: 9001, number: 17 } });

		const result = await runTripletex({ resource: 'voucher', operation: 'get', voucherId: '9001', fields: '*,postings(*)' });

		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001, number: 17 }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('a session that expires mid-batch is renewed once and no item is lost', async () => {
		const session = nock(TRIPLETEX_ORIGIN)
			.post(`${V2}/token/session/:create`)
			.reply(201, { value: { token: SESSION_TOKEN } })
			.post(`${V2}/token/session/:create`)
			.reply(201, { value: { token: 'renewed-token' } });
		nock(TRIPLETEX_ORIGIN, { reqheaders: { authorization: sessionAuthorization() } })
			.get(`${V2}/ledger/voucher/1`)
			.query(true)
			.reply(200, { value: { id: 1 } })
			.get(`${V2}/ledger/voucher/2`)
			.query(true)
			.reply(401, { status: 401, code: 3000, message: 'Token expired' });
		nock(TRIPLETEX_ORIGIN, { reqheaders: { authorization: sessionAuthorization('renewed-token') } })
			.get(`${V2}/ledger/voucher/2`)
			.query(true)
			.reply(200, { value: { id: 2 } })
			.get(`${V2}/ledger/voucher/3`)
			.query(true)
			.reply(200, { value: { id: 3 } });

		const result = await runTripletex(
			{ resource: 'voucher', operation: 'get', voucherId: '={{ $json.id }}', fields: '' },
			{ input: [{ id: 1 }, { id: 2 }, { id: 3 }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(session.isDone()).toBe(true);
		expect(result.credentialStore.preAuthenticationCount('tripletexApi')).toBe(2);
		expect(pendingRequests()).toEqual([]);
	});

	test('get many walks from/count pages with an exclusive dateTo', async () => {
		const { api } = mockTripletex();
		const page = (from: number, size: number) => Array.from({ length: size }, (_, i) => ({ id: from + i + 1 }));
		api
			.get(`${V2}/ledger/voucher`)
			.query({ dateFrom: '2026-07-01', dateTo: '2026-08-01', from: '0', count: '1000' })
			.reply(200, listOf(page(0, 1000)))
			.get(`${V2}/ledger/voucher`)
			.query({ dateFrom: '2026-07-01', dateTo: '2026-08-01', from: '1000', count: '1000' })
			.reply(200, listOf(page(1000, 3), 1000));

		const result = await runTripletex({
			resource: 'voucher',
			operation: 'getMany',
			dateFrom: '2026-07-01',
			dateTo: '2026-07-31',
			returnAll: true,
		});

		const vouchers = result.jsonOf('Tripletex');
		expect(vouchers).toHaveLength(1003);
		expect(vouchers[1002]).toEqual({ id: 1003 });
		expect(pendingRequests()).toEqual([]);
	});

	test('get many with a limit asks for only that many', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher`)
			.query({ dateFrom: '2026-07-01', dateTo: '2026-07-02', typeId: '7', from: '0', count: '2' })
			.reply(200, listOf([{ id: 1 }, { id: 2 }]));

		const result = await runTripletex({
			resource: 'voucher',
			operation: 'getMany',
			dateFrom: '2026-07-01',
			dateTo: '2026-07-01',
			returnAll: false,
			limit: 2,
			filters: { typeId: 7 },
		});
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 1 }, { id: 2 }]);
	});

	test('reverse sends the date and returns the reversing voucher', async () => {
		const { api } = mockTripletex();
		api
			.put(`${V2}/ledger/voucher/9001/:reverse`)
			.query({ date: '2026-07-31' })
			.reply(200, { value: { id: 9100, reverseVoucher: { id: 9001 } } });

		const result = await runTripletex({ resource: 'voucher', operation: 'reverse', voucherId: '9001', date: '2026-07-31' });
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9100, reverseVoucher: { id: 9001 } }]);
	});

	test('delete returns a confirmation item; a bad id is refused before sending', async () => {
		const { api } = mockTripletex();
		api.delete(`${V2}/ledger/voucher/9001`).reply(204);
		const ok = await runTripletex({ resource: 'voucher', operation: 'deleteVoucher', voucherId: '9001' });
		expect(ok.jsonOf('Tripletex')).toEqual([{ id: 9001, deleted: true }]);

		const bad = await runTripletex({ resource: 'voucher', operation: 'deleteVoucher', voucherId: '90/01' });
		expect(bad.error?.message).toBe('Voucher ID in item 0 must be a Tripletex ID (a positive whole number), got "90/01"');
	});

	test('download PDF puts the file on the item as binary', async () => {
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/voucher/9001/pdf`).reply(200, pdf, { 'Content-Type': 'application/pdf' });

		const result = await runTripletex(
			{ resource: 'voucher', operation: 'downloadPdf', voucherId: '={{ $json.voucherId }}', binaryPropertyName: 'pdf' },
			{ input: [{ voucherId: 9001, order: 'store-1' }] },
		);

		const [item] = result.outputOf('Tripletex');
		expect(item.json).toEqual({ voucherId: 9001, order: 'store-1' });
		expect(item.binary?.pdf).toMatchObject({ fileName: 'voucher-9001.pdf', mimeType: 'application/pdf' });
		expect(await result.binaryBuffer('Tripletex', 0, 'pdf')).toEqual(pdf);
	});

	test('upload attachment sends the file as multipart field "file"; other file types are refused', async () => {
		const pdf = Buffer.from('%PDF-1.4\nreceipt\n%%EOF\n');
		let received = '';
		const { api } = mockTripletex();
		api
			.post(`${V2}/ledger/voucher/9001/attachment`, (body: string) => {
				received = body;
				return true;
			})
			.matchHeader('content-type', /^multipart\/form-data; boundary=/)
			.reply(200, { value: { id: 9001, attachment: { id: 77 } } });

		const input = [{ json: { id: 9001 }, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'receipt.pdf' } } }];
		const result = await runTripletex({ resource: 'voucher', operation: 'uploadAttachment', voucherId: '9001', binaryPropertyName: 'data' }, { input });

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 9001, attachment: { id: 77 }, alreadyExisted: false }]);
		expect(received).toContain('Content-Disposition: form-data; name="file"; filename="receipt.pdf"');
		expect(received).toContain('%PDF-1.4\nreceipt');

		const text = [{ json: {}, binary: { data: { data: Buffer.from('hello').toString('base64'), mimeType: 'application/pdf', fileName: 'fake.pdf' } } }];
		const refused = await runTripletex({ resource: 'voucher', operation: 'uploadAttachment', voucherId: '9001', binaryPropertyName: 'data' }, { input: text });
		expect(refused.error?.message).toBe('The file in "data" of item 0 is not a PDF, PNG, JPEG or TIFF');
	});
});

describe('error output', () => {
	test('with "On Error: Continue (using error output)" a failed item goes to the error output, the rest stay', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/voucher/1`).query(true).reply(200, { value: { id: 1 } });
		api.get(`${V2}/ledger/voucher/2`).query(true).reply(404, { status: 404, code: 6000, message: 'Object not found', requestId: 'r-2' });

		const result = await runTripletex(
			{ resource: 'voucher', operation: 'get', voucherId: '={{ $json.id }}', fields: '' },
			{ input: [{ id: 1 }, { id: 2 }], settings: { onError: 'continueErrorOutput' } },
		);

		expect(result.status).toBe('success');
		expect(result.jsonOf('Tripletex')).toEqual([{ id: 1 }]);
		const [failed] = result.outputOf('Tripletex', { outputIndex: 1 });
		// n8n puts the input item's fields beside the error, so the failed order can be handled.
		expect(failed.json).toEqual({
			id: 2,
			error: 'Tripletex: Object not found (HTTP 404, code 6000)',
			details: 'The record does not exist (check the ID) or the token cannot see it.\nTripletex request ID: r-2',
		});
	});
});

describe('secrets', () => {
	const secrets = [
		tripletexCredential.data.consumerToken,
		tripletexCredential.data.employeeToken,
		SESSION_TOKEN,
		Buffer.from(`0:${SESSION_TOKEN}`).toString('base64'),
	];

	test('never appear in an API error, even when Tripletex echoes them', async () => {
		const { api } = mockTripletex();
		api
			.get(`${V2}/ledger/voucher/1`)
			.query(true)
			.reply(403, {
				status: 403,
				code: 9000,
				message: `Session ${SESSION_TOKEN} lacks access (consumerToken=${tripletexCredential.data.consumerToken})`,
			});

		const result = await runTripletex({ resource: 'voucher', operation: 'get', voucherId: '1', fields: '' });

		const error = result.error as NodeApiError;
		const everything = JSON.stringify({ message: error.message, description: error.description, context: error.context, cause: error.cause, messages: error.messages, run: result.run.data.resultData.error });
		for (const secret of secrets) expect(everything).not.toContain(secret);
		expect(error.message).toContain('[redacted]');
	});

	test('never appear in continue-on-fail error items or in the output', async () => {
		const { api } = mockTripletex();
		api.get(`${V2}/ledger/voucher/1`).query(true).reply(200, { value: { id: 1 } });
		api.get(`${V2}/ledger/voucher/2`).query(true).reply(400, `upstream said Authorization: Basic ${secrets[3]}`);

		const result = await runTripletex(
			{ resource: 'voucher', operation: 'get', voucherId: '={{ $json.id }}', fields: '' },
			{ input: [{ id: 1 }, { id: 2 }], settings: { onError: 'continueRegularOutput' } },
		);

		const output = JSON.stringify(result.outputOf('Tripletex'));
		expect(result.jsonOf('Tripletex')[0]).toEqual({ id: 1 });
		expect(result.jsonOf('Tripletex')[1].error).toBeDefined();
		for (const secret of secrets) expect(output).not.toContain(secret);
	});

	test('a wrong token gives a clear credential error without echoing either token', async () => {
		nock(TRIPLETEX_ORIGIN)
			.post(`${V2}/token/session/:create`)
			.reply(403, { status: 403, code: 9000, message: 'Ugyldig token' });

		const result = await runTripletex({ resource: 'voucher', operation: 'get', voucherId: '1', fields: '' });

		expect(result.error?.message).toContain('Tripletex did not accept the consumer token or the employee token (HTTP 403)');
		const everything = JSON.stringify(result.run.data.resultData.error);
		for (const secret of secrets) expect(everything).not.toContain(secret);
	});
});
