import { multipart, PNG_1X1, posting, resetHarness, SEED, startTripletex, type TripletexHarness } from './helpers';

let h: TripletexHarness;

beforeAll(async () => {
	h = await startTripletex();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetHarness(h);
});

const DATE = '2026-07-15';
const A = SEED.account;

function sale(gross: number, extra: Record<string, unknown> = {}) {
	return {
		date: DATE,
		description: 'Mystore ordre 6001',
		postings: [
			posting(1, A[1920], gross, { date: DATE, description: 'Kort/Klarna oppgjør' }),
			posting(2, A[3000], -gross, { date: DATE, vatType: { id: SEED.vat[3] }, description: 'Salg 25% mva' }),
		],
		...extra,
	};
}

async function createVoucher(body: unknown, query = '') {
	return h.call('POST', `/ledger/voucher${query}`, { body });
}

describe('POST /ledger/voucher', () => {
	it('books a balanced voucher, splitting VAT onto a system-generated row 0', async () => {
		const res = await createVoucher(sale(56750));
		expect(res.status).toBe(201);
		const v = res.json.value;
		expect(v).toMatchObject({ id: expect.any(Number), version: expect.any(Number), number: 1, year: 2026, tempNumber: 1, attachment: null });
		const rows = v.postings.map((p: any) => ({
			row: p.row,
			account: p.account.id,
			amount: p.amount,
			amountGross: p.amountGross,
			amountGrossCurrency: p.amountGrossCurrency,
			systemGenerated: p.systemGenerated,
		}));
		expect(rows).toEqual([
			{ row: 1, account: A[1920], amount: 56750, amountGross: 56750, amountGrossCurrency: 56750, systemGenerated: false },
			{ row: 2, account: A[3000], amount: -45400, amountGross: -56750, amountGrossCurrency: -56750, systemGenerated: false },
			{ row: 0, account: A[2700], amount: -11350, amountGross: -11350, amountGrossCurrency: -11350, systemGenerated: true },
		]);
		expect(v.postings.every((p: any) => typeof p.id === 'number')).toBe(true);
	});

	it('uses the input VAT account for deductible VAT and rounds to øre', async () => {
		const res = await createVoucher({
			date: DATE,
			postings: [posting(1, A[6800], 99.99, { vatType: { id: SEED.vat[1] } }), posting(2, A[1920], -99.99)],
		});
		expect(res.status).toBe(201);
		const [expense, , vat] = res.json.value.postings;
		expect(expense.amount).toBe(79.99);
		expect(vat).toMatchObject({ row: 0, account: { id: A[2710] }, amountGross: 20 });
	});

	it('numbers vouchers sent to the ledger; sendToLedger=false leaves number 0', async () => {
		expect((await createVoucher(sale(100))).json.value.number).toBe(1);
		const draft = (await createVoucher(sale(100), '?sendToLedger=false')).json.value;
		expect(draft.number).toBe(0);
		expect(draft.numberAsString).toBe('<Ikke bokført 2>');
		expect((await createVoucher(sale(100))).json.value.number).toBe(2);
		const posted = await h.call('PUT', `/ledger/voucher/${draft.id}/:sendToLedger`);
		expect(posted.json.value.number).toBe(3);
	});

	it('refuses an unbalanced voucher with a message on postings', async () => {
		const body = sale(100);
		body.postings[1].amountGross = -90;
		body.postings[1].amountGrossCurrency = -90;
		const res = await createVoucher(body);
		expect(res.status).toBe(422);
		expect(res.json).toMatchObject({ code: 18000, message: 'Validering feilet.' });
		expect(res.json.validationMessages).toEqual([expect.objectContaining({ field: 'postings', message: 'Summen av posteringene er ikke lik 0.' })]);
	});

	it('balances per date: two dates that net to zero only together are refused', async () => {
		const res = await createVoucher({
			date: DATE,
			postings: [posting(1, A[1920], 100, { date: '2026-07-15' }), posting(2, A[3100], -100, { date: '2026-07-16' })],
		});
		expect(res.status).toBe(422);
	});

	it('refuses row 0 and missing rows (system-generated rows)', async () => {
		const res = await createVoucher({ date: DATE, postings: [posting(0, A[1920], 100), posting(undefined, A[3100], -100)] });
		expect(res.status).toBe(422);
		const messages = res.json.validationMessages;
		expect(messages.filter((m: any) => m.field === 'postings.row')).toHaveLength(2);
		expect(messages[0].message).toMatch(/rad 0 \(guiRow 0\) er systemgenererte/);
		expect(messages).toContainEqual(expect.objectContaining({ field: 'postings', message: 'Et bilag kan ikke registreres uten posteringer.' }));
	});

	it('requires a customer on a customer-ledger account (1500)', async () => {
		const without = await createVoucher({ date: DATE, postings: [posting(1, A[1500], 100), posting(2, A[3100], -100)] });
		expect(without.status).toBe(422);
		expect(without.json.validationMessages[0]).toMatchObject({ field: 'postings.customer', message: 'Kunde mangler.', path: 'postings[0].customer' });
		const withCustomer = await createVoucher({
			date: DATE,
			postings: [posting(1, A[1500], 100, { customer: { id: SEED.customer.fjordkaffe } }), posting(2, A[3100], -100)],
		});
		expect(withCustomer.status).toBe(201);
	});

	it('requires a supplier on 2400 and an employee on an employee ledger', async () => {
		const res = await createVoucher({ date: DATE, postings: [posting(1, A[4000], 100), posting(2, A[2400], -100), posting(3, A[2910], 0)] });
		expect(res.json.validationMessages.map((m: any) => m.message)).toEqual(['Leverandør mangler.', 'Ansatt mangler.']);
	});

	it('postings on one row must share description and customer', async () => {
		const res = await createVoucher({
			date: DATE,
			postings: [
				posting(1, A[1500], 100, { description: 'a', customer: { id: SEED.customer.fjordkaffe } }),
				posting(1, A[3100], -100, { description: 'b' }),
			],
		});
		expect(res.status).toBe(422);
		expect(res.json.validationMessages.map((m: any) => m.field)).toEqual(['postings.description', 'postings.customer']);
		const sameRow = await createVoucher({
			date: DATE,
			postings: [
				posting(1, A[1500], 100, { description: 'a', customer: { id: SEED.customer.fjordkaffe } }),
				posting(1, A[3100], -100, { description: 'a', customer: { id: SEED.customer.fjordkaffe } }),
			],
		});
		expect(sameRow.status).toBe(201);
	});

	it('refuses unknown accounts, illegal VAT codes and the outgoing-invoice voucher type', async () => {
		const res = await createVoucher({
			date: DATE,
			voucherType: { id: SEED.voucherType.utgaendeFaktura },
			postings: [posting(1, 999, 100), posting(2, A[1920], -100, { vatType: { id: SEED.vat[3] } })],
		});
		expect(res.status).toBe(422);
		const fields = res.json.validationMessages.map((m: any) => m.field);
		expect(fields).toEqual(expect.arrayContaining(['voucherType', 'postings.account.id', 'postings.vatType']));
	});

	it('limits externalVoucherNumber to 70 characters', async () => {
		const res = await createVoucher(sale(100, { externalVoucherNumber: 'x'.repeat(71) }));
		expect(res.json.validationMessages[0].field).toBe('externalVoucherNumber');
	});

	it('requires amountGrossCurrency next to amountGross', async () => {
		const res = await createVoucher({ date: DATE, postings: [{ row: 1, account: { id: A[1920] }, amountGross: 100 }, posting(2, A[3100], -100)] });
		expect(res.status).toBe(422);
		expect(res.json.validationMessages[0].field).toBe('postings.amountGrossCurrency');
	});

	it('rejects a body that does not match the spec, naming the field path', async () => {
		const res = await createVoucher({ date: DATE, postings: [{ row: 'one', account: { id: A[1920] }, amountGross: 1, amountGrossCurrency: 1, colour: 'red' }] });
		expect(res.status).toBe(422);
		expect(res.json.code).toBe(16000);
		expect(res.json.validationMessages).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ field: 'postings.row', path: 'postings[0].row' }),
				expect.objectContaining({ field: 'postings.colour', message: 'Feltet eksisterer ikke i objektet.' }),
			]),
		);
	});

	it('answers invalid JSON with 422/22000', async () => {
		const res = await h.call('POST', '/ledger/voucher', { rawBody: '{"date": ', contentType: 'application/json' });
		expect(res.status).toBe(422);
		expect(res.json.code).toBe(22000);
	});
});

