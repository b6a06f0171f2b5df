/**
 * Procountor's contract: the facts of a public OpenAPI description of its API
 * (sandbox/procountor/procountor-api.facts.json, a curated subset). Every Procountor unit test
 * ends (tearDownNock) by holding each request the node sent to it; the workflow tests also hold
 * every answer of the emulator to its response schemas. These tests prove the check sees the
 * requests and fails on a request or answer the file contradicts, and keep the list of the
 * endpoints the file does not confirm, here and in docs/procountor.md, honest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildMultipart } from '../../nodes/shared/multipart';
import { confirmedOperations, requestViolations, responseViolations } from '../../sandbox/procountor/contract';
import { API, mockProcountor, runProcountor, sentProcountorRequests, setUpNock, tearDownNock } from '../unit/procountor/helpers';
import {
	PROCOUNTOR_ENDPOINTS,
	answerContractViolations,
	isConfirmed,
	requestContractViolations,
	unconfirmedEndpoints,
} from './procountor-contract';

describe('requests the node sends', () => {
	beforeEach(setUpNock);
	afterEach(tearDownNock);

	test('are recorded and checked: query parameters of Get Many agree with the facts file', async () => {
		const { api } = mockProcountor();
		api.get(`${API}/invoices`).query(true).reply(200, { results: [], meta: { pageNumber: 0, pageSize: 5, resultCount: 0, totalCount: 0 } });
		const result = await runProcountor({
			resource: 'invoice',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filters: { status: ['SENT'], types: ['SALES_INVOICE'], startDate: '2026-07-01', createdStartDate: '2026-07-01', createdEndDate: '2026-07-31' },
		});
		expect(result.error).toBeUndefined();
		const sent = sentProcountorRequests();
		// Created filters are date-times in Procountor: the whole last day is included.
		const query = new URL(sent[1].url).searchParams;
		expect([query.get('createdStartDate'), query.get('createdEndDate')]).toEqual(['2026-07-01T00:00:00', '2026-07-31T23:59:59']);
		expect(sent.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual(['POST /api/oauth/token', 'GET /api/invoices']);
		expect(requestContractViolations(sent)).toEqual([]);
	});
});

describe('the check is real', () => {
	test('a request that contradicts the facts file is reported: query types, formats and enums, body enums, lengths and required fields', () => {
		const violations = requestViolations({
			method: 'GET',
			url: 'https://procountor.test/api/invoices?status=LOST&createdStartDate=yesterday&size=500&colour=red&businessPartnerId=x',
		});
		expect(violations.join('\n')).toMatch(/status\[0\]: "LOST" is not one of EMPTY/);
		expect(violations.join('\n')).toMatch(/createdStartDate: must match format "date-time"/);
		expect(violations.join('\n')).toMatch(/size: must be <= 200/);
		expect(violations.join('\n')).toMatch(/colour is not a parameter of GET \/invoices/);
		expect(violations.join('\n')).toMatch(/businessPartnerId: must be integer/);

		const body = requestViolations({
			method: 'POST',
			url: '/api/invoices',
			contentType: 'application/json',
			body: {
				type: 'SALES_INVOICE',
				date: '2026-07-15',
				counterParty: { counterPartyAddress: { name: 'x'.repeat(81) }, contactPersonName: 'y'.repeat(71) },
				paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', dueDate: '2026-07-29', currencyRate: 1 },
				extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
				discountPercent: 0,
				invoiceRows: [{ product: 'Mug', quantity: 1, unit: 'PIECE', unitPrice: 1, discountPercent: 0 }],
				invoiceChannel: 'CARRIER_PIGEON',
				partnerName: 'not a field',
			},
		});
		expect(body).toEqual(
			expect.arrayContaining([
				'POST /invoices: counterParty.counterPartyAddress.name: must NOT have more than 80 characters',
				'POST /invoices: counterParty.contactPersonName: must NOT have more than 70 characters',
				'POST /invoices: invoiceRows[0].vatPercent: required',
				expect.stringMatching(/^POST \/invoices: invoiceChannel: "CARRIER_PIGEON" is not one of EMAIL/),
				'POST /invoices: partnerName: not a property in the facts file',
			]),
		);
	});

	test('a multipart upload is checked part by part: the JSON meta against Attachment, the file present', () => {
		const upload = (meta: object) =>
			buildMultipart([
				{ field: 'meta', mimeType: 'application/json', data: Buffer.from(JSON.stringify(meta)) },
				{ field: 'file', fileName: 'receipt.pdf', mimeType: 'application/pdf', data: Buffer.from('%PDF-1.4\n') },
			]);
		const good = upload({ name: 'receipt.pdf', referenceType: 'INVOICE', referenceId: 9001, sendWithInvoice: false });
		expect(requestViolations({ method: 'POST', url: '/api/attachments', contentType: good.contentType, multipart: good.body })).toEqual([]);
		const bad = upload({ name: 'receipt.pdf', referenceType: 'ORDER', referenceId: '9001' });
		expect(requestViolations({ method: 'POST', url: '/api/attachments', contentType: bad.contentType, multipart: bad.body })).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^POST \/attachments: meta\.referenceType: "ORDER" is not one of /),
				'POST /attachments: meta.referenceId: must be integer ("9001")',
				'POST /attachments: meta.sendWithInvoice: required',
			]),
		);
		const noFile = buildMultipart([{ field: 'meta', mimeType: 'application/json', data: Buffer.from('{}') }]);
		expect(requestViolations({ method: 'POST', url: '/api/attachments', contentType: noFile.contentType, multipart: noFile.body })).toEqual(
			expect.arrayContaining(['POST /attachments: file: required']),
		);
	});

	test('an answer that contradicts the response schema is reported', () => {
		const violations = responseViolations('GET', '/api/invoices', 200, {
			results: [{ id: 1, status: 'SENT', partnerName: 'Old shape', counterParty: { counterPartyAddress: { name: 'A' } } }],
			meta: { pageNumber: 0, pageSize: 50, resultCount: 1, totalCount: 1 },
		});
		expect(violations).toEqual(['GET /invoices → 200: results[0].partnerName: not a property in the facts file']);
		expect(answerContractViolations([{ method: 'PUT', url: '/api/invoices/1/approve', status: 200, contentType: 'application/json', body: { message: 1 } }])).toEqual([
			'PUT /invoices/1/approve → 200: message: must be string (1)',
		]);
		expect(responseViolations('DELETE', '/api/attachments/5', 200, {})).toEqual([
			'DELETE /attachments/5 → 200: DELETE /attachments/{attachmentId} answers 204 in the facts file, not 200',
		]);
	});

	test('a request to an endpoint outside the table fails the check', () => {
		expect(requestContractViolations([{ method: 'DELETE', url: 'https://procountor.test/api/invoices/1', contentType: '', body: undefined }])).toEqual([
			'DELETE /invoices/1: not an endpoint of PROCOUNTOR_ENDPOINTS (add it, and say whether the facts file confirms it)',
		]);
	});
});

describe('what the facts file confirms', () => {
	test('the endpoints the node uses that the file does not confirm are exactly these', () => {
		expect(unconfirmedEndpoints()).toEqual([
			'POST /oauth/token',
			'GET /sessioninfo',
			'POST /businesspartners',
			'GET /products',
			// The file's GET /products/{group} is the web client's route (SOURCE.md), not the public batch GET.
			'GET /products/{productIds}',
			'GET /bankaccounts',
			'GET /company/invoicetemplates',
			'GET /integrations/{requestId}',
			'PUT /integrations/{requestId}',
		]);
		expect(confirmedOperations().length).toBe(71);
	});

	test('docs/procountor.md lists every endpoint under the section the file puts it in', () => {
		const docs = readFileSync(join(__dirname, '../../docs/procountor.md'), 'utf8');
		const section = (title: string) => {
			const start = docs.indexOf(`### ${title}`);
			expect(start).toBeGreaterThan(-1);
			const end = docs.indexOf('\n#', start + 4);
			return docs.slice(start, end === -1 ? undefined : end);
		};
		const listed = (text: string) => [...text.matchAll(/^- `([A-Z]+ \/[^`]*)`/gm)].map((m) => m[1]).sort();
		const endpoints = Object.keys(PROCOUNTOR_ENDPOINTS);
		expect(listed(section('Confirmed by the API description'))).toEqual(endpoints.filter(isConfirmed).sort());
		expect(listed(section('Not confirmed by the API description'))).toEqual(unconfirmedEndpoints().sort());
	});
});
