import type { IDataObject } from 'n8n-workflow';

import nock from 'nock';

import { CredentialStore } from '../../harness';
import {
	API,
	expectNoSecrets,
	mockProcountor,
	pageOf,
	pendingRequests,
	procountorCredential,
	runProcountor,
	sentProcountorRequests,
	setUpNock,
	tearDownNock,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

describe('invoice: get and get many', () => {
	test('get returns the invoice', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/invoices/9001`).reply(200, { id: 9001, status: 'SENT' });
		const result = await runProcountor({ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' }, { input: [{ id: 9001 }] });
		expect(result.outputOf('Procountor')).toEqual([{ json: { id: 9001, status: 'SENT' }, pairedItem: { item: 0 } }]);
	});

	test('a non-numeric id is refused before sending', async () => {
		const result = await runProcountor({ resource: 'invoice', operation: 'get', invoiceId: 'abc' });
		expect(result.error?.message).toBe('Invoice ID in item 0 must be a Procountor ID (a positive whole number), got "abc"');
	});

	test('get many with filters pages by page/size until a short page (Return All)', async () => {
		const { api } = mockProcountor();
		const full = Array.from({ length: 200 }, (_, index) => ({ id: index + 1 }));
		const query = {
			status: 'NOT_SENT,SENT',
			types: 'SALES_INVOICE',
			startDate: '2026-07-01',
			endDate: '2026-07-31',
			businessPartnerId: '501',
			originalInvoiceNumber: '1001',
			size: '200',
		};
		api
			.get(`${API}/invoices`)
			.query({ ...query, page: '0' })
			.reply(200, pageOf(full))
			.get(`${API}/invoices`)
			.query({ ...query, page: '1' })
			.reply(200, pageOf([{ id: 201 }], 1));
		const result = await runProcountor({
			resource: 'invoice',
			operation: 'getMany',
			returnAll: true,
			filters: {
				status: ['NOT_SENT', 'SENT'],
				types: ['SALES_INVOICE'],
				startDate: '2026-07-01',
				endDate: '2026-07-31',
				businessPartnerId: '501',
				originalInvoiceNumber: '1001',
			},
		});
		expect(result.jsonOf('Procountor')).toHaveLength(201);
		expect(pendingRequests()).toEqual([]);
	});

	test('get many with a limit asks for just that many', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/invoices`).query({ page: '0', size: '3' }).reply(200, pageOf([{ id: 1 }, { id: 2 }, { id: 3 }]));
		const result = await runProcountor({ resource: 'invoice', operation: 'getMany', returnAll: false, limit: 3 });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
	});
});

describe('invoice: approve, send, mark paid', () => {
	test('approve: UNFINISHED → approved, with no body (the comment is ignored for sales invoices); output is the invoice after', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'UNFINISHED' })
			.put(`${API}/invoices/9001/approve`, (body) => body === '' || body === undefined)
			.reply(200, {})
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'NOT_SENT' });
		const result = await runProcountor({ resource: 'invoice', operation: 'approve', invoiceId: '9001' });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9001, status: 'NOT_SENT', alreadyApproved: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('approve again is a no-op that says so', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/invoices/9001`).reply(200, { id: 9001, status: 'NOT_SENT' });
		const result = await runProcountor({ resource: 'invoice', operation: 'approve', invoiceId: '9001' });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9001, status: 'NOT_SENT', alreadyApproved: true }]);
	});

	test('send: NOT_SENT → SENT, no body', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'NOT_SENT' })
			.put(`${API}/invoices/9001/send`, (body) => body === '' || body === undefined || Object.keys(body ?? {}).length === 0)
			.reply(200, {})
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'SENT' });
		const result = await runProcountor({ resource: 'invoice', operation: 'send', invoiceId: '9001' });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9001, status: 'SENT', alreadySent: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('send: an already sent invoice is not sent again; an unfinished one is refused', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/invoices/9001`).reply(200, { id: 9001, status: 'SENT' }).get(`${API}/invoices/9002`).reply(200, { id: 9002, status: 'UNFINISHED' });
		const result = await runProcountor(
			{ resource: 'invoice', operation: 'send', invoiceId: '={{ $json.id }}' },
			{ input: [{ id: 9001 }, { id: 9002 }], settings: { onError: 'continueRegularOutput' } },
		);
		expect(result.jsonOf('Procountor')).toEqual([
			{ id: 9001, status: 'SENT', alreadySent: true },
			{ error: 'Invoice 9002 in item 1 cannot be sent: its status is UNFINISHED', details: 'Approve it first (Invoice → Approve). Nothing was sent.' },
		]);
	});

	test('send: when reading the invoice back fails after Procountor accepted the send, the item still reports it sent (and is not sent again)', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'NOT_SENT' })
			.put(`${API}/invoices/9001/send`)
			.reply(200, {})
			.get(`${API}/invoices/9001`)
			.reply(403, { errors: [{ status: 403, message: 'API client suspended' }] });
		const result = await runProcountor({ resource: 'invoice', operation: 'send', invoiceId: '9001' });
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9001, status: 'SENT', alreadySent: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('mark paid sends date, amount and the invoice currency', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'SENT', paymentInfo: { currency: 'EUR' } })
			// An earlier payment of another amount is not this one.
			.get(`${API}/invoices/9001/paymentevents`)
			.query({ page: 0, size: 200 })
			.reply(200, { results: [{ id: 1, paymentDate: '2026-07-15', amount: 10 }], meta: {} })
			.put(`${API}/invoices/9001/paymentevents/markpaid`, { paymentDate: '2026-07-15', amount: 30.9, currency: 'EUR', paymentMethodType: 'CHARGE_CARD' })
			.reply(200, {})
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'MARKED_PAID' });
		const result = await runProcountor({
			resource: 'invoice',
			operation: 'markPaid',
			invoiceId: '9001',
			paymentDate: '2026-07-15',
			amount: '30,90',
			additionalFields: { paymentMethodType: 'CHARGE_CARD' },
		});
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9001, status: 'MARKED_PAID', alreadyPaid: false }]);
		expect(pendingRequests()).toEqual([]);
	});

	test('mark paid again (a re-run after the answer was lost): the payment event of that date and amount is there, nothing is sent', async () => {
		const { api } = mockProcountor();
		api
			.get(`${API}/invoices/9001`)
			.reply(200, { id: 9001, status: 'PARTLY_PAID', paymentInfo: { currency: 'EUR' } })
			.get(`${API}/invoices/9001/paymentevents`)
			.query({ page: 0, size: 200 })
			.reply(200, { results: [{ id: 1, paymentDate: '2026-07-15', amount: 30.9 }], meta: {} });
		const result = await runProcountor({ resource: 'invoice', operation: 'markPaid', invoiceId: '9001', paymentDate: '2026-07-15', amount: '30.90' });
		expect(result.jsonOf('Procountor')).toEqual([{ id: 9001, status: 'PARTLY_PAID', paymentInfo: { currency: 'EUR' }, alreadyPaid: true }]);
		expect(pendingRequests()).toEqual([]);
	});
});

