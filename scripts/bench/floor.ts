/**
 * The floor (c): a raw client loop with undici and a cached token, in its own process so its
 * peak RSS is its own. Run by scripts/bench/run.ts:
 *
 *   node --import tsx scripts/bench/floor.ts <job.json>     → prints one FloorResult as JSON
 *
 * It does the same vendor work as the package's node (reference data once, per item the
 * duplicate lookup and the write; or every page once), without n8n.
 */
import { readFileSync } from 'node:fs';

import { Agent, request } from 'undici';

import { createProcountorToken, createTripletexSession } from '../../sandbox/client';
import { CONTRACT_NUMBER, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../sandbox/posti/seed';
import type { ShipmentItem } from './scenarios/postiShipments';
import { invoiceBody, type OrderItem } from './scenarios/procountorInvoices';
import type { VoucherItem } from './scenarios/tripletexVouchers';
import type { FloorJob, FloorResult } from './types';

/** The JSON answers the loop reads: Tripletex `values`, Procountor `results`. */
interface Page {
	values: Array<{ id: number; number: number }>;
	results: Array<{ id: number; code: string }>;
}

const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 10_000 });

async function call(method: 'GET' | 'POST', url: string, authorization: string, body?: unknown): Promise<Page> {
	const res = await request(url, {
		method,
		dispatcher,
		headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.body.text();
	if (res.statusCode >= 400) throw new Error(`${method} ${new URL(url).pathname}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
	return (text ? JSON.parse(text) : {}) as Page;
}

/** Runs `work` for indexes 0..count-1 with at most `concurrency` at a time. */
async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}

/** At most `limit` requests in flight or answered within the last window (Procountor's 20/s). */
function answeredWindow(limit: number, windowMs: number) {
	const busy: Array<number | undefined> = [];
	const waiters: Array<() => void> = [];
	const prune = () => {
		const now = Date.now();
		for (let i = busy.length - 1; i >= 0; i--) if (busy[i] !== undefined && (busy[i] as number) + windowMs <= now) busy.splice(i, 1);
	};
	const wake = () => {
		prune();
		while (waiters.length && busy.length < limit) {
			busy.push(undefined);
			waiters.shift()?.();
		}
		if (waiters.length) {
			const answered = busy.filter((t): t is number => t !== undefined);
			if (answered.length) setTimeout(wake, Math.min(...answered) + windowMs - Date.now() + 1);
		}
	};
	return async <T>(send: () => Promise<T>): Promise<T> => {
		await new Promise<void>((resolve) => {
			waiters.push(resolve);
			wake();
		});
		try {
			return await send();
		} finally {
			// In-flight slots are interchangeable: mark any one of them answered.
			busy[busy.indexOf(undefined)] = Date.now();
			wake();
		}
	};
}

async function procountorInvoices(job: Extract<FloorJob, { kind: 'procountorInvoices' }>): Promise<number> {
	const limited = answeredWindow(job.limit, job.windowMs);
	const base = job.baseUrl;
	const { authorization } = await limited(() => createProcountorToken(base, { dispatcher }));
	await limited(() => call('GET', `${base}/vats/default`, authorization));
	await limited(() => call('GET', `${base}/bankaccounts`, authorization));
	const orders = job.orders as OrderItem[];
	const codes = [...new Set(orders.flatMap((order) => order.rows.map((row) => row.productCode)))];
	const productIds = new Map<string, number>();
	for (const code of codes) {
		const page = await limited(() => call('GET', `${base}/products?code=${encodeURIComponent(code)}`, authorization));
		const product = page.results.find((p) => p.code === code);
		if (product) productIds.set(code, product.id);
	}
	let created = 0;
	await pool(orders.length, job.concurrency, async (index) => {
		const order = orders[index];
		const query = new URLSearchParams({ originalInvoiceNumber: order.orderNumber, types: 'SALES_INVOICE' });
		const existing = await limited(() => call('GET', `${base}/invoices?${query.toString()}`, authorization));
		if (existing.results.length) return;
		await limited(() => call('POST', `${base}/invoices`, authorization, invoiceBody(order, productIds)));
		created++;
	});
	return created;
}

async function tripletexVouchers(job: Extract<FloorJob, { kind: 'tripletexVouchers' }>): Promise<number> {
	const base = job.baseUrl;
	const { authorization } = await createTripletexSession(base, { dispatcher });
	const items = job.items as VoucherItem[];
	const numbers = [...new Set(items.flatMap((item) => [item.debitAccount, item.creditAccount]))];
	const accounts = await call('GET', `${base}/ledger/account?number=${numbers.join(',')}&count=${numbers.length}&fields=id,number`, authorization);
	const accountIds = new Map(accounts.values.map((a) => [a.number, a.id]));
	const vatIds = new Map<string, number>();
	for (const code of new Set(items.map((item) => item.vatCode))) {
		const page = await call('GET', `${base}/ledger/vatType?number=${code}&fields=id,number`, authorization);
		vatIds.set(code, page.values[0].id);
	}
	let created = 0;
	await pool(items.length, job.concurrency, async (index) => {
		const item = items[index];
		const found = await call(
			'GET',
			`${base}/ledger/voucher/%3EexternalVoucherNumber?externalVoucherNumber=${encodeURIComponent(item.reference)}&count=10`,
			authorization,
		);
		if (found.values.length) return;
		await call('POST', `${base}/ledger/voucher?sendToLedger=true`, authorization, {
			date: item.date,
			description: item.description,
			externalVoucherNumber: item.reference,
			postings: [
				{ row: 1, description: 'Settlement', account: { id: accountIds.get(item.debitAccount) }, amountGross: item.amount, amountGrossCurrency: item.amount },
				{
					row: 2,
					description: 'Sales',
					account: { id: accountIds.get(item.creditAccount) },
					vatType: { id: vatIds.get(item.vatCode) },
					amountGross: -item.amount,
					amountGrossCurrency: -item.amount,
				},
			],
		});
		created++;
	});
	return created;
}

async function postiShipments(job: Extract<FloorJob, { kind: 'postiShipments' }>): Promise<number> {
	const limited = answeredWindow(job.limit, job.windowMs);
	const token = await limited(async () => {
		const res = await request(`${job.baseUrl}/api/v1/token`, {
			method: 'POST',
			dispatcher,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET }).toString(),
		});
		const body = (await res.body.json()) as { access_token?: string };
		if (res.statusCode !== 200 || !body.access_token) throw new Error(`token request: HTTP ${res.statusCode}`);
		return body.access_token;
	});
	const items = job.items as ShipmentItem[];
	let created = 0;
	let labelBytes = 0;
	await pool(items.length, job.concurrency, async (index) => {
		const answer = (await limited(() =>
			call('POST', `${job.baseUrl}/shippingapi/api/v2/shipping/order?returnFile=true`, `Bearer ${token}`, items[index].order),
		)) as unknown as Array<{ shipmentNo?: string; prints?: Array<{ data?: string }> }>;
		const shipment = Array.isArray(answer) ? answer[0] : undefined;
		const pdf = shipment?.prints?.[0]?.data;
		if (!shipment?.shipmentNo || !pdf) throw new Error(`shipment ${index}: no shipment number or label in ${JSON.stringify(answer).slice(0, 300)}`);
		labelBytes += Buffer.from(pdf, 'base64').length;
		created++;
	});
	if (labelBytes === 0 && items.length) throw new Error(`no label bytes (contract ${CONTRACT_NUMBER})`);
	return created;
}

async function tripletexPages(job: Extract<FloorJob, { kind: 'tripletexPages' }>): Promise<number> {
	const { authorization } = await createTripletexSession(job.baseUrl, { dispatcher });
	const values: unknown[] = [];
	for (let from = 0; ; from += job.pageSize) {
		const query = new URLSearchParams({ dateFrom: job.dateFrom, dateTo: job.dateToExclusive, from: String(from), count: String(job.pageSize) });
		const page = await call('GET', `${job.baseUrl}/ledger/voucher?${query.toString()}`, authorization);
		values.push(...page.values);
		if (page.values.length < job.pageSize) break;
	}
	return values.length;
}

async function main(): Promise<void> {
	const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as FloorJob;
	const started = performance.now();
	const cpu = process.cpuUsage();
	const cpuMs = () => {
		const used = process.cpuUsage(cpu);
		return (used.user + used.system) / 1000;
	};
	let result: FloorResult;
	try {
		const results =
			job.kind === 'procountorInvoices'
				? await procountorInvoices(job)
				: job.kind === 'tripletexVouchers'
					? await tripletexVouchers(job)
					: job.kind === 'postiShipments'
						? await postiShipments(job)
						: await tripletexPages(job);
		result = { ok: true, wallMs: performance.now() - started, cpuMs: cpuMs(), peakRss: process.resourceUsage().maxRSS * 1024, results };
	} catch (error) {
		result = { ok: false, wallMs: performance.now() - started, cpuMs: cpuMs(), peakRss: process.resourceUsage().maxRSS * 1024, results: 0, error: (error as Error).message };
	}
	process.stdout.write(`${JSON.stringify(result)}\n`);
	await dispatcher.close();
}

void main();
