import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import {
	ACCESS_TOKEN,
	API_KEY,
	CREATE_PICKUP,
	EXPECTED_SHIPMENT,
	NODE_NAME,
	PDF,
	POSTI_ORIGIN,
	USER_AGENT,
	bearerApi,
	createdAnswer,
	demoCredential,
	expectNoSecrets,
	apiKeyCredential,
	keyApi,
	misbehavingPosti,
	mockToken,
	oauthCredential,
	pendingRequests,
	runPosti,
	setUpNock,
	store,
	tearDownNock,
} from './helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

const ORDER_PATH_V1 = '/shippingapi/api/v1/shipping/order';
const ORDER_PATH_V2 = '/shippingapi/api/v2/shipping/order';

describe('Shipment → Create', () => {
	test('API key: POST v1 with the raw key, ?returnFile=true, the exact body; label PDF as binary', async () => {
		let body: unknown;
		let contentType = '';
		keyApi()
			.post(ORDER_PATH_V1)
			.query({ returnFile: 'true' })
			.reply(function (_uri, requestBody) {
				body = requestBody;
				contentType = String(this.req.headers['content-type']);
				return [200, createdAnswer('v1')];
			});

		const result = await runPosti(CREATE_PICKUP);

		expect(result.error).toBeUndefined();
		expect(contentType).toContain('application/json');
		expect(body).toEqual({ pdfConfig: { target1Media: 'laser-a5' }, shipment: EXPECTED_SHIPMENT });
		expect(result.jsonOf(NODE_NAME)).toEqual([
			{
				shipmentNo: '70000000001',
				trackingNumbers: ['JJFI65432100000000001'],
				orderNo: 'store-1001',
				status: 'PRINTED',
				id: '0b7c1e0e-0000-4000-8000-000000000009',
				service: 'PO2103',
				pickupPointId: '001003200',
				labels: [
					{
						id: '6c4a6ffe-0000-4000-8000-000000000001',
						href: `${POSTI_ORIGIN}/shippingapi/api/v1/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001`,
						description: 'Address label',
						media: 'laser-a5',
						type: 'ADDRESSLABEL',
					},
				],
				alreadyExisted: false,
			},
		]);
		const [item] = result.outputOf(NODE_NAME);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'JJFI65432100000000001.pdf' });
		expect((await result.binaryBuffer(NODE_NAME, 0, 'data')).equals(PDF)).toBe(true);
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
	});

	test('OAuth client: one token for many items, Bearer on v2 with printConfig', async () => {
		const token = mockToken();
		const bodies: IDataObject[] = [];
		bearerApi()
			.post(ORDER_PATH_V2)
			.query({ returnFile: 'true' })
			.times(3)
			.reply((_uri, requestBody) => {
				bodies.push(requestBody as IDataObject);
				return [200, createdAnswer('v2', { parcelNo: `JJFI6543210000000000${bodies.length}`, shipmentNo: `7000000000${bodies.length}` })];
			});

		const credentials = store(oauthCredential);
		const result = await runPosti(
			{ ...CREATE_PICKUP, orderNo: '={{ $json.order }}', printMedia: 'thermo-225' },
			{ credentials, input: [{ order: 'store-1' }, { order: 'store-2' }, { order: 'store-3' }] },
		);

		expect(result.error).toBeUndefined();
		expect(token.isDone()).toBe(true);
		expect(credentials.preAuthenticationCount('omaPostiProApi')).toBe(1);
		expect(credentials.data('omaPostiProApi').accessToken).toBe(ACCESS_TOKEN);
		expect(bodies.map((body) => (body.shipment as IDataObject).orderNo)).toEqual(['store-1', 'store-2', 'store-3']);
		expect(bodies[0]).toEqual({
			printConfig: { target1Media: 'thermo-225' },
			shipment: { ...EXPECTED_SHIPMENT, orderNo: 'store-1', senderReference: 'store-1' },
		});
		const items = result.outputOf(NODE_NAME);
		expect(items.map((item) => item.json.trackingNumbers)).toEqual([['JJFI65432100000000001'], ['JJFI65432100000000002'], ['JJFI65432100000000003']]);
		expect(items.map((item) => item.binary?.data.fileName)).toEqual(['JJFI65432100000000001.pdf', 'JJFI65432100000000002.pdf', 'JJFI65432100000000003.pdf']);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expectNoSecrets(result);
	});

	test('Demo: the gateway secret on the order, not on the token request', async () => {
		mockToken({ prefix: '/demo' });
		bearerApi({ demo: true }).post(`/demo${ORDER_PATH_V2}`).query({ returnFile: 'true' }).reply(200, createdAnswer('v2'));
		const result = await runPosti(CREATE_PICKUP, { credentials: store(demoCredential) });
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)[0].shipmentNo).toBe('70000000001');
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
	});

	test('home delivery (PO2104) with notifications, a freight-free contract override, addons and JSON parcels; label as link', async () => {
		let body: IDataObject = {};
		keyApi()
			.post(ORDER_PATH_V1, (requestBody: IDataObject) => {
				body = requestBody;
				return true;
			})
			.reply(200, createdAnswer('v1', { inline: false }));

		const result = await runPosti({
			...CREATE_PICKUP,
			service: 'PO2104',
			pickupPointId: undefined,
			receiverPhone: '',
			labelOutput: 'link',
			parcelsSource: 'json',
			parcelsJson: '={{ $json.parcels }}',
			additionalFields: { contractNumber: '777777', additionalServices: '3101, 3104', receiverAddress2: 'B 12', senderReference: 'ref-9' },
		}, { input: [{ parcels: [{ count: 2, weight: '0.5', length: 0.3, width: 0.2, height: 0.1, value: 25, contents: 'Books' }] }] });

		expect(result.error).toBeUndefined();
		expect(body).toEqual({
			pdfConfig: { target1Media: 'laser-a5' },
			shipment: {
				...EXPECTED_SHIPMENT,
				senderPartners: [{ id: 'POSTI', custNo: '777777' }],
				receiver: { name: 'Matti Meikäläinen', address1: 'Aurakatu 2', address2: 'B 12', zipcode: '20100', city: 'TURKU', country: 'FI', email: 'matti@example.fi' },
				agent: undefined,
				service: { id: 'PO2104', addons: [{ id: '3101' }, { id: '3104' }] },
				parcels: [{ copies: 2, weight: 0.5, length: 0.3, width: 0.2, height: 0.1, packageCode: 'PKT', contents: 'Books', valuePerParcel: true, value: 25 }],
				senderReference: 'ref-9',
			},
		});
		expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('shipment.agent');
		const [item] = result.outputOf(NODE_NAME);
		expect(item.binary).toBeUndefined();
		expect(item.json.labels).toEqual([expect.objectContaining({ href: expect.stringContaining('/pdfs/') })]);
		expect(item.json).not.toHaveProperty('pickupPointId');
	});

	test('freight (POF1) is billed to the transport ID with sender partner ITELLALOG', async () => {
		let body: IDataObject = {};
		keyApi()
			.post(ORDER_PATH_V1, (requestBody: IDataObject) => {
				body = requestBody;
				return true;
			})
			.query(true)
			.reply(200, createdAnswer('v1'));
		const result = await runPosti({ ...CREATE_PICKUP, service: 'POF1' });
		expect(result.error).toBeUndefined();
		expect((body.shipment as IDataObject).senderPartners).toEqual([{ id: 'ITELLALOG', custNo: 'TR654321' }]);
	});

	test('a custom service code is sent as given; the service may come from an expression', async () => {
		let body: IDataObject = {};
		keyApi()
			.post(ORDER_PATH_V1, (requestBody: IDataObject) => {
				body = requestBody;
				return true;
			})
			.query(true)
			.reply(200, createdAnswer('v1'));
		const result = await runPosti({ ...CREATE_PICKUP, service: '={{ $json.method }}', customServiceCode: 'po2711' }, { input: [{ method: 'custom' }] });
		expect(result.error).toBeUndefined();
		expect((body.shipment as IDataObject).service).toEqual({ id: 'PO2711' });
	});

	test('without inline data the label is fetched from its link, on the gateway, with the same auth', async () => {
		const answer = createdAnswer('v2', { inline: false });
		mockToken();
		bearerApi().post(ORDER_PATH_V2).query({ returnFile: 'true' }).reply(200, answer);
		bearerApi().get('/shippingapi/api/v2/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001').reply(200, PDF, { 'content-type': 'application/pdf' });
		const result = await runPosti(CREATE_PICKUP, { credentials: store(oauthCredential) });
		expect(result.error).toBeUndefined();
		expect((await result.binaryBuffer(NODE_NAME, 0, 'data')).equals(PDF)).toBe(true);
		expect(pendingRequests()).toEqual([]);
	});
});

