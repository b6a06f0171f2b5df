import { startSandbox, type TripletexConfig } from '../../sandbox';
import { createTripletexSession, tripletexAuthorization } from '../../sandbox/client';
import { addDays, osloDate } from '../../sandbox/tripletex/dates';
import { connectTo, send, type EmulatorConnection, type HttpResult, type RequestOptions } from './http';

export interface CallOptions extends RequestOptions {
	/** Authorization header; defaults to the harness session; `null` sends none. */
	auth?: string | null;
}

export interface TripletexHarness extends EmulatorConnection {
	auth: string;
	token: string;
	call(method: string, path: string, options?: CallOptions): Promise<HttpResult>;
	login(options?: Parameters<typeof createTripletexSession>[1]): Promise<{ token: string; authorization: string }>;
}

export const tomorrow = () => addDays(osloDate(Date.now()), 1);

export async function startTripletex(config: Partial<TripletexConfig> = {}): Promise<TripletexHarness> {
	const connection = connectTo(await startSandbox({ tripletex: { port: 0, config } }), 'tripletex');
	const { base, agent } = connection;
	const harness: TripletexHarness = {
		...connection,
		auth: '',
		token: '',
		async call(method, path, options = {}) {
			const auth = options.auth === undefined ? harness.auth : options.auth;
			return send(agent, method, `${base}${path}`, options, auth || undefined);
		},
		async login(options = {}) {
			return createTripletexSession(base, { dispatcher: agent, ...options });
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
