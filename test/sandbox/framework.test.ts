import { request } from 'undici';

import { parseMultipart } from '../../sandbox/framework/body';
import { renderTextPdf } from '../../sandbox/framework/pdf';
import { pathMatchesPattern, Router } from '../../sandbox/framework/router';
import { SandboxControlError } from '../../sandbox/client';
import { multipart, posting, resetHarness, SEED, startTripletex, tomorrow, type TripletexHarness } from './helpers';

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

const voucherBody = (external: string) => ({
	date: '2026-07-15',
	externalVoucherNumber: external,
	postings: [posting(1, SEED.account[1920], 100), posting(2, SEED.account[3100], -100)],
});

async function countVouchers(external: string): Promise<number> {
	const res = await h.call('GET', `/ledger/voucher/%3EexternalVoucherNumber?externalVoucherNumber=${external}`);
	return res.json.values.length;
}

describe('faults', () => {
	it('status: answers with the vendor error envelope for that status', async () => {
		await h.control.injectFault({ kind: 'status', method: 'GET', path: '/ledger/account', status: 500 });
		const res = await h.call('GET', '/ledger/account');
		expect(res.status).toBe(500);
		expect(res.json).toMatchObject({ status: 500, code: 1000, requestId: res.headers['x-tlx-request-id'] });
		expect((await h.call('GET', '/ledger/account')).status).toBe(200);
	});

	it('status: custom body and headers; times and after count matching requests', async () => {
		await h.control.injectFault({
			kind: 'status',
			path: '/ledger/vatType',
			status: 503,
			body: { message: 'maintenance' },
			headers: { 'retry-after': '2' },
			times: 2,
			after: 1,
		});
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await h.call('GET', '/ledger/vatType')).status);
		expect(statuses).toEqual([200, 503, 503, 200]);
		await h.control.injectFault({ kind: 'status', path: '/ledger/vatType', status: 503, headers: { 'retry-after': '2' } });
		const res = await h.call('GET', '/ledger/vatType');
		expect(res.headers['retry-after']).toBe('2');
	});

	it('matches paths with {param} and ** globs and query values', async () => {
		await h.control.injectFault({ kind: 'status', method: 'POST', path: '/v2/ledger/voucher', query: { sendToLedger: 'false' }, status: 409 });
		expect((await h.call('POST', '/ledger/voucher?sendToLedger=true', { body: voucherBody('a') })).status).toBe(201);
		expect((await h.call('POST', '/ledger/voucher?sendToLedger=false', { body: voucherBody('b') })).status).toBe(409);
		await h.control.injectFault({ kind: 'status', path: '/customer/{id}', status: 404, times: 0 });
		expect((await h.call('GET', `/customer/${SEED.customer.nordlys}`)).status).toBe(404);
		expect((await h.call('GET', '/customer')).status).toBe(200);
		await h.control.clearFaults();
		expect((await h.call('GET', `/customer/${SEED.customer.nordlys}`)).status).toBe(200);
		expect(pathMatchesPattern('/v2/**', '/v2/ledger/voucher/1/:reverse')).toBe(true);
		expect(pathMatchesPattern('/ledger/*/1', '/ledger/voucher/1')).toBe(true);
		expect(pathMatchesPattern('/ledger/*', '/ledger/voucher/1')).toBe(false);
	});

	it('delay: waits, then answers normally', async () => {
		await h.control.injectFault({ kind: 'delay', path: '/ledger/vatType', delayMs: 150 });
		const started = Date.now();
		const res = await h.call('GET', '/ledger/vatType');
		expect(res.status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('malformed: 200 with a body that is not JSON', async () => {
		await h.control.injectFault({ kind: 'malformed', path: '/ledger/account/{id}' });
		const res = await h.call('GET', `/ledger/account/${SEED.account[1920]}`);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/application\/json/);
		expect(() => JSON.parse(res.text)).toThrow();
	});

	it('drop: the connection closes and nothing is written', async () => {
		await h.control.injectFault({ kind: 'drop', method: 'POST', path: '/ledger/voucher' });
		await expect(h.call('POST', '/ledger/voucher', { body: voucherBody('drop-1') })).rejects.toThrow();
		expect(await countVouchers('drop-1')).toBe(0);
		const [entry] = await h.control.journal({ method: 'POST', path: '/v2/ledger/voucher' });
		expect(entry).toMatchObject({ outcome: 'dropped', status: null });
	});

	it('dropAfterProcessing: the write happens, the client sees a broken connection', async () => {
		await h.control.injectFault({ kind: 'dropAfterProcessing', method: 'POST', path: '/ledger/voucher' });
		await expect(h.call('POST', '/ledger/voucher', { body: voucherBody('drop-2') })).rejects.toThrow();
		expect(await countVouchers('drop-2')).toBe(1);
		const [entry] = await h.control.journal({ method: 'POST', path: '/v2/ledger/voucher' });
		expect(entry).toMatchObject({ outcome: 'dropped-after-processing', status: 201 });
	});

	it('expireSession: the presented session fails auth from then on; a new one works', async () => {
		await h.control.injectFault({ kind: 'expireSession', path: '/ledger/voucher' });
		const res = await h.call('POST', '/ledger/voucher', { body: voucherBody('exp') });
		expect(res.status).toBe(401);
		expect(res.json.code).toBe(3000);
		expect((await h.call('GET', '/ledger/vatType')).status).toBe(401);
		const fresh = await h.login();
		expect((await h.call('GET', '/ledger/vatType', { auth: fresh.authorization })).status).toBe(200);
	});

	it('rejects malformed fault specs', async () => {
		await expect(h.control.injectFault({ kind: 'explode' } as never)).rejects.toBeInstanceOf(SandboxControlError);
		await expect(h.control.injectFault({ kind: 'status' })).rejects.toThrow(/status/);
	});
});

