import { responseViolations } from '../../sandbox/procountor/contract';
import { isValidFinnishReference } from '../../sandbox/procountor/text';
import { multipart, PNG_1X1 } from './helpers';
import { invoiceBody, PC, resetProcountor, startProcountor, type ProcountorHarness } from './procountor-helpers';

let h: ProcountorHarness;

beforeAll(async () => {
	h = await startProcountor();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetProcountor(h);
});

const create = (overrides: Record<string, unknown> = {}) => h.call('POST', '/invoices', { body: invoiceBody(overrides) });
const fields = (res: { json: any }) => (res.json.errors as Array<{ field: string }>).map((e) => e.field);

describe('POST /invoices', () => {
	it('creates an UNFINISHED sales invoice with number, generated reference and the external number kept', async () => {
		const res = await create({ status: 'SENT' });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			id: expect.any(Number),
			type: 'SALES_INVOICE',
			status: 'UNFINISHED',
			invoiceNumber: 1001,
			ledgerReceiptId: expect.any(Number),
			originalInvoiceNumber: 'WEB-1001',
			orderReference: 'WEB-1001',
			billingAddress: { name: 'Kahvila Äijä Oy', street: 'Aleksanterinkatu 1' },
			version: expect.any(String),
		});
		expect(res.json.paymentInfo.bankReferenceCode).toBe('10016');
		expect(isValidFinnishReference(res.json.paymentInfo.bankReferenceCode)).toBe(true);
		const got = await h.call('GET', `/invoices/${res.json.id}`);
		expect(got.json).toEqual(res.json);
	});

	it('omitting bankReferenceCode means no reference; RF type gives an RF reference; a bad check digit is refused', async () => {
		const pay = invoiceBody().paymentInfo as Record<string, unknown>;
		const { bankReferenceCode: _omit, ...withoutRef } = pay;
		void _omit;
		expect((await create({ paymentInfo: withoutRef })).json.paymentInfo.bankReferenceCode).toBeUndefined();
		expect((await create({ paymentInfo: { ...pay, bankReferenceCodeType: 'RF' } })).json.paymentInfo.bankReferenceCode).toMatch(/^RF\d{2}\d+$/);
		const bad = await create({ paymentInfo: { ...pay, bankReferenceCode: '1233' } });
		expect(bad.status).toBe(400);
		expect(fields(bad)).toEqual(['paymentInfo.bankReferenceCode']);
	});

	it('names every missing required field', async () => {
		const res = await h.call('POST', '/invoices', { body: { type: 'SALES_INVOICE', invoiceRows: [{ product: 'x' }] } });
		expect(res.status).toBe(400);
		expect(fields(res)).toEqual(
			expect.arrayContaining([
				'date',
				'counterParty',
				'paymentInfo',
				'extraInfo',
				'discountPercent',
				'vatStatus',
				'language',
				'invoiceChannel',
				'invoiceRows[0].quantity',
				'invoiceRows[0].unit',
				'invoiceRows[0].unitPrice',
				'invoiceRows[0].discountPercent',
				'invoiceRows[0].vatPercent',
			]),
		);
		expect(res.json.errors[0]).toEqual({ status: 400, field: expect.any(String), message: expect.any(String) });
	});

	it('refuses characters outside Windows-1252 anywhere, naming the field; € and ä are fine', async () => {
		const rows = invoiceBody().invoiceRows as Array<Record<string, unknown>>;
		const res = await create({ invoiceRows: [{ ...rows[0], product: 'Kahvi ☕ 250 g' }], notes: 'Kiitos 🙏' });
		expect(res.status).toBe(400);
		expect(res.json.errors).toEqual([
			{ status: 400, field: 'invoiceRows[0].product', message: expect.stringContaining('U+2615') },
			{ status: 400, field: 'notes', message: expect.stringContaining('Windows-1252') },
		]);
		expect((await create({ notes: 'Hinta 10 € – kiitos, Äijä' })).status).toBe(200);
		expect((await h.call('GET', '/invoices')).json.meta.totalCount).toBe(1);
	});

	it('vatPercent must be one of the company VAT percentages', async () => {
		const rows = invoiceBody().invoiceRows as Array<Record<string, unknown>>;
		const res = await create({ invoiceRows: [{ ...rows[0], vatPercent: 24 }] });
		expect(res.status).toBe(400);
		expect(res.json.errors).toEqual([{ status: 400, field: 'invoiceRows[0].vatPercent', message: expect.stringContaining('25.5') }]);
	});

	it('checks the seller bank account and the payment term', async () => {
		const pay = invoiceBody().paymentInfo as Record<string, unknown>;
		const bad = await create({ paymentInfo: { ...pay, bankAccount: { accountNumber: 'FI2799999900031564' }, dueDate: '2026-09-01' } });
		expect(fields(bad)).toEqual(['paymentInfo.dueDate', 'paymentInfo.bankAccount.accountNumber']);
		expect(fields(await create({ paymentInfo: { ...pay, bankAccount: undefined } }))).toEqual(['paymentInfo.bankAccount.accountNumber']);
	});

	it('a malformed business ID of the counterparty is ERROR_BRN_CODE', async () => {
		const cp = invoiceBody().counterParty as Record<string, unknown>;
		const res = await create({ counterParty: { ...cp, identifier: '0112038-8' } });
		expect(res.json.errors).toEqual([{ status: 400, field: 'counterParty.identifier', message: 'ERROR_BRN_CODE' }]);
	});

	describe('channel rules', () => {
		const cp = () => invoiceBody().counterParty as Record<string, any>;
		it('EMAIL needs the counterparty email', async () => {
			const { email: _e, ...noEmail } = cp();
			void _e;
			expect(fields(await create({ counterParty: noEmail }))).toEqual(['counterParty.email']);
		});
		it('MAIL needs street, zip and city', async () => {
			const res = await create({ invoiceChannel: 'MAIL', counterParty: { ...cp(), counterPartyAddress: { name: 'Kahvila Äijä Oy', city: 'Helsinki' } } });
			expect(fields(res)).toEqual(['counterParty.counterPartyAddress.street', 'counterParty.counterPartyAddress.zip']);
			expect((await create({ invoiceChannel: 'MAIL' })).status).toBe(200);
		});
		it('ELECTRONIC_INVOICE needs both addresses, the e-invoice address and (in Finland) the operator', async () => {
			const res = await create({ invoiceChannel: 'ELECTRONIC_INVOICE', counterParty: { ...cp(), einvoiceAddress: { address: '003701120389' } } });
			expect(fields(res)).toEqual(['billingAddress.street', 'billingAddress.zip', 'billingAddress.city', 'counterParty.einvoiceAddress.operator']);
			const address = cp().counterPartyAddress;
			const ok = await create({
				invoiceChannel: 'ELECTRONIC_INVOICE',
				billingAddress: address,
				counterParty: { ...cp(), einvoiceAddress: { address: '003701120389', operator: 'E204503' } },
			});
			expect(ok.status).toBe(200);
		});
		it('EDIFACT and PAPER_INVOICE are not allowed on POST', async () => {
			expect(fields(await create({ invoiceChannel: 'PAPER_INVOICE' }))).toEqual(['invoiceChannel']);
		});
	});
});