describe('finding vouchers', () => {
	it('GET /ledger/voucher needs dateFrom and dateTo; dateTo is exclusive', async () => {
		await createVoucher(sale(100));
		const missing = await h.call('GET', '/ledger/voucher?dateFrom=2026-07-01');
		expect(missing.status).toBe(422);
		expect(missing.json.validationMessages[0].field).toBe('dateTo');
		expect((await h.call('GET', '/ledger/voucher?dateFrom=2026-07-01&dateTo=2026-07-15')).json.values).toHaveLength(0);
		const found = await h.call('GET', '/ledger/voucher?dateFrom=2026-07-15&dateTo=2026-07-16');
		expect(found.json).toMatchObject({ fullResultSize: 1, from: 0, count: 1 });
		expect(found.json.versionDigest).toBe("'If-None-Match' header not specified");
	});

	it('pages with from/count', async () => {
		for (let i = 0; i < 3; i++) await createVoucher(sale(100 + i));
		const page = await h.call('GET', '/ledger/voucher?dateFrom=2026-01-01&dateTo=2027-01-01&from=1&count=1');
		expect(page.json).toMatchObject({ fullResultSize: 3, from: 1, count: 1 });
		expect(page.json.values[0].number).toBe(2);
	});

	it('finds by exact externalVoucherNumber', async () => {
		await createVoucher(sale(100, { externalVoucherNumber: 'mystore-6001' }));
		await createVoucher(sale(100, { externalVoucherNumber: 'mystore-60011' }));
		const res = await h.call('GET', '/ledger/voucher/%3EexternalVoucherNumber?externalVoucherNumber=mystore-6001');
		expect(res.json.values).toHaveLength(1);
		expect(res.json.values[0].externalVoucherNumber).toBe('mystore-6001');
		const none = await h.call('GET', '/ledger/voucher/>externalVoucherNumber?externalVoucherNumber=mystore-7');
		expect(none.json.values).toEqual([]);
	});

	it('shows references as {id, url} stubs unless fields expands them', async () => {
		const id = (await createVoucher(sale(100))).json.value.id;
		const plain = (await h.call('GET', `/ledger/voucher/${id}`)).json.value;
		expect(plain.postings[0]).toEqual({ id: expect.any(Number), url: expect.stringMatching(/\/v2\/ledger\/posting\/\d+$/) });
		const expanded = await h.call('GET', `/ledger/voucher/${id}?fields=id,postings(row,account(number),vatType(number))`);
		expect(expanded.json.value).toEqual({
			id,
			postings: [
				{ row: 1, account: { number: 1920 }, vatType: { number: '0' } },
				{ row: 2, account: { number: 3000 }, vatType: { number: '3' } },
				{ row: 0, account: { number: 2700 }, vatType: { number: '0' } },
			],
		});
		const bad = await h.call('GET', `/ledger/voucher/${id}?fields=id,colour`);
		expect(bad.status).toBe(400);
		expect(bad.json.code).toBe(11000);
	});

	it('answers 404/6000 for an unknown voucher', async () => {
		const res = await h.call('GET', '/ledger/voucher/123');
		expect(res.status).toBe(404);
		expect(res.json).toMatchObject({ status: 404, code: 6000 });
	});
});