describe('rate limiting (Tripletex style)', () => {
	it('is off by default', async () => {
		const res = await h.call('GET', '/ledger/vatType');
		expect(res.headers['x-rate-limit-limit']).toBeUndefined();
	});

	it('sends X-Rate-Limit-* on normal responses and 429 without X-Rate-Limit-Reset', async () => {
		await h.control.configure({ rateLimit: { enabled: true, limit: 3, windowMs: 60_000 } });
		const remaining = [];
		for (let i = 0; i < 3; i++) {
			const res = await h.call('GET', '/ledger/vatType');
			expect(res.status).toBe(200);
			expect(res.headers['x-rate-limit-limit']).toBe('3');
			expect(Number(res.headers['x-rate-limit-reset'])).toBeGreaterThan(0);
			remaining.push(res.headers['x-rate-limit-remaining']);
		}
		expect(remaining).toEqual(['2', '1', '0']);
		const limited = await h.call('GET', '/ledger/vatType');
		expect(limited.status).toBe(429);
		expect(limited.headers['x-rate-limit-limit']).toBe('3');
		expect(limited.headers['x-rate-limit-remaining']).toBe('0');
		expect(limited.headers['x-rate-limit-reset']).toBeUndefined();
		expect(limited.json).toMatchObject({ status: 429 });
	});

	it('opens again when the window ends', async () => {
		await h.control.configure({ rateLimit: { enabled: true, limit: 1, windowMs: 200 } });
		expect((await h.call('GET', '/ledger/vatType')).status).toBe(200);
		expect((await h.call('GET', '/ledger/vatType')).status).toBe(429);
		await new Promise((r) => setTimeout(r, 220));
		expect((await h.call('GET', '/ledger/vatType')).status).toBe(200);
	});
});

describe('journal', () => {
	it('records every request with Authorization and tokens redacted', async () => {
		await h.control.clearJournal();
		await h.call('GET', '/ledger/account?number=1920');
		await h.call('POST', '/token/session/:create', {
			auth: null,
			body: { consumerToken: 'sandbox-consumer-token', employeeToken: 'sandbox-employee-token', expirationDate: tomorrow() },
		});
		const qs = new URLSearchParams({ consumerToken: 'sandbox-consumer-token', employeeToken: 'sandbox-employee-token', expirationDate: tomorrow() });
		await h.call('PUT', `/token/session/:create?${qs.toString()}`, { auth: null });
		const entries = await h.control.journal();
		expect(entries).toHaveLength(3);
		const [get, post, put] = entries;
		expect(get).toMatchObject({
			method: 'GET',
			path: '/v2/ledger/account',
			query: { number: '1920' },
			status: 200,
			route: '/ledger/account',
			time: expect.any(Number),
			requestId: expect.any(String),
		});
		expect(get.headers.authorization).toBe('REDACTED');
		expect(post.body).toEqual({ consumerToken: 'REDACTED', employeeToken: 'REDACTED', expirationDate: tomorrow() });
		expect(post.status).toBe(201);
		expect(put.query).toMatchObject({ consumerToken: 'REDACTED', employeeToken: 'REDACTED' });
		const everything = JSON.stringify(await h.control.journal());
		expect(everything).not.toContain(h.token);
		expect(everything).not.toContain('sandbox-employee-token');
	});

	it('filters by method and path, and summarises multipart uploads', async () => {
		await h.control.clearJournal();
		const voucher = (await h.call('POST', '/ledger/voucher', { body: voucherBody('j') })).json.value;
		const form = multipart([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: Buffer.from('\x89PNG\r\n\x1a\n', 'latin1') }]);
		await h.call('POST', `/ledger/voucher/${voucher.id}/attachment`, { rawBody: form.body, contentType: form.contentType });
		const uploads = await h.control.journal({ path: '/v2/ledger/voucher/{id}/attachment' });
		expect(uploads).toHaveLength(1);
		expect(uploads[0].body).toEqual({ multipart: [{ name: 'file', filename: 'a.png', contentType: 'image/png', size: 8 }] });
		expect(await h.control.journal({ method: 'GET' })).toHaveLength(0);
		await h.control.clearJournal();
		expect(await h.control.journal()).toEqual([]);
	});
});