describe('GET /invoices', () => {
	it('filters by originalInvoiceNumber, status, types, dates and partner, and pages with page/size', async () => {
		for (let i = 1; i <= 5; i++) {
			await create({ originalInvoiceNumber: `WEB-${i}`, date: `2026-10-0${i}`, ...(i === 5 ? { partnerId: PC.partner.kahvila } : {}) });
		}
		const one = await h.call('GET', '/invoices?types=SALES_INVOICE&originalInvoiceNumber=WEB-3');
		expect(one.json.results).toEqual([
			{
				id: expect.any(Number),
				partnerId: null,
				type: 'SALES_INVOICE',
				status: 'UNFINISHED',
				invoiceNumber: 1003,
				originalInvoiceNumber: 'WEB-3',
				invoiceChannel: 'EMAIL',
				date: '2026-10-03',
				dueDate: expect.any(String),
				created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
				version: expect.any(String),
				invoiceSumInfo: [{ currency: 'EUR', inAccountingCurrency: true, excludingVatTotal: 29.05, vatSumTotal: 5.36, invoiceSumTotal: 34.41 }],
				creatorId: expect.any(Number),
				counterParty: expect.objectContaining({ counterPartyAddress: expect.objectContaining({ name: 'Kahvila Äijä Oy' }) }),
			},
		]);
		expect(responseViolations('GET', '/api/invoices', 200, one.json)).toEqual([]);
		expect((await h.call('GET', '/invoices?originalInvoiceNumber=WEB')).json.results).toEqual([]);
		expect((await h.call('GET', '/invoices?startDate=2026-10-02&endDate=2026-10-03')).json.meta.totalCount).toBe(2);
		expect((await h.call('GET', `/invoices?businessPartnerId=${PC.partner.kahvila}`)).json.results).toHaveLength(1);
		const page = await h.call('GET', '/invoices?page=1&size=2');
		expect(page.json.meta).toEqual({ pageNumber: 1, pageSize: 2, resultCount: 2, totalCount: 5 });
		expect(page.json.results.map((r: any) => r.originalInvoiceNumber)).toEqual(['WEB-3', 'WEB-2']);
		expect((await h.call('GET', '/invoices?status=SENT')).json.results).toEqual([]);
		expect((await h.call('GET', '/invoices?status=BOGUS')).status).toBe(400);
		expect((await h.call('GET', '/invoices?size=201')).status).toBe(400);
	});

	it('created and version filters are date-times: the last second of a day is in; a plain date is refused', async () => {
		await h.control.configure({ now: '2026-07-31T20:30:00Z' }); // 23:30 in Helsinki
		const late = (await create({ originalInvoiceNumber: 'LATE' })).json;
		await h.control.configure({ now: '2026-08-01T09:00:00Z' });
		await create({ originalInvoiceNumber: 'NEXT-DAY' });
		const numbers = async (query: string) => (await h.call('GET', `/invoices?${query}`)).json.results.map((r: any) => r.originalInvoiceNumber);
		expect(await numbers('createdStartDate=2026-07-31T00:00:00&createdEndDate=2026-07-31T23:59:59')).toEqual(['LATE']);
		expect(await numbers('createdStartDate=2026-08-01T00:00:00')).toEqual(['NEXT-DAY']);
		expect(await numbers(`versionEndDate=${encodeURIComponent(late.version)}`)).toEqual(['LATE']);
		expect(await numbers('versionStartDate=2026-08-01T11:59:00')).toEqual(['NEXT-DAY']);
		const plain = await h.call('GET', '/invoices?createdEndDate=2026-07-31');
		expect(plain.status).toBe(400);
		expect(plain.json.errors[0].field).toBe('createdEndDate');
	});

	it('orderByDate, orderByCreated and orderByVersion sort the results', async () => {
		await create({ originalInvoiceNumber: 'B', date: '2026-10-02' });
		await create({ originalInvoiceNumber: 'A', date: '2026-10-03' });
		await create({ originalInvoiceNumber: 'C', date: '2026-10-01' });
		const numbers = async (query: string) => (await h.call('GET', `/invoices?${query}`)).json.results.map((r: any) => r.originalInvoiceNumber);
		expect(await numbers('')).toEqual(['C', 'A', 'B']);
		expect(await numbers('orderByDate=ASC')).toEqual(['C', 'B', 'A']);
		expect(await numbers('orderByDate=DESC')).toEqual(['A', 'B', 'C']);
		expect(await numbers('orderByCreated=ASC')).toEqual(['B', 'A', 'C']);
		expect(await numbers('orderByVersion=DESC')).toEqual(['C', 'A', 'B']);
		expect((await h.call('GET', '/invoices?orderByDate=UP')).status).toBe(400);
	});

	it('searchTerm matches what a search row shows: the counterparty name, the invoice number, the original invoice number', async () => {
		await create({ originalInvoiceNumber: 'WEB-77', orderReference: 'PO-REF-9' });
		const count = async (term: string) => (await h.call('GET', `/invoices?searchTerm=${encodeURIComponent(term)}`)).json.results.length;
		expect(await count('kahvila')).toBe(1);
		expect(await count('web-77')).toBe(1);
		expect(await count('1001')).toBe(1);
		expect(await count('PO-REF')).toBe(0);
	});

	it('GET /invoices/{ids} takes comma-separated ids; unknown is 404', async () => {
		const a = (await create()).json.id;
		const b = (await create({ originalInvoiceNumber: 'WEB-2' })).json.id;
		const res = await h.call('GET', `/invoices/${a},${b}`);
		expect(res.json.map((i: any) => i.id)).toEqual([a, b]);
		const missing = await h.call('GET', '/invoices/999');
		expect(missing.status).toBe(404);
		expect(missing.json.errors[0].status).toBe(404);
	});
});

