import { startSandbox, type PostiConfig } from '../../sandbox';
import { createPostiToken } from '../../sandbox/client';
import type { RateLimitConfig } from '../../sandbox/framework/types';
import { connectTo, formBody, send, type EmulatorConnection, type HttpResult, type RequestOptions } from './http';

export const PS = {
	apiKey: 'sandbox-posti-api-key',
	clientId: 'sandbox-posti-client',
	clientSecret: 'sandbox-posti-secret',
	shippingOnlyClientId: 'sandbox-posti-shipping-only',
	gatewaySecret: 'sandbox-gateway-secret',
	contract: '654321',
	transportId: 'TR654321',
	pickupPoint: '001003200',
	inactivePickupPoint: '001099999',
};

export const V1_ORDER = '/shippingapi/api/v1/shipping/order';
export const V2_ORDER = '/shippingapi/api/v2/shipping/order';

export interface PostiCallOptions extends RequestOptions {
	/** The Authorization header value as sent (`Bearer …` or the raw key); none when absent. */
	auth?: string;
}

/** `base` is `http://127.0.0.1:PORT` (production-like gateway G). */
export interface PostiHarness extends EmulatorConnection {
	/** `Bearer <token>` of the default client (roles shippingapi + 2025-04), production-like. */
	bearer: string;
	/** Path relative to `base` (may start with /demo), or an absolute URL. */
	call(method: string, pathOrUrl: string, options?: PostiCallOptions): Promise<HttpResult>;
	login(options?: { clientId?: string; clientSecret?: string; demo?: boolean }): Promise<string>;
}

/** Starts the Posti emulator alone; rate limiting is off unless asked for (the rate tests turn it on). */
export async function startPosti(
	config: Partial<PostiConfig> = {},
	rateLimit: Partial<RateLimitConfig> = { enabled: false },
): Promise<PostiHarness> {
	const connection = connectTo(await startSandbox({ posti: { port: 0, config, rateLimit } }), 'posti', { connections: 64 });
	const { base, agent } = connection;
	const h: PostiHarness = {
		...connection,
		bearer: '',
		async call(method, pathOrUrl, options = {}) {
			const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl}`;
			return send(agent, method, url, options, options.auth);
		},
		async login(options = {}) {
			const gateway = options.demo ? `${base}/demo` : base;
			return (await createPostiToken(gateway, { dispatcher: agent, ...options })).authorization;
		},
	};
	h.bearer = await h.login();
	return h;
}

export async function resetPosti(h: PostiHarness): Promise<void> {
	await h.control.reset();
	h.bearer = await h.login();
}

export function tokenForm(overrides: Record<string, string | undefined> = {}): string {
	return formBody({ grant_type: 'client_credentials', client_id: PS.clientId, client_secret: PS.clientSecret, ...overrides });
}

type Json = Record<string, any>;

/** A valid PO2103 (pickup point) order as the contract shows it; `mutate` edits the shipment. */
export function orderBody(version: 'v1' | 'v2' = 'v2', mutate: (shipment: Json) => void = () => {}, media = 'laser-a5'): Json {
	const shipment: Json = {
		senderPartners: [{ id: 'POSTI', custNo: PS.contract }],
		sender: { name: 'Sandbox Kauppa Oy', address1: 'Mannerheimintie 1', zipcode: '00100', city: 'HELSINKI', country: 'FI', phone: '+358401111111', email: 'kauppa@example.fi' },
		receiver: { name: 'Matti Meikäläinen', address1: 'Tie 2', address2: 'B 5', zipcode: '20100', city: 'TURKU', country: 'FI', phone: '+358401234567', email: 'matti@example.fi' },
		agent: { quickId: PS.pickupPoint },
		service: { id: 'PO2103', addons: [{ id: 'NOT' }] },
		parcels: [{ copies: 1, weight: 1.0, length: 0.3, width: 0.2, height: 0.1, packageCode: 'PKT', contents: 'Goods', valuePerParcel: false, value: 0 }],
		orderNo: 'store-1001',
		senderReference: 'store-1001',
	};
	mutate(shipment);
	return { [version === 'v1' ? 'pdfConfig' : 'printConfig']: { target1Media: media }, shipment };
}

/** The strings drawn on a sandbox PDF page (its text operators). */
export function pdfText(pdf: Buffer): string {
	return [...pdf.toString('latin1').matchAll(/\((.*?)\) Tj/g)].map((m) => m[1].replace(/\\([()\\])/g, '$1')).join('\n');
}