describe('Shipment → Create: a label that cannot be fetched after the create', () => {
	test('names the created shipment and warns against a re-run', async () => {
		keyApi().post(ORDER_PATH_V1).query({ returnFile: 'true' }).reply(200, createdAnswer('v1', { inline: false }));
		keyApi().get('/shippingapi/api/v1/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001').reply(404, { message: 'PDF not found or expired' });
		const result = await runPosti(CREATE_PICKUP);
		expect(result.error?.message).toBe('Shipment 70000000001 was created for item 0, but its label could not be downloaded');
		const description = String((result.error as { description?: string }).description);
		expect(description).toContain('Do not run this item again');
		expect(description).toContain('JJFI65432100000000001');
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
	});
});

describe('Shipment → Create: bad input is refused before anything is sent', () => {
	test.each([
		[{ receiverPostcode: '2010' }, 'Invalid receiver.postcode in item 0', '"2010" is not a Finnish postcode: it must be 5 digits'],
		[{ pickupPointId: '' }, 'Invalid pickupPointId in item 0', 'required for PO2103, which is delivered to a pickup point'],
		[{ service: 'PO2461', pickupPointId: '' }, 'Invalid pickupPointId in item 0', 'required for PO2461'],
		[{ receiverPhone: '', receiverEmail: '' }, 'Invalid receiver.phone in item 0', 'Posti notifies the receiver of PO2103'],
		[{ service: 'PO2104', receiverPhone: '', receiverEmail: '' }, 'Invalid receiver.phone in item 0', 'Posti notifies the receiver of PO2104'],
		[{ receiverName: 'Matti 😀 Meikäläinen' }, 'Invalid receiver.name in item 0', 'contains "😀" (U+1F600), which Posti cannot print'],
		[{ receiverCity: '東京' }, 'Invalid receiver.city in item 0', 'which Posti cannot print'],
		[{ parcels: { parcel: [{ count: 1, weight: 0 }] } }, 'Invalid parcels[0].weight in item 0', 'must be more than 0'],
		[{ parcels: { parcel: [{ count: 0, weight: 1 }] } }, 'Invalid parcels[0].count in item 0', 'must be at least 1'],
		[{ parcels: { parcel: [] } }, 'Invalid parcels in item 0', 'at least one parcel'],
		[{ receiverName: '={{ "" }}' }, 'Invalid receiver.name in item 0', "give the receiver's name"],
		[{ senderPostcode: '123' }, 'Invalid sender.postcode in item 0', 'must be 5 digits'],
	])('%p', async (override, message, detail) => {
		const result = await runPosti({ ...CREATE_PICKUP, ...override });
		expect(result.error?.message).toBe(`${message}: ${(result.error?.message ?? '').split(': ').slice(1).join(': ')}`);
		expect(result.error?.message).toContain(message);
		expect(`${result.error?.message}\n${(result.error as { description?: string }).description}`).toContain(detail);
		expect((result.error as { description?: string }).description).toContain('Nothing was sent');
		expect(result.error?.constructor.name).toBe('NodeOperationError');
	});

	test('Cyrillic and Latin Extended are printable and sent as they are', async () => {
		let body: IDataObject = {};
		keyApi()
			.post(ORDER_PATH_V1, (requestBody: IDataObject) => {
				body = requestBody;
				return true;
			})
			.query(true)
			.reply(200, createdAnswer('v1'));
		const result = await runPosti({ ...CREATE_PICKUP, receiverName: 'Иван Петров – Łukasz Šťastný' });
		expect(result.error).toBeUndefined();
		expect(((body.shipment as IDataObject).receiver as IDataObject).name).toBe('Иван Петров – Łukasz Šťastný');
	});

	test('no contract number anywhere: names the credential field', async () => {
		const credentials = store({ ...oauthCredential, data: { ...oauthCredential.data, contractNumber: '' } });
		const result = await runPosti(CREATE_PICKUP, { credentials });
		expect(result.error?.message).toBe('No Logistics Service Contract number for the shipment in item 0');
		expect((result.error as { description?: string }).description).toContain('Logistics Service Contract Number in the OmaPosti Pro credential');
	});

	test('a bad parcel in a JSON array names its index', async () => {
		const result = await runPosti(
			{ ...CREATE_PICKUP, parcelsSource: 'json', parcelsJson: '={{ $json.parcels }}' },
			{ input: [{ parcels: [{ weight: 1 }, { weight: -2 }] }] },
		);
		expect(result.error?.message).toContain('Invalid parcels[1].weight in item 0: must be more than 0 (kg)');
	});
});