describe('lifecycle', () => {
	it('UNFINISHED -> approve -> NOT_SENT -> send -> SENT -> mark paid', async () => {
		const id = (await create()).json.id;
		expect((await h.call('PUT', `/invoices/${id}/send`)).status).toBe(403);
		const approved = await h.call('PUT', `/invoices/${id}/approve`, { body: { comment: 'ok' } });
		expect(approved.status).toBe(200);
		expect((await h.call('GET', `/invoices/${id}`)).json.status).toBe('NOT_SENT');
		const again = await h.call('PUT', `/invoices/${id}/approve`);
		expect(again.status).toBe(403);
		expect(again.json.errors[0].message).toMatch(/status/);
		expect((await h.call('PUT', `/invoices/${id}/send`)).status).toBe(200);
		expect((await h.call('GET', `/invoices/${id}`)).json.status).toBe('SENT');
		expect((await h.call('PUT', `/invoices/${id}/send`)).status).toBe(200);
		const paid = await h.call('PUT', `/invoices/${id}/paymentevents/markpaid`, {
			body: { paymentDate: '2026-10-10', amount: 34.41, currency: 'EUR', paymentMethodType: 'EXTERNAL_BANK_TRANSFER' },
		});
		expect(paid.status).toBe(200);
		expect(paid.json).toMatchObject({ invoiceId: id, status: 'MARKED_PAID', amount: 34.41, currency: 'EUR' });
		const settled = (await h.call('GET', `/invoices/${id}`)).json;
		expect(settled).toMatchObject({ status: 'MARKED_PAID', paymentDate: '2026-10-10' });
		expect(responseViolations('GET', `/api/invoices/${id}`, 200, settled)).toEqual([]);
		expect((await h.call('GET', '/invoices?status=MARKED_PAID')).json.results).toHaveLength(1);
	});

	it('NO_SENDING invoices become APPROVED and cannot be sent; mark paid validates and needs an approved invoice', async () => {
		const id = (await create({ invoiceChannel: 'NO_SENDING' })).json.id;
		const early = await h.call('PUT', `/invoices/${id}/paymentevents/markpaid`, { body: { paymentDate: '2026-10-10', amount: 1, currency: 'EUR' } });
		expect(early.status).toBe(403);
		await h.call('PUT', `/invoices/${id}/approve`);
		expect((await h.call('GET', `/invoices/${id}`)).json.status).toBe('APPROVED');
		expect((await h.call('PUT', `/invoices/${id}/send`)).status).toBe(403);
		const bad = await h.call('PUT', `/invoices/${id}/paymentevents/markpaid`, { body: { amount: 1, currency: 'SEK' } });
		expect(fields(bad)).toEqual(['paymentDate', 'currency']);
		const partial = await h.call('PUT', `/invoices/${id}/paymentevents/markpaid`, { body: { paymentDate: '2026-10-10', amount: 10, currency: 'EUR' } });
		expect(partial.status).toBe(200);
		const partly = (await h.call('GET', `/invoices/${id}`)).json;
		expect(partly.status).toBe('PARTLY_PAID');
		expect(partly.paymentDate).toBeUndefined();
	});
});

