/**
 * Scenario 1: N Procountor sales invoices from N web-store orders.
 *
 * (a) Procountor node, Invoice → Create as the order-to-invoice template sets it up (order
 *     number looked up first, rows linked to products by code, channel from the data), no
 *     customer register.
 * (b) HTTP Request nodes as Procountor's docs lead there: per item a token
 *     (POST /oauth/token, client credentials + API key), GET /invoices by the order number,
 *     IF none, POST /invoices with the Bearer token. Its items carry the invoice body already
 *     mapped (which spares (b) the node's mapping work) and its rows are not linked to products.
 * (c) undici: one token, the reference data once, then per item the lookup and the POST, under
 *     a limiter of 20 requests per second counted until answered (what keeps a client of a
 *     suspending API alive).
 */
import { OWN_COMPANY } from '../../../sandbox/procountor/seed';
import { PROCOUNTOR_ROUTES } from '../measure';
import type { BenchEnv, RunSpec, Scenario } from '../types';
import { chainWorkflow, httpRequest, ifEquals, SPLIT_NODE } from '../workflows';

export const PROCOUNTOR_LIMIT = { limit: 20, windowMs: 1000 };

export interface OrderRow {
	product: string;
	productCode: string;
	quantity: number;
	unitPrice: number;
	vatPercent: number;
}

export interface OrderItem {
	orderNumber: string;
	invoiceDate: string;
	dueDate: string;
	customer: { name: string; email: string };
	address: { street: string; zip: string; city: string; country: string };
	rows: OrderRow[];
	totalInclVat: string;
	/** The same invoice as Procountor's API takes it, for the hand-built flow (b). */
	invoice: Record<string, unknown>;
}

const CUSTOMERS = [
	{ name: 'Kahvila Äijä Oy', email: 'laskut@kahvila-aija.example', street: 'Hämeenkatu 10', zip: '33100', city: 'Tampere' },
	{ name: 'Pyöräliike Polku Oy', email: 'ostot@polku.example', street: 'Aleksanterinkatu 5', zip: '00100', city: 'Helsinki' },
	{ name: 'Kirjakauppa Sivu Oy', email: 'talous@sivu.example', street: 'Kauppakatu 3', zip: '40100', city: 'Jyväskylä' },
];

const ROWS: OrderRow[] = [
	{ product: 'Kahvi 250 g', productCode: 'KAHVI-250', quantity: 2, unitPrice: 9.9, vatPercent: 14 },
	{ product: 'Muki', productCode: 'MUKI', quantity: 1, unitPrice: 14.9, vatPercent: 25.5 },
	{ product: 'Toimitus', productCode: 'TOIMITUS', quantity: 1, unitPrice: 5.9, vatPercent: 25.5 },
];

export const BANK_ACCOUNT = 'FI2799999900031563';

/** The body the package's node sends for an order (rows linked when productIds are given). */
export function invoiceBody(order: Omit<OrderItem, 'invoice'>, productIds?: Map<string, number>): Record<string, unknown> {
	const address = { name: order.customer.name, street: order.address.street, zip: order.address.zip, city: order.address.city, country: 'FINLAND' };
	return {
		type: 'SALES_INVOICE',
		date: order.invoiceDate,
		counterParty: { counterPartyAddress: address, email: order.customer.email },
		billingAddress: address,
		paymentInfo: {
			paymentMethod: 'BANK_TRANSFER',
			currency: 'EUR',
			dueDate: order.dueDate,
			currencyRate: 1,
			bankAccount: { accountNumber: BANK_ACCOUNT },
			bankReferenceCode: '',
		},
		extraInfo: { accountingByRow: false, unitPricesIncludeVat: true },
		discountPercent: 0,
		invoiceRows: order.rows.map((row) => ({
			...(productIds?.has(row.productCode) ? { productId: productIds.get(row.productCode) } : {}),
			product: row.product,
			productCode: row.productCode,
			quantity: row.quantity,
			unit: 'PIECE',
			unitPrice: row.unitPrice,
			discountPercent: 0,
			vatPercent: row.vatPercent,
		})),
		vatStatus: 1,
		invoiceChannel: 'EMAIL',
		language: 'FINNISH',
		originalInvoiceNumber: order.orderNumber,
		orderReference: order.orderNumber,
	};
}