describe('Shipment → Create: Posti refuses', () => {
	test('HTTP 200 with errors (E41 inactive pickup point) is a failure with Posti\'s code, message and advice', async () => {
		keyApi()
			.post(ORDER_PATH_V1)
			.query(true)
			.reply(200, { errors: [{ code: 'E41', field: 'agent.quickId', message: 'E41: Inactive pickup point, please choose an alternative pickup point' }] });
		const result = await runPosti({ ...CREATE_PICKUP, pickupPointId: '001099999' });
		expect(result.error?.message).toBe('OmaPosti Pro: E41: Inactive pickup point, please choose an alternative pickup point (HTTP 200, code E41)');
		const description = String((result.error as { description?: string }).description);
		expect(description).toContain('agent.quickId: E41: Inactive pickup point');
		expect(description).toContain('Choose another pickup point (Pickup Point → Search)');
		expect(pendingRequests()).toEqual([]);
		expectNoSecrets(result);
	});

	test('an array element carrying errors is a failure too', async () => {
		keyApi()
			.post(ORDER_PATH_V1)
			.query(true)
			.reply(200, [{ errors: [{ code: 'E30', field: 'senderPartners[0].custNo', message: 'E30: Contract number 999 is not linked to this user' }] }]);
		const result = await runPosti(CREATE_PICKUP);
		expect(result.error?.message).toContain('E30: Contract number 999 is not linked to this user');
		expect((result.error as { description?: string }).description).toContain('not linked to this API key or OAuth client');
	});

	test('continueOnFail: the failed item becomes an error item, the next one is created', async () => {
		keyApi()
			.post(ORDER_PATH_V1)
			.query(true)
			.reply(200, { errors: [{ code: 'E40', field: 'agent.quickId', message: 'E40: Unknown pickup point 1' }] });
		keyApi().post(ORDER_PATH_V1).query(true).reply(200, createdAnswer('v1'));
		const result = await runPosti(
			{ ...CREATE_PICKUP, pickupPointId: '={{ $json.point }}' },
			{ input: [{ point: '1' }, { point: '001003200' }], settings: { onError: 'continueRegularOutput' } },
		);
		const items = result.outputOf(NODE_NAME);
		expect(items[0].json.error).toContain('E40: Unknown pickup point 1');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.shipmentNo).toBe('70000000001');
		expect(items[1].pairedItem).toEqual({ item: 1 });
	});

	test.each([
		['HTTP 500', 500],
		['HTTP 503', 503],
	])('%s on create: sent exactly once, the error names the order reference', async (_name, status) => {
		let requests = 0;
		keyApi()
			.post(ORDER_PATH_V1)
			.query(true)
			.times(4)
			.reply(() => {
				requests++;
				return [status, { message: 'Internal server error' }];
			});
		const result = await runPosti(CREATE_PICKUP);
		expect(requests).toBe(1);
		expect(result.error?.message).toBe(`OmaPosti Pro: the shipment for order store-1001 may or may not have been created (HTTP ${status})`);
		const description = String((result.error as { description?: string }).description);
		expect(description).toContain('OmaPosti Pro answered: Internal server error');
		expect(description).toContain('did not send it again');
		expect(description).toContain('Check OmaPosti Pro (Shipments) for order reference store-1001 before running this item again');
		expectNoSecrets(result);
	});

	test.each([
		['a dropped connection', 'drop' as const, 'connection closed by the server'],
		['a timeout', 'hang' as const, 'timed out'],
	])('%s on create: sent exactly once, the error names the order reference', async (_name, mode, words) => {
		const server = await misbehavingPosti(mode);
		try {
			const credentials = store({ ...apiKeyCredential, data: { ...apiKeyCredential.data, baseUrlOverride: server.baseUrl, timeoutSeconds: 0.5 } });
			const result = await runPosti(CREATE_PICKUP, { credentials });
			expect(server.requests()).toBe(1);
			expect(result.error?.message).toBe(`OmaPosti Pro: the shipment for order store-1001 may or may not have been created (${words})`);
			expect((result.error as { description?: string }).description).toContain('Check OmaPosti Pro (Shipments) for order reference store-1001');
			expectNoSecrets(result);
		} finally {
			await server.close();
		}
	});

	test('a refused connection is retried (nothing reached Posti), then reported without the duplicate warning', async () => {
		const server = await misbehavingPosti('refuse');
		const credentials = store({ ...apiKeyCredential, data: { ...apiKeyCredential.data, baseUrlOverride: server.baseUrl } });
		const result = await runPosti(CREATE_PICKUP, { credentials });
		expect(result.error?.message).toBe('OmaPosti Pro: no answer (connection refused)');
		expect((result.error as { description?: string }).description).not.toContain('may or may not');
	}, 30_000);

	test('429 is retried after Retry-After, then created once', async () => {
		keyApi().post(ORDER_PATH_V1).query(true).reply(429, { message: 'Too Many Requests' }, { 'Retry-After': '0' });
		keyApi().post(ORDER_PATH_V1).query(true).reply(200, createdAnswer('v1'));
		const result = await runPosti(CREATE_PICKUP);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf(NODE_NAME)[0].shipmentNo).toBe('70000000001');
		expect(pendingRequests()).toEqual([]);
	});

	test('a refused key: 401, with advice, and no secret in the error', async () => {
		nock(POSTI_ORIGIN).post(ORDER_PATH_V1).query(true).times(2).reply(401, { message: 'Unauthorized' });
		const result = await runPosti(CREATE_PICKUP);
		expect(result.error?.message).toContain('OmaPosti Pro');
		expect(result.error?.message).toContain('401');
		expectNoSecrets(result);
	});
});

