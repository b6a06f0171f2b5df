import { startSandbox, type ProcountorConfig } from '../../sandbox';
import { createProcountorToken } from '../../sandbox/client';
import type { RateLimitConfig } from '../../sandbox/framework/types';
import { connectTo, formBody, send, type EmulatorConnection, type HttpResult, type RequestOptions } from './http';

export interface ProcountorCallOptions extends RequestOptions {
	/** Bearer token; defaults to the harness token; `null` sends none. */
	token?: string | null;
}

export interface ProcountorHarness extends EmulatorConnection {
	token: string;
	call(method: string, path: string, options?: ProcountorCallOptions): Promise<HttpResult>;
	login(options?: { clientId?: string; clientSecret?: string; apiKey?: string }): Promise<string>;
}

/** Starts the Procountor emulator alone; rate limiting is off unless asked for (the rate tests turn it on). */
export async function startProcountor(
	config: Partial<ProcountorConfig> = {},
	rateLimit: Partial<RateLimitConfig> = { enabled: false },
): Promise<ProcountorHarness> {
	const connection = connectTo(await startSandbox({ procountor: { port: 0, config, rateLimit } }), 'procountor', { connections: 64 });
	const { base, agent } = connection;
	const h: ProcountorHarness = {
		...connection,
		token: '',
		async call(method, path, options = {}) {
			const token = options.token === undefined ? h.token : options.token;
			return send(agent, method, `${base}${path}`, options, token ? `Bearer ${token}` : undefined);
		},
		async login(options = {}) {
			return (await createProcountorToken(base, { dispatcher: agent, ...options })).accessToken;
		},
	};
	h.token = await h.login();
	return h;
}

export async function resetProcountor(h: ProcountorHarness): Promise<void> {
	await h.control.reset();
	h.token = await h.login();
}

/** Form body for the token endpoint. */
export function tokenForm(overrides: Record<string, string | undefined> = {}): string {
	return formBody({
		grant_type: 'client_credentials',
		client_id: 'sandbox-client-id',
		client_secret: 'sandbox-client-secret',
		api_key: 'sandbox-api-key',
		...overrides,
	});
}

export const PC = {
	company: 2684459,
	secondCompany: 1060155,
	bankAccount: 'FI2799999900031563',
	partner: { kahvila: 310501, polku: 310502, matti: 310503, inactive: 310504 },
	product: { kahvi: 420101, luomu: 420102, muki: 420103, kirja: 420104, toimitus: 420105 },
	activationRequestId: 'sandbox-activation-request',
};

/** A valid sales invoice body (EMAIL channel); override any top-level key. */
export function invoiceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		type: 'SALES_INVOICE',
		date: '2026-10-01',
		counterParty: {
			counterPartyAddress: { name: 'Kahvila Äijä Oy', street: 'Aleksanterinkatu 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
			email: 'laskut@kahvila-aija.example',
			identifier: '0112038-9',
		},
		paymentInfo: {
			paymentMethod: 'BANK_TRANSFER',
			currency: 'EUR',
			bankAccount: { accountNumber: PC.bankAccount },
			dueDate: '2026-10-15',
			currencyRate: 1,
			bankReferenceCode: '',
		},
		extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
		discountPercent: 0,
		invoiceRows: [
			{ product: 'Kahvi 250 g', productCode: 'KAHVI-250', quantity: 2, unit: 'PIECE', unitPrice: 8.9, discountPercent: 0, vatPercent: 14 },
			{ product: 'Kahvimuki', quantity: 1, unit: 'PIECE', unitPrice: 12.5, discountPercent: 10, vatPercent: 25.5 },
		],
		vatStatus: 1,
		invoiceChannel: 'EMAIL',
		language: 'FINNISH',
		orderReference: 'WEB-1001',
		originalInvoiceNumber: 'WEB-1001',
		...overrides,
	};
}

/** Most requests in any span of `windowMs` among journal entry times. */
export function maxInAnyWindow(times: number[], windowMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let max = 0;
	let start = 0;
	for (let end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] >= windowMs) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}