describe('reverse and delete', () => {
	it('reverses a voucher once, with negated postings', async () => {
		const original = (await createVoucher(sale(56750))).json.value;
		const res = await h.call('PUT', `/ledger/voucher/${original.id}/:reverse?date=2026-07-20`);
		expect(res.status).toBe(200);
		const reversal = res.json.value;
		expect(reversal.id).not.toBe(original.id);
		expect(reversal.date).toBe('2026-07-20');
		expect(reversal.postings.map((p: any) => [p.row, p.amountGross])).toEqual([
			[1, -56750],
			[2, 56750],
			[0, 11350],
		]);
		expect((await h.call('GET', `/ledger/voucher/${original.id}`)).json.value.reverseVoucher.id).toBe(reversal.id);
		const again = await h.call('PUT', `/ledger/voucher/${original.id}/:reverse?date=2026-07-21`);
		expect(again.status).toBe(422);
		expect(again.json.validationMessages[0].message).toBe('Bilaget er allerede reversert.');
		const missingDate = await h.call('PUT', `/ledger/voucher/${reversal.id}/:reverse`);
		expect(missingDate.status).toBe(422);
	});

	it('deletes a plain voucher but not a reversed one', async () => {
		const plain = (await createVoucher(sale(100))).json.value;
		expect((await h.call('DELETE', `/ledger/voucher/${plain.id}`)).status).toBe(204);
		expect((await h.call('GET', `/ledger/voucher/${plain.id}`)).status).toBe(404);
		const reversed = (await createVoucher(sale(100))).json.value;
		await h.call('PUT', `/ledger/voucher/${reversed.id}/:reverse?date=2026-07-20`);
		expect((await h.call('DELETE', `/ledger/voucher/${reversed.id}`)).status).toBe(422);
	});
});