describe('Shipment → Get Label', () => {
	const LABEL = `${POSTI_ORIGIN}/shippingapi/api/v1/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001`;

	test('downloads the link with the raw key as binary PDF', async () => {
		keyApi().get('/shippingapi/api/v1/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001').reply(200, PDF, { 'content-type': 'application/pdf' });
		const result = await runPosti({ resource: 'shipment', operation: 'getLabel', labelUrl: LABEL });
		expect(result.error).toBeUndefined();
		const [item] = result.outputOf(NODE_NAME);
		expect(item.json).toEqual({ labelUrl: LABEL, fileName: '6c4a6ffe-0000-4000-8000-000000000001.pdf', size: PDF.length });
		expect(item.binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: '6c4a6ffe-0000-4000-8000-000000000001.pdf' });
		expect((await result.binaryBuffer(NODE_NAME, 0, 'data')).equals(PDF)).toBe(true);
	});

	test('an expired link (404) says labels live 1 hour', async () => {
		keyApi().get('/shippingapi/api/v1/shipments/654321/pdfs/6c4a6ffe-0000-4000-8000-000000000001').reply(404, { message: 'PDF not found or expired' });
		const result = await runPosti({ resource: 'shipment', operation: 'getLabel', labelUrl: LABEL });
		expect(result.error?.message).toBe('OmaPosti Pro: PDF not found or expired (HTTP 404)');
		expect((result.error as { description?: string }).description).toContain('Label links work for 1 hour');
		expect(pendingRequests()).toEqual([]);
	});

	test.each([
		['another host', 'https://evil.example/shippingapi/api/v1/shipments/654321/pdfs/x'],
		['a look-alike host', 'https://posti.test.evil.example/shippingapi/api/v1/shipments/654321/pdfs/x'],
		['http instead of https', 'http://posti.test/shippingapi/api/v1/shipments/654321/pdfs/x'],
		['user info', 'https://user:pw@posti.test/shippingapi/api/v1/shipments/654321/pdfs/x'],
	])('a link on %s is refused before anything is sent', async (_name, href) => {
		const result = await runPosti({ resource: 'shipment', operation: 'getLabel', labelUrl: href });
		expect(result.error?.message).toBe("The label link in item 0 is not on the credential's Posti gateway (https://posti.test)");
		expect(result.error?.constructor.name).toBe('NodeOperationError');
	});

	test('in Demo the link must carry the /demo prefix of the gateway', async () => {
		const result = await runPosti(
			{ resource: 'shipment', operation: 'getLabel', labelUrl: `${POSTI_ORIGIN}/shippingapi/api/v2/shipments/654321/pdfs/x` },
			{ credentials: store(demoCredential) },
		);
		expect(result.error?.message).toBe("The label link in item 0 is not on the credential's Posti gateway (https://posti.test/demo)");
	});

	test('the default gateway is https://gateway.posti.fi', async () => {
		const credentials = store({ ...store().get('omaPostiProApi')!, data: { authentication: 'apiKey', apiKey: API_KEY } });
		nock('https://gateway.posti.fi', { reqheaders: { authorization: API_KEY, 'user-agent': USER_AGENT } })
			.get('/shippingapi/api/v1/shipments/654321/pdfs/abc')
			.reply(200, PDF);
		const result = await runPosti(
			{ resource: 'shipment', operation: 'getLabel', labelUrl: 'https://gateway.posti.fi/shippingapi/api/v1/shipments/654321/pdfs/abc' },
			{ credentials },
		);
		expect(result.error).toBeUndefined();
		expect(pendingRequests()).toEqual([]);
	});
});
