import { Agent, request } from 'undici';

import { startSandbox, type Sandbox, type TripletexConfig } from '../../sandbox';
import { createTripletexSession, SandboxControl, tripletexAuthorization } from '../../sandbox/client';
import { addDays, osloDate } from '../../sandbox/tripletex/dates';

export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	buffer: Buffer;
	json: any;
}

export interface CallOptions {
	body?: unknown;
	/** Raw body with its own content type (multipart etc.). */
	rawBody?: Buffer | string;
	contentType?: string;
	headers?: Record<string, string>;
	/** Authorization header; defaults to the harness session; `null` sends none. */
	auth?: string | null;
}

export interface TripletexHarness {
	sandbox: Sandbox;
	base: string;
	control: SandboxControl;
	agent: Agent;
	auth: string;
	token: string;
	call(method: string, path: string, options?: CallOptions): Promise<HttpResult>;
	login(options?: Parameters<typeof createTripletexSession>[1]): Promise<{ token: string; authorization: string }>;
	close(): Promise<void>;
}

export const tomorrow = () => addDays(osloDate(Date.now()), 1);

export async function startTripletex(config: Partial<TripletexConfig> = {}): Promise<TripletexHarness> {
	const sandbox = await startSandbox({ tripletex: { port: 0, config } });
	const agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000 });
	const base = sandbox.tripletex.baseUrl;
	const control = new SandboxControl(sandbox.tripletex.controlUrl, agent);
	const harness: TripletexHarness = {
		sandbox,
		base,
		control,
		agent,
		auth: '',
		token: '',
		async call(method, path, options = {}) {
			const headers: Record<string, string> = { ...options.headers };
			const auth = options.auth === undefined ? harness.auth : options.auth;
			if (auth) headers.authorization = auth;
			let body: Buffer | string | undefined;
			if (options.rawBody !== undefined) {
				body = options.rawBody;
				if (options.contentType) headers['content-type'] = options.contentType;
			} else if (options.body !== undefined) {
				body = JSON.stringify(options.body);
				headers['content-type'] = options.contentType ?? 'application/json';
			}
			const res = await request(`${base}${path}`, { method: method as any, headers, body, dispatcher: agent });
			const buffer = Buffer.from(await res.body.arrayBuffer());
			const text = buffer.toString('utf8');
			let json: any;
			try {
				json = text ? JSON.parse(text) : undefined;
			} catch {
				json = undefined;
			}
			return { status: res.statusCode, headers: res.headers, text, buffer, json };
		},
		async login(options = {}) {
			return createTripletexSession(base, { dispatcher: agent, ...options });
		},
		async close() {
			await agent.close();
			await sandbox.stop();
		},
	};
	const session = await harness.login();
	harness.auth = session.authorization;
	harness.token = session.token;
	return harness;
}

/** Resets the emulator and opens a fresh session (reset ends all sessions). */
export async function resetHarness(h: TripletexHarness): Promise<void> {
	await h.control.reset();
	const session = await h.login();
	h.auth = session.authorization;
	h.token = session.token;
}

export { tripletexAuthorization };

export function multipart(fields: Array<{ name: string; filename?: string; contentType?: string; data: Buffer | string }>) {
	const boundary = `----sandbox${Math.random().toString(16).slice(2)}`;
	const chunks: Buffer[] = [];
	for (const f of fields) {
		const disposition = `form-data; name="${f.name}"${f.filename ? `; filename="${f.filename}"` : ''}`;
		chunks.push(
			Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${f.contentType ? `Content-Type: ${f.contentType}\r\n` : ''}\r\n`),
			Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data),
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Seed ids (see sandbox/tripletex/seed.ts). */
export const SEED = {
	account: { 1500: 470001, 1900: 470002, 1920: 470003, 2400: 470004, 2700: 470005, 2701: 470006, 2710: 470008, 2910: 470011, 3000: 470012, 3100: 470013, 4000: 470015, 6800: 470019 },
	vat: { 0: 100, 1: 101, 3: 103, 5: 105, 6: 106, 11: 111, 31: 131, 33: 133 },
	voucherType: { utgaendeFaktura: 8001, memorial: 8005 },
	paymentType: { kontant: 9001, bank: 9002, vipps: 9003, klarna: 9004 },
	customer: { fjordkaffe: 310001, nordlys: 310002, kari: 310003, inactive: 310004 },
	supplier: 320001,
	employee: 18001,
	product: { kaffe: 330001, kvern: 330002, gavekort: 330003, frakt: 330004 },
	company: 108000,
	clients: [108101, 108102],
};

export function posting(row: number | undefined, accountId: number, amountGross: number, extra: Record<string, unknown> = {}) {
	return { ...(row === undefined ? {} : { row }), account: { id: accountId }, amountGross, amountGrossCurrency: amountGross, ...extra };
}

/** A minimal PNG (1x1) and a tiny PDF, for attachment uploads. */
export const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);