describe('POST /attachments', () => {
	it('adds a file to an invoice from multipart meta + file', async () => {
		const id = (await create()).json.id;
		const { body, contentType } = multipart([
			{ name: 'meta', contentType: 'application/json', data: JSON.stringify({ name: 'tilaus.png', referenceType: 'INVOICE', referenceId: id, sendWithInvoice: true }) },
			{ name: 'file', filename: 'tilaus.png', contentType: 'image/png', data: PNG_1X1 },
		]);
		const res = await h.call('POST', '/attachments', { rawBody: body, contentType });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ id: expect.any(Number), name: 'tilaus.png', referenceType: 'INVOICE', referenceId: id, mimeType: 'image/png', sendWithInvoice: true });
		expect((await h.call('GET', `/invoices/${id}`)).json.attachments).toEqual([expect.objectContaining({ id: res.json.id, name: 'tilaus.png' })]);
		const file = await h.call('GET', `/attachments/${res.json.id}/content`);
		expect(file.buffer.equals(PNG_1X1)).toBe(true);
		// As the API description has them: content at /content, DELETE answers 204 without a body.
		const deleted = await h.call('DELETE', `/attachments/${res.json.id}`);
		expect([deleted.status, deleted.buffer.length]).toEqual([204, 0]);
		expect((await h.call('GET', `/invoices/${id}`)).json.attachments).toEqual([]);
	});

	it('validates meta (extension, sendWithInvoice), the file and the invoice', async () => {
		const upload = (meta: Record<string, unknown>, withFile = true) => {
			const { body, contentType } = multipart([
				{ name: 'meta', contentType: 'application/json', data: JSON.stringify(meta) },
				...(withFile ? [{ name: 'file', filename: 'x.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n') }] : []),
			]);
			return h.call('POST', '/attachments', { rawBody: body, contentType });
		};
		expect(fields(await upload({ name: 'kuitti', referenceType: 'INVOICE', referenceId: 1 }, false))).toEqual(['name', 'sendWithInvoice', 'file']);
		expect((await upload({ name: 'kuitti.pdf', referenceType: 'INVOICE', referenceId: 999, sendWithInvoice: false })).status).toBe(404);
		expect(fields(await upload({ name: 'kuitti 😀.pdf', referenceType: 'INVOICE', referenceId: 999, sendWithInvoice: false }))).toEqual(['name']);
		expect((await h.call('POST', '/attachments', { body: { name: 'x.pdf' } })).status).toBe(415);
	});
});
