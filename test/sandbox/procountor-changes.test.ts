/**
 * What the Procountor Trigger relies on in the emulator, as the facts file describes the API:
 * `version` moves on every change, the searches filter by it (invoices also by created time,
 * status list and types) and page by id, payment events are listed per invoice, business
 * partners carry a version and filter by it; and the demo web store the templates call back.
 */
import { request } from 'undici';

import { responseViolations } from '../../sandbox/procountor/contract';
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

const at = async (iso: string) => void (await h.control.configure({ now: iso }));
const search = async (query: string) => {
	const res = await h.call('GET', `/invoices?${query}`);
	expect(res.status).toBe(200);
	expect(responseViolations('GET', '/api/invoices', 200, res.json)).toEqual([]);
	return res.json.results as Array<Record<string, any>>;
};

describe('invoice versions and the searches by time', () => {
	it('every change moves the version (Finnish time, without a zone); created stays', async () => {
		await at('2026-07-01T09:00:00.100Z');
		const created = (await h.call('POST', '/invoices', { body: invoiceBody() })).json;
		expect(created.version).toMatch(/^2026-07-01T12:00:00\.\d{3}$/);
		const versions = [created.version];
		const steps: Array<[string, string, unknown]> = [
			['PUT', `/invoices/${created.id}/approve`, undefined],
			['PUT', `/invoices/${created.id}/send`, undefined],
			['PUT', `/invoices/${created.id}/paymentevents/markpaid`, { paymentDate: '2026-07-01', amount: 10, currency: 'EUR' }],
			['PUT', `/invoices/${created.id}/paymentevents/markpaid`, { paymentDate: '2026-07-02', amount: 1000, currency: 'EUR' }],
		];
		let minute = 1;
		for (const [method, path, body] of steps) {
			await at(`2026-07-01T09:0${minute++}:00.250Z`);
			expect((await h.call(method, path, body === undefined ? {} : { body })).status).toBe(200);
			const [row] = await search(`originalInvoiceNumber=${encodeURIComponent(String(created.originalInvoiceNumber))}`);
			expect(row.version > versions[versions.length - 1]).toBe(true);
			expect(row.created).toBe('2026-07-01T12:00:00');
			versions.push(row.version);
		}
		expect(versions.at(-1)).toMatch(/^2026-07-01T12:04:00\.\d{3}$/);
		const [paid] = await search('status=MARKED_PAID');
		expect(paid.id).toBe(created.id);
	});

	it('version, created, status list and types filter together; keyset paging by id returns every match once', async () => {
		await at('2026-07-01T09:00:00Z');
		const ids: number[] = [];
		for (let i = 0; i < 5; i++) ids.push((await h.call('POST', '/invoices', { body: invoiceBody({ originalInvoiceNumber: `K-${i}` }) })).json.id);
		await at('2026-07-01T09:10:00Z');
		for (const id of ids.slice(0, 3)) expect((await h.call('PUT', `/invoices/${id}/approve`)).status).toBe(200);
		const changed = await search('types=SALES_INVOICE&status=NOT_SENT,PAID&versionStartDate=2026-07-01T12:10:00&orderById=ASC&size=2');
		expect(changed.map((row) => row.id)).toEqual(ids.slice(0, 2));
		const next = await search(`types=SALES_INVOICE&status=NOT_SENT,PAID&versionStartDate=2026-07-01T12:10:00&orderById=ASC&size=2&previousId=${ids[1]}`);
		expect(next.map((row) => row.id)).toEqual([ids[2]]);
		expect(await search('versionStartDate=2026-07-01T12:10:01')).toEqual([]);
		expect((await search('createdStartDate=2026-07-01T12:00:00&createdEndDate=2026-07-01T12:00:00&orderById=ASC')).map((row) => row.id)).toEqual(ids);
		expect((await search('types=PURCHASE_INVOICE'))).toEqual([]);
		expect((await h.call('GET', '/invoices?types=SALES_RECEIPT')).status).toBe(400);
	});

	it("payment events are listed per invoice, by id, with keyset paging", async () => {
		const invoice = (await h.call('POST', '/invoices', { body: invoiceBody() })).json;
		expect((await h.call('PUT', `/invoices/${invoice.id}/approve`)).status).toBe(200);
		for (const amount of [1, 2, 3]) {
			expect((await h.call('PUT', `/invoices/${invoice.id}/paymentevents/markpaid`, { body: { paymentDate: '2026-10-05', amount, currency: 'EUR' } })).status).toBe(200);
		}
		const all = await h.call('GET', `/invoices/${invoice.id}/paymentevents?orderById=ASC&size=200`);
		expect(responseViolations('GET', `/api/invoices/${invoice.id}/paymentevents`, 200, all.json)).toEqual([]);
		expect(all.json.results.map((event: any) => event.amount)).toEqual([1, 2, 3]);
		const after = await h.call('GET', `/invoices/${invoice.id}/paymentevents?orderById=ASC&size=200&previousId=${all.json.results[0].id}`);
		expect(after.json.results.map((event: any) => event.amount)).toEqual([2, 3]);
		expect(all.json.results.every((event: any) => event.invoiceId === invoice.id && event.status === 'MARKED_PAID')).toBe(true);
	});
});