describe('control endpoint', () => {
	it('reset returns the books to the seed', async () => {
		await h.call('POST', '/customer', { body: { name: 'Midlertidig AS' } });
		const before = await h.control.state<any>();
		expect(before.companies[SEED.company].Customer).toHaveLength(5);
		await h.control.reset();
		const after = await h.control.state<any>();
		expect(after.companies[SEED.company].Customer).toHaveLength(4);
		expect(after.sessions).toEqual([]);
	});

	it('reset can keep sessions valid', async () => {
		await h.control.reset({ keepSessions: true });
		expect((await h.call('GET', '/ledger/vatType')).status).toBe(200);
	});

	it('state lists records and sessions without secrets', async () => {
		const state = await h.control.state<any>();
		expect(state.companies[SEED.company].Account.find((a: any) => a.number === 1920).id).toBe(SEED.account[1920]);
		expect(state.sessions[0]).toMatchObject({ employeeId: SEED.employee, active: true });
		expect(JSON.stringify(state)).not.toContain(h.token);
	});

	it('config merges framework and vendor keys, refuses unknown ones', async () => {
		const config = await h.control.configure<any>({ latencyMs: 0, sessionLifetimeMs: 60_000 });
		expect(config).toMatchObject({ latencyMs: 0, sessionLifetimeMs: 60_000, rateLimit: { enabled: false } });
		await expect(h.control.configure({ colour: 'red' })).rejects.toThrow(/unknown Tripletex config key/);
		await h.control.reset();
		expect((await h.control.getConfig<any>()).sessionLifetimeMs).toBeNull();
	});

	it('latencyMs slows every vendor request', async () => {
		await h.control.configure({ latencyMs: 100 });
		const started = Date.now();
		await h.call('GET', '/ledger/vatType');
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
	});

	it('lists the emulated routes', async () => {
		const res = await request(h.sandbox.tripletex.controlUrl, { dispatcher: h.agent });
		const info = (await res.body.json()) as any;
		expect(info.basePath).toBe('/v2');
		expect(info.routes).toContainEqual({ method: 'POST', template: '/ledger/voucher' });
	});
});

describe('unmatched requests', () => {
	it('404/6000 for unknown paths, 405 for a wrong method, 501 for spec operations not emulated', async () => {
		const unknown = await h.call('GET', '/no/such/thing');
		expect(unknown.status).toBe(404);
		expect(unknown.json.code).toBe(6000);
		expect((await h.call('GET', '/token/session/:create')).status).toBe(405);
		const notEmulated = await h.call('GET', '/project');
		expect(notEmulated.status).toBe(501);
		expect(notEmulated.json.message).toMatch(/does not emulate GET \/project/);
		expect((await h.call('GET', '/customer/abc')).json.code).toBe(12000);
	});
});

describe('building blocks', () => {
	it('router prefers literal segments and decodes %3E/%3A', () => {
		const router = new Router();
		const hit = (name: string) => () => ({ status: 200, body: name });
		router.get('/ledger/voucher/{id}', hit('byId')).get('/ledger/voucher/>externalVoucherNumber', hit('external'));
		const external = router.match('GET', '/ledger/voucher/%3EexternalVoucherNumber');
		expect(external.kind === 'found' && external.template).toBe('/ledger/voucher/>externalVoucherNumber');
		const byId = router.match('GET', '/ledger/voucher/42');
		expect(byId.kind === 'found' && byId.params).toEqual({ id: '42' });
		expect(router.match('POST', '/ledger/voucher/42')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
	});

	it('multipart parser keeps binary content intact', () => {
		const data = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
		const form = multipart([
			{ name: 'note', data: 'hei' },
			{ name: 'file', filename: 'x.bin', contentType: 'application/octet-stream', data },
		]);
		const boundary = form.contentType.split('boundary=')[1];
		const parts = parseMultipart(form.body, boundary);
		expect(parts.map((p) => p.name)).toEqual(['note', 'file']);
		expect(parts[1].data.equals(data)).toBe(true);
		expect(parts[1].filename).toBe('x.bin');
	});

	it('PDF writer produces a well-formed file with a correct xref table', () => {
		const pdf = renderTextPdf(['Faktura 10001', 'Beløp (inkl. mva): 1 250,00']);
		const text = pdf.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
		expect(text.slice(startxref, startxref + 4)).toBe('xref');
		const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
		expect(offsets).toHaveLength(6);
		offsets.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
		const length = Number(/\/Length (\d+)/.exec(text)![1]);
		const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
		expect(text.slice(streamStart + length).startsWith('endstream')).toBe(true);
	});
});