export function orderItems(count: number, tag: string): OrderItem[] {
	return Array.from({ length: count }, (_, index) => {
		const customer = CUSTOMERS[index % CUSTOMERS.length];
		const order = {
			orderNumber: `B${tag}-${index + 1}`,
			invoiceDate: '2026-11-20',
			dueDate: '2026-12-04',
			customer: { name: customer.name, email: customer.email },
			address: { street: customer.street, zip: customer.zip, city: customer.city, country: 'FI' },
			rows: ROWS,
			totalInclVat: '40.60',
		};
		return { ...order, invoice: invoiceBody(order) };
	});
}

function packageWorkflow(env: BenchEnv, path: string) {
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			{
				name: 'Create invoice',
				type: 'n8n-nodes-nordic-commerce.procountor',
				typeVersion: 1,
				parameters: {
					resource: 'invoice',
					operation: 'create',
					customerName: '={{ $json.customer.name }}',
					customer: { email: '={{ $json.customer.email }}' },
					billingAddress: {
						street: '={{ $json.address.street }}',
						zip: '={{ $json.address.zip }}',
						city: '={{ $json.address.city }}',
						country: '={{ $json.address.country }}',
					},
					invoiceDate: '={{ $json.invoiceDate }}',
					paymentTermDays: 14,
					reference: '={{ $json.orderNumber }}',
					skipIfExists: true,
					customerRegister: 'none',
					invoiceChannel: 'auto',
					pricesIncludeVat: true,
					rowsSource: 'json',
					rowsJson: '={{ JSON.stringify($json.rows) }}',
					additionalFields: { orderTotal: '={{ $json.totalInclVat }}' },
					options: { matchProducts: true, concurrency: env.concurrency },
				},
				credentials: { procountorApi: env.freshCredential('procountor') },
			},
		],
		'id',
	);
}

function httpRequestWorkflow(env: BenchEnv, path: string) {
	const base = env.sandbox.procountor.baseUrl;
	const bearer = "=Bearer {{ $('Get access token').item.json.access_token }}";
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			httpRequest({
				name: 'Get access token',
				method: 'POST',
				url: `${base}/oauth/token`,
				form: {
					grant_type: 'client_credentials',
					client_id: 'sandbox-client-id',
					client_secret: 'sandbox-client-secret',
					api_key: 'sandbox-api-key',
				},
			}),
			httpRequest({
				name: 'Find invoice by order number',
				method: 'GET',
				url: `${base}/invoices`,
				headers: { Authorization: bearer },
				query: { originalInvoiceNumber: `={{ $('${SPLIT_NODE}').item.json.orderNumber }}`, types: 'SALES_INVOICE' },
			}),
			ifEquals('Not invoiced yet', '={{ $json.results.length }}', 0),
			httpRequest({
				name: 'Create invoice',
				method: 'POST',
				url: `${base}/invoices`,
				headers: { Authorization: bearer },
				jsonBody: `={{ JSON.stringify($('${SPLIT_NODE}').item.json.invoice) }}`,
			}),
		],
		'id',
	);
}

export const procountorInvoices = (count: number): Scenario => ({
	key: 'procountor-invoices',
	title: `${count} Procountor invoices from ${count} items`,
	vendor: 'procountor',
	routes: PROCOUNTOR_ROUTES,
	basePath: '/api',
	// 3 products by code, the VAT settings and the bank accounts.
	distinctReferences: ROWS.length + 2,
	created: (env) => env.sandbox.procountor.emulator.booksFor(OWN_COMPANY.id).invoices.size,
	runs(env): RunSpec[] {
		return [
			{
				variant: 'a',
				label: `package node, Concurrency ${env.concurrency}`,
				workflow: packageWorkflow(env, 'bench-pc-invoices-a'),
				items: orderItems(count, 'a'),
				expected: count,
				size: count,
			},
			{
				variant: 'b',
				label: 'HTTP Request nodes, token per item',
				workflow: httpRequestWorkflow(env, 'bench-pc-invoices-b'),
				items: orderItems(count, 'b'),
				expected: count,
				size: count,
			},
			{
				variant: 'c',
				label: `undici loop, cached token, concurrency ${env.concurrency}, 20/s limiter`,
				floor: {
					kind: 'procountorInvoices',
					baseUrl: env.sandbox.procountor.baseUrl,
					orders: orderItems(count, 'c'),
					concurrency: env.concurrency,
					...PROCOUNTOR_LIMIT,
				},
				expected: count,
				size: count,
			},
		];
	},
});