describe('invoice: add attachment', () => {
	test('multipart with a JSON meta part and the file', async () => {
		const { api } = mockProcountor();
		let received = '';
		let contentType = '';
		api
			.post(`${API}/attachments`)
			.reply(function (_uri, body) {
				contentType = String(this.req.headers['content-type']);
				received = Buffer.isBuffer(body) ? body.toString('latin1') : typeof body === 'string' ? body : JSON.stringify(body);
				return [200, { id: 55, name: 'receipt.pdf', referenceType: 'INVOICE', referenceId: 9001 }];
			});
		const pdf = Buffer.from('%PDF-1.4\n%test\n');
		const result = await runProcountor(
			{ resource: 'invoice', operation: 'addAttachment', invoiceId: '9001', binaryPropertyName: 'data', sendWithInvoice: false },
			{ input: [{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'receipt.pdf', fileExtension: 'pdf' } } }] },
		);
		expect(result.error).toBeUndefined();
		expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
		expect(received).toContain('Content-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"name":"receipt.pdf","referenceType":"INVOICE","referenceId":9001,"sendWithInvoice":false}');
		expect(received).toContain('Content-Disposition: form-data; name="file"; filename="receipt.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4');
		expect(result.jsonOf('Procountor')).toEqual([{ id: 55, name: 'receipt.pdf', referenceType: 'INVOICE', referenceId: 9001, alreadyExisted: false }]);
		// The upload reaches the contract check (tearDownNock) as its multipart body, meta and file parts.
		const upload = sentProcountorRequests().find((request) => request.url.endsWith('/attachments'));
		expect(Buffer.isBuffer((upload?.body as { multipart?: Buffer }).multipart)).toBe(true);
	});
});

describe('token expiring mid-batch', () => {
	test('one 401 in the middle of a batch: one new token, the request repeated, every item answered', async () => {
		const { api, token } = mockProcountor({ token: 'first-token' });
		api.get(`${API}/invoices/1`).reply(200, { id: 1 }).get(`${API}/invoices/2`).reply(401, { errors: [{ status: 401, message: 'Token expired' }] });
		const second = mockProcountor({ token: 'second-token' });
		second.api.get(`${API}/invoices/2`).reply(200, { id: 2 }).get(`${API}/invoices/3`).reply(200, { id: 3 });
		const store = new CredentialStore({ procountorApi: procountorCredential });

		const result = await runProcountor(
			{ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' },
			{ input: [{ id: 1 }, { id: 2 }, { id: 3 }], credentials: store },
		);
		expect(result.jsonOf('Procountor')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(token.isDone()).toBe(true);
		expect(store.preAuthenticationCount('procountorApi')).toBe(2);
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result, ['first-token', 'second-token']);
	});

	test('a token refused twice ends in an error without the token', async () => {
		mockProcountor({ token: 'first-token' }).api.get(`${API}/invoices/1`).reply(401, { errors: [{ status: 401, message: 'Unauthorized' }] });
		mockProcountor({ token: 'second-token' }).api.get(`${API}/invoices/1`).reply(401, { errors: [{ status: 401, message: 'Unauthorized' }] });
		const result = await runProcountor({ resource: 'invoice', operation: 'get', invoiceId: '1' });
		expect(result.error?.message).toContain('Procountor');
		expectNoSecrets(result, ['first-token', 'second-token']);
		nock.cleanAll();
	});
});

describe('rate limit', () => {
	test('a batch never starts more than 20 requests in any second', async () => {
		const starts: number[] = [];
		const { api } = mockProcountor();
		api
			.get(/\/api\/invoices\/\d+/)
			.times(45)
			.reply(function () {
				starts.push(Date.now());
				return [200, { ok: true }];
			});
		const input: IDataObject[] = Array.from({ length: 45 }, (_, index) => ({ id: index + 1 }));
		const store = new CredentialStore({ procountorApi: { ...procountorCredential, id: 'cred-rate-limit' } });
		const result = await runProcountor({ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' }, { input, credentials: store });
		expect(result.jsonOf('Procountor')).toHaveLength(45);
		// Arrival times here include the test process's own event-loop jitter (Jest runs files in
		// parallel); the limiter's 5 % window margin is what absorbs it against the real server.
		for (const start of starts) {
			expect(starts.filter((other) => other >= start && other < start + 950).length).toBeLessThanOrEqual(20);
		}
		expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(2000);
	});
});

