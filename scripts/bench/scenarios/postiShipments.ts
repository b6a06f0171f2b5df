/**
 * Scenario 3: N OmaPosti Pro shipments (Kotipaketti PO2104), each with its PDF label.
 *
 * (a) OmaPosti Pro node, Shipment → Create, label As File (binary on the item), OAuth client
 *     credential (shipping API v2).
 * (b) HTTP Request nodes as Posti's developer docs lead there: per item a token
 *     (POST /api/v1/token, client credentials), then POST /shippingapi/api/v2/shipping/order
 *     ?returnFile=true with the Bearer token. Its items carry the order body already mapped, and
 *     the label stays base64 in the JSON (no conversion to a file): both spare (b) work.
 * (c) undici: one token, then per item the create with returnFile=true, the label decoded to
 *     bytes, under a limiter of 50 requests per second (Posti's published limit).
 */
import { CONTRACT_NUMBER, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from '../../../sandbox/posti/seed';
import type { VendorRoutes } from '../measure';
import type { BenchEnv, RunSpec, Scenario } from '../types';
import { chainWorkflow, httpRequest, SPLIT_NODE } from '../workflows';

export const POSTI_LIMIT = { limit: 50, windowMs: 1000 };

export const POSTI_ROUTES: VendorRoutes = {
	token: /^(\/demo)?\/api\/v1\/token$/,
	duplicateCheck: /^\/__none__$/,
	referenceLookup: /^\/__none__$/,
	page: /^\/__none__$/,
};

const SENDER = { name: 'Sandbox Kauppa Oy', address1: 'Mannerheimintie 1', zipcode: '00100', city: 'HELSINKI', country: 'FI' };

const RECEIVERS = [
	{ name: 'Matti Meikäläinen', address1: 'Aurakatu 1', zipcode: '20100', city: 'TURKU', phone: '+358401234567', email: 'matti@example.fi' },
	{ name: 'Liisa Virtanen', address1: 'Hämeenkatu 10', zipcode: '33100', city: 'TAMPERE', phone: '+358407654321', email: 'liisa@example.fi' },
	{ name: 'Pekka Korhonen', address1: 'Kirkkokatu 5', zipcode: '90100', city: 'OULU', phone: '+358409998877', email: 'pekka@example.fi' },
];

export interface ShipmentItem {
	orderNo: string;
	receiver: (typeof RECEIVERS)[number];
	parcels: Array<{ count: number; weight: number; contents: string }>;
	/** The same shipment as Posti's API takes it, for (b) and (c). */
	order: Record<string, unknown>;
}

export function shipmentBody(orderNo: string, receiver: ShipmentItem['receiver']): Record<string, unknown> {
	return {
		printConfig: { target1Media: 'laser-a5' },
		shipment: {
			senderPartners: [{ id: 'POSTI', custNo: CONTRACT_NUMBER }],
			sender: SENDER,
			receiver: { ...receiver, country: 'FI' },
			service: { id: 'PO2104' },
			parcels: [{ copies: 1, weight: 1.2, packageCode: 'PKT', contents: 'Clothes', valuePerParcel: false }],
			orderNo,
			senderReference: orderNo,
		},
	};
}

export function shipmentItems(count: number, tag: string): ShipmentItem[] {
	return Array.from({ length: count }, (_, index) => {
		const orderNo = `store-${tag}-${index + 1}`;
		const receiver = RECEIVERS[index % RECEIVERS.length];
		return { orderNo, receiver, parcels: [{ count: 1, weight: 1.2, contents: 'Clothes' }], order: shipmentBody(orderNo, receiver) };
	});
}

function packageWorkflow(env: BenchEnv, path: string) {
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			{
				name: 'Create shipment',
				type: 'n8n-nodes-nordic-commerce.omaPostiPro',
				typeVersion: 1,
				parameters: {
					resource: 'shipment',
					operation: 'create',
					service: 'PO2104',
					orderNo: '={{ $json.orderNo }}',
					senderName: SENDER.name,
					senderAddress: SENDER.address1,
					senderPostcode: SENDER.zipcode,
					senderCity: SENDER.city,
					senderCountry: 'FI',
					receiverName: '={{ $json.receiver.name }}',
					receiverAddress: '={{ $json.receiver.address1 }}',
					receiverPostcode: '={{ $json.receiver.zipcode }}',
					receiverCity: '={{ $json.receiver.city }}',
					receiverCountry: 'FI',
					receiverPhone: '={{ $json.receiver.phone }}',
					receiverEmail: '={{ $json.receiver.email }}',
					parcelsSource: 'json',
					parcelsJson: '={{ JSON.stringify($json.parcels) }}',
					labelOutput: 'binary',
					binaryPropertyName: 'data',
					printMedia: 'laser-a5',
					additionalFields: {},
					options: { concurrency: env.concurrency },
				},
				credentials: { omaPostiProApi: env.freshCredential('posti') },
			},
		],
		'shipmentNo',
	);
}

function httpRequestWorkflow(env: BenchEnv, path: string) {
	const base = env.sandbox.posti.baseUrl;
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			httpRequest({
				name: 'Get access token',
				method: 'POST',
				url: `${base}/api/v1/token`,
				form: { grant_type: 'client_credentials', client_id: DEFAULT_CLIENT_ID, client_secret: DEFAULT_CLIENT_SECRET },
			}),
			httpRequest({
				name: 'Create shipment',
				method: 'POST',
				url: `${base}/shippingapi/api/v2/shipping/order`,
				headers: { Authorization: '=Bearer {{ $json.access_token }}' },
				query: { returnFile: 'true' },
				jsonBody: `={{ JSON.stringify($('${SPLIT_NODE}').item.json.order) }}`,
			}),
		],
		'shipmentNo',
	);
}

export const postiShipments = (count: number): Scenario => ({
	key: 'posti-shipments',
	title: `${count} OmaPosti Pro shipments with PDF labels`,
	vendor: 'posti',
	routes: POSTI_ROUTES,
	basePath: '',
	distinctReferences: 0,
	created: (env) => env.sandbox.posti.emulator.store.shipments.size,
	runs(env): RunSpec[] {
		return [
			{
				variant: 'a',
				label: `package node, Concurrency ${env.concurrency}, label as file`,
				workflow: packageWorkflow(env, 'bench-posti-a'),
				items: shipmentItems(count, 'a'),
				expected: count,
				size: count,
			},
			{
				variant: 'b',
				label: 'HTTP Request nodes, token per item, label left base64',
				workflow: httpRequestWorkflow(env, 'bench-posti-b'),
				items: shipmentItems(count, 'b'),
				expected: count,
				size: count,
			},
			{
				variant: 'c',
				label: `undici loop, cached token, concurrency ${env.concurrency}, 50/s limiter`,
				floor: { kind: 'postiShipments', baseUrl: env.sandbox.posti.baseUrl, items: shipmentItems(count, 'c'), concurrency: env.concurrency, ...POSTI_LIMIT },
				expected: count,
				size: count,
			},
		];
	},
});