describe('business partner versions', () => {
	it('search rows carry the version; versionStartDate/versionEndDate filter by it; PUT replaces a partner and moves its version', async () => {
		await at('2026-07-01T09:00:00Z');
		// The seed's partners get their version when the books are made: at the reset.
		await h.control.reset({ keepConfig: true });
		h.token = await h.login();
		const all = await h.call('GET', '/businesspartners?versionStartDate=2026-07-01T11:59:00');
		expect(all.status).toBe(200);
		expect(responseViolations('GET', '/api/businesspartners', 200, all.json)).toEqual([]);
		expect(all.json.results.length).toBe(3);
		expect(all.json.results[0].version).toMatch(/^2026-07-01T12:00:0\d$/);

		await at('2026-07-01T09:05:00.500Z');
		const put = await h.call('PUT', `/businesspartners/${PC.partner.polku}`, {
			body: { name: 'Polkupyöräliike Oy', type: 'CUSTOMER', address: { name: 'Polkupyöräliike Oy' }, paymentInfo: { paymentMethod: 'BANK_TRANSFER' }, invoicingInfo: { customerNumber: '1002', identifier: '0737546-2' } },
		});
		expect(put.status).toBe(200);
		expect(put.json).toMatchObject({ id: PC.partner.polku, name: 'Polkupyöräliike Oy', version: expect.stringMatching(/^2026-07-01T12:05:00\.\d{3}$/) });
		const changed = await h.call('GET', '/businesspartners?versionStartDate=2026-07-01T12:01:00&type=CUSTOMER&orderById=ASC&size=200');
		expect(changed.json.results.map((p: any) => [p.id, p.name, p.version])).toEqual([[PC.partner.polku, 'Polkupyöräliike Oy', put.json.version]]);
		expect((await h.call('GET', '/businesspartners?versionEndDate=2026-07-01T12:04:59')).json.results.map((p: any) => p.id)).not.toContain(PC.partner.polku);
		expect((await h.call('GET', '/businesspartners?versionStartDate=yesterday')).status).toBe(400);
		expect((await h.call('PUT', '/businesspartners/999', { body: { name: 'X', type: 'CUSTOMER', address: { name: 'X' }, paymentInfo: { paymentMethod: 'BANK_TRANSFER' } } })).status).toBe(404);
		const invalid = await h.call('PUT', `/businesspartners/${PC.partner.polku}`, { body: { type: 'CUSTOMER' } });
		expect(invalid.status).toBe(400);
	});
});

describe('the demo web store (/store on the Procountor port, no token)', () => {
	it('marks an order paid, counts every call, and shows up in the state; reset empties it', async () => {
		const origin = new URL(h.base).origin;
		const post = async (order: string, body: unknown) => {
			const res = await request(`${origin}/store/orders/${order}/paid`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), dispatcher: h.agent });
			return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
		};
		expect(await post('5001', { invoiceId: 1, amount: 10 })).toEqual({ status: 200, json: { orderNumber: '5001', status: 'paid', paidCalls: 1 } });
		expect((await post('5001', { invoiceId: 1, amount: 20 })).json.paidCalls).toBe(2);
		const state = (await h.control.state()) as { store: { orders: unknown[]; paidCalls: unknown[] } };
		expect(state.store.orders).toEqual([{ orderNumber: '5001', status: 'paid', paidCalls: 2, payment: { invoiceId: 1, amount: 20 } }]);
		expect(state.store.paidCalls).toHaveLength(2);
		const get = await request(`${origin}/store/orders/5001`, { dispatcher: h.agent });
		expect(get.statusCode).toBe(200);
		await get.body.dump();
		const missing = await request(`${origin}/store/orders/404`, { dispatcher: h.agent });
		expect(missing.statusCode).toBe(404);
		await missing.body.dump();
		// Other paths outside /api are still not served.
		const outside = await request(`${origin}/shop/orders/1`, { dispatcher: h.agent });
		expect(outside.statusCode).toBe(404);
		await outside.body.dump();
		await resetProcountor(h);
		expect(((await h.control.state()) as { store: { orders: unknown[] } }).store.orders).toEqual([]);
	});
});