describe('attachments and PDF', () => {
	it('uploads a PDF, appends a PNG, refuses other content', async () => {
		const voucher = (await createVoucher(sale(100))).json.value;
		const pdf = (await h.call('GET', `/ledger/voucher/${voucher.id}/pdf`)).buffer;
		const first = multipart([{ name: 'file', filename: 'kvittering.pdf', contentType: 'application/pdf', data: pdf }]);
		const res = await h.call('POST', `/ledger/voucher/${voucher.id}/attachment`, { rawBody: first.body, contentType: first.contentType });
		expect(res.status).toBe(201);
		const attachmentId = res.json.value.attachment.id;
		expect(attachmentId).toEqual(expect.any(Number));

		const second = multipart([{ name: 'file', filename: 'bilde.png', contentType: 'image/png', data: PNG_1X1 }]);
		const appended = await h.call('POST', `/ledger/voucher/${voucher.id}/attachment`, { rawBody: second.body, contentType: second.contentType });
		expect(appended.json.value.attachment.id).toBe(attachmentId);

		// A .pdf name does not make a text file a PDF: content decides.
		const fake = multipart([{ name: 'file', filename: 'faktura.pdf', contentType: 'application/pdf', data: 'just text' }]);
		const refused = await h.call('POST', `/ledger/voucher/${voucher.id}/attachment`, { rawBody: fake.body, contentType: fake.contentType });
		expect(refused.status).toBe(422);
		expect(refused.json.validationMessages[0].field).toBe('file');

		const noFile = multipart([{ name: 'other', data: 'x' }]);
		expect((await h.call('POST', `/ledger/voucher/${voucher.id}/attachment`, { rawBody: noFile.body, contentType: noFile.contentType })).status).toBe(422);
	});

	it('serves the voucher as a real PDF', async () => {
		const voucher = (await createVoucher(sale(100))).json.value;
		const res = await h.call('GET', `/ledger/voucher/${voucher.id}/pdf`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/octet-stream');
		const pdf = res.buffer;
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
		expect(pdf.toString('latin1')).toContain(`Bilag: ${voucher.numberAsString}`);
	});
});
