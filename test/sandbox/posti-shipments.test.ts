import { PS, V1_ORDER, V2_ORDER, orderBody, pdfText, resetPosti, startPosti, type PostiHarness } from './posti-helpers';

let h: PostiHarness;

beforeAll(async () => {
	h = await startPosti();
});
afterAll(async () => {
	await h.close();
});
beforeEach(async () => {
	await resetPosti(h);
});

type Json = Record<string, any>;
const createV2 = (body: Json = orderBody(), query = '') => h.call('POST', `${V2_ORDER}${query}`, { body, auth: h.bearer });
const createV1 = (body: Json = orderBody('v1'), query = '') => h.call('POST', `${V1_ORDER}${query}`, { body, auth: PS.apiKey });
const shipments = async () => (await h.control.state<{ shipments: Json[] }>()).shipments;
const setNow = (epochMs: number) => h.control.configure({ now: new Date(epochMs).toISOString() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('create shipment v2 (Bearer)', () => {
	it('answers an array with one PRINTED shipment, parcel numbers and prints[] links', async () => {
		const res = await createV2();
		expect(res.status).toBe(200);
		expect(res.json).toEqual([
			{
				id: '5a7d0000-0000-4000-8000-000000000001',
				status: 'PRINTED',
				shipmentNo: '700000000001',
				orderNo: 'store-1001',
				parcels: [{ parcelNo: 'JJFI65432100000000001' }],
				prints: [
					{
						id: '5a7d0000-0000-4000-8000-000000000002',
						href: `${h.base}/shippingapi/api/v2/shipments/654321/pdfs/5a7d0000-0000-4000-8000-000000000002`,
						description: 'Address label',
						media: 'laser-a5',
						pdf_type: 'ADDRESSLABEL',
					},
				],
			},
		]);
		expect(res.json[0].id).toMatch(UUID);
		const [stored] = await shipments();
		expect(stored).toMatchObject({
			orderNo: 'store-1001',
			apiVersion: 'v2',
			contract: '654321',
			service: { id: 'PO2103', name: 'Postipaketti', addons: [{ id: 'NOT' }] },
			receiver: { name: 'Matti Meikäläinen', zipcode: '20100' },
			agent: { quickId: PS.pickupPoint },
			parcels: [{ parcelNo: 'JJFI65432100000000001', weight: 1, packageCode: 'PKT' }],
			labels: [{ id: res.json[0].prints[0].id, media: 'laser-a5', expired: false }],
		});
		expect(Date.parse(stored.labels[0].expiresAt) - Date.parse(stored.labels[0].createdAt)).toBe(3_600_000);
	});

	it('returnFile=true puts the PDF inline as base64 in prints[].data', async () => {
		const res = await createV2(orderBody('v2', () => {}, 'thermo-se'), '?returnFile=true');
		const print = res.json[0].prints[0];
		expect(print.media).toBe('thermo-se');
		const pdf = Buffer.from(print.data, 'base64');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('copies make one parcel number each; numbers keep counting', async () => {
		const res = await createV2(orderBody('v2', (s) => (s.parcels[0].copies = 3)));
		expect(res.json[0].parcels).toEqual([
			{ parcelNo: 'JJFI65432100000000001' },
			{ parcelNo: 'JJFI65432100000000002' },
			{ parcelNo: 'JJFI65432100000000003' },
		]);
		const next = await createV2();
		expect(next.json[0].shipmentNo).toBe('700000000002');
		expect(next.json[0].parcels).toEqual([{ parcelNo: 'JJFI65432100000000004' }]);
	});

	it('home delivery and freight services: PO2104 without agent, POF1 with ITELLALOG and the transport id', async () => {
		const home = await createV2(orderBody('v2', (s) => {
			s.service = { id: 'PO2104' };
			delete s.agent;
		}));
		expect(home.json[0].status).toBe('PRINTED');
		const freight = await createV2(orderBody('v2', (s) => {
			s.service = { id: 'POF1' };
			s.senderPartners = [{ id: 'ITELLALOG', custNo: PS.transportId }];
			delete s.agent;
		}));
		expect(freight.json[0].prints[0].href).toContain('/shipments/TR654321/pdfs/');
	});
});

describe('create shipment v1 (API key)', () => {
	it('answers pdfs[] with a v1 link; returnFile=true puts the PDF in pdfs[].pdf', async () => {
		const res = await createV1(orderBody('v1', () => {}, 'laser-a4'), '?returnFile=true');
		expect(res.status).toBe(200);
		const [shipment] = res.json;
		expect(shipment.prints).toBeUndefined();
		expect(shipment.pdfs).toEqual([
			{
				id: expect.stringMatching(UUID),
				href: `${h.base}/shippingapi/api/v1/shipments/654321/pdfs/${shipment.pdfs[0].id}`,
				description: 'Address label',
				media: 'laser-a4',
				pdf_type: 'ADDRESSLABEL',
				pdf: expect.any(String),
			},
		]);
		expect(Buffer.from(shipment.pdfs[0].pdf, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		expect((await shipments())[0].apiVersion).toBe('v1');
	});
});

describe('label links', () => {
	it('serve a one-page PDF with receiver, service, parcel number, sender and order reference, with the same auth', async () => {
		const res = await createV2();
		const href = res.json[0].prints[0].href;
		const label = await h.call('GET', href, { auth: h.bearer });
		expect(label.status).toBe(200);
		expect(label.headers['content-type']).toBe('application/pdf');
		expect(label.buffer.subarray(0, 8).toString()).toBe('%PDF-1.4');
		expect(label.buffer.toString('latin1')).toContain('/Count 1');
		const text = pdfText(label.buffer);
		for (const line of ['Matti Meikäläinen', 'Tie 2', '20100 TURKU', 'PO2103 Postipaketti', 'JJFI65432100000000001', 'Sandbox Kauppa Oy', 'Order: store-1001']) {
			expect(text).toContain(line);
		}
	});

	it('401 without or with the wrong auth; v1 links take the API key', async () => {
		const v2 = (await createV2()).json[0].prints[0].href;
		expect((await h.call('GET', v2)).status).toBe(401);
		expect((await h.call('GET', v2, { auth: PS.apiKey })).status).toBe(401);
		const v1 = (await createV1()).json[0].pdfs[0].href;
		expect((await h.call('GET', v1)).json).toEqual({ message: 'Unauthorized' });
		expect((await h.call('GET', v1, { auth: PS.apiKey })).status).toBe(200);
	});

	it('404 "PDF not found or expired" after 1 h, for an unknown id, or under another contract', async () => {
		const href: string = (await createV2()).json[0].prints[0].href;
		const createdAt = Date.now();
		const notFound = { message: 'PDF not found or expired' };
		expect((await h.call('GET', href.replace(/[0-9a-f]{12}$/, 'ffffffffffff'), { auth: h.bearer })).json).toEqual(notFound);
		expect((await h.call('GET', href.replace('/654321/', '/999999/'), { auth: h.bearer })).status).toBe(404);
		await setNow(createdAt + 3_599_000);
		expect((await h.call('GET', href, { auth: h.bearer })).status).toBe(200);
		await setNow(createdAt + 3_601_000);
		const expired = await h.call('GET', href, { auth: await h.login() });
		expect(expired.status).toBe(404);
		expect(expired.json).toEqual(notFound);
		expect((await shipments())[0].labels[0].expired).toBe(true);
	});

	it('the label lifetime is configurable', async () => {
		await h.control.configure({ labelLifetimeMs: 1000 });
		const href = (await createV2()).json[0].prints[0].href;
		await setNow(Date.now() + 1500);
		expect((await h.call('GET', href, { auth: h.bearer })).status).toBe(404);
	});

	it('Cyrillic text is accepted and transliterated on the label', async () => {
		const res = await createV2(orderBody('v2', (s) => {
			s.receiver.name = 'Иван Петров';
			s.receiver.address1 = 'Łukasiewicza 5';
		}));
		expect(res.status).toBe(200);
		expect(res.json[0].status).toBe('PRINTED');
		const label = await h.call('GET', res.json[0].prints[0].href, { auth: h.bearer });
		const text = pdfText(label.buffer);
		expect(text).toContain('Ivan Petrov');
		expect(text).toContain('Lukasiewicza 5');
		expect((await shipments())[0].receiver.name).toBe('Иван Петров');
	});
});

describe('business validation: HTTP 200 with an errors body, nothing created', () => {
	const cases: Array<[string, string, string, (s: Json) => void]> = [
		['E10', 'receiver.zipcode', 'a Finnish postcode without 5 digits', (s) => (s.receiver.zipcode = '2010')],
		['E11', 'receiver.phone', 'a notifying service without receiver phone or email', (s) => {
			delete s.receiver.phone;
			delete s.receiver.email;
		}],
		['E12', 'agent.quickId', 'a pickup-point service without agent', (s) => delete s.agent],
		['E20', 'service.id', 'an unknown service', (s) => (s.service = { id: 'PO9999' })],
		['E30', 'senderPartners[0].custNo', 'a contract not linked to the key', (s) => (s.senderPartners = [{ id: 'POSTI', custNo: '999' }])],
		['E30', 'senderPartners[0].id', 'freight without ITELLALOG', (s) => {
			s.service = { id: 'POF1' };
			delete s.agent;
		}],
		['E40', 'agent.quickId', 'an unknown pickup point', (s) => (s.agent = { quickId: '000000001' })],
		['E41', 'agent.quickId', 'the inactive pickup point', (s) => (s.agent = { quickId: PS.inactivePickupPoint })],
		['E50', 'parcels[0].weight', 'a zero weight', (s) => (s.parcels[0].weight = 0)],
		['E50', 'parcels[0].copies', 'zero copies', (s) => (s.parcels[0].copies = 0)],
		['E50', 'parcels', 'no parcels', (s) => (s.parcels = [])],
		['E60', 'receiver.name', 'an emoji', (s) => (s.receiver.name = 'Matti 📦')],
		['E01', 'receiver.name', 'a missing receiver name', (s) => delete s.receiver.name],
		['E01', 'parcels[0].valuePerParcel', 'a parcel without valuePerParcel', (s) => delete s.parcels[0].valuePerParcel],
	];

	it.each(cases)('%s on %s for %s', async (code, field, _label, mutate) => {
		for (const [create, version] of [[createV2, 'v2'], [createV1, 'v1']] as const) {
			const res = await create(orderBody(version, mutate));
			expect(res.status).toBe(200);
			expect(res.json.errors).toContainEqual({ code, field, message: expect.stringMatching(new RegExp(`^${code}: `)) });
		}
		expect(await shipments()).toEqual([]);
	});

	it('uses the contract messages for E30 and E41', async () => {
		const e30 = await createV2(orderBody('v2', (s) => (s.senderPartners = [{ id: 'POSTI', custNo: '999' }])));
		expect(e30.json.errors[0].message).toBe('E30: Contract number 999 is not linked to this user');
		const e41 = await createV2(orderBody('v2', (s) => (s.agent = { quickId: PS.inactivePickupPoint })));
		expect(e41.json).toEqual({
			errors: [{ code: 'E41', field: 'agent.quickId', message: 'E41: Inactive pickup point, please choose an alternative pickup point' }],
		});
	});

	it('reports every problem at once (after the service, which decides the rules)', async () => {
		const res = await createV2(orderBody('v2', (s) => {
			s.receiver.zipcode = 'x';
			s.parcels[0].weight = -1;
		}));
		expect(res.json.errors.map((e: Json) => e.code)).toEqual(['E10', 'E50']);
	});
});

describe('unreadable input: HTTP 400', () => {
	it.each([
		['malformed JSON', { rawBody: '{"shipment":', contentType: 'application/json' }],
		['no shipment object', { body: { printConfig: {} } }],
		['shipment not an object', { body: { shipment: [] } }],
		['no body', {}],
		['not JSON', { rawBody: 'shipment=1', contentType: 'text/plain' }],
	])('%s', async (_label, options) => {
		const res = await h.call('POST', V2_ORDER, { ...options, auth: h.bearer });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ errors: [{ field: 'shipment', message: expect.any(String) }] });
	});
});

describe('faults', () => {
	it('dropAfterProcessing on create: the client sees no answer but the shipment exists', async () => {
		await h.control.injectFault({ kind: 'dropAfterProcessing', method: 'POST', path: V2_ORDER });
		await expect(createV2()).rejects.toThrow();
		const stored = await shipments();
		expect(stored).toHaveLength(1);
		expect(stored[0].orderNo).toBe('store-1001');
		const [entry] = await h.control.journal({ path: V2_ORDER });
		expect(entry.outcome).toBe('dropped-after-processing');
	});

	it('a 503 fault answers a Posti-shaped error and creates nothing', async () => {
		await h.control.injectFault({ kind: 'status', status: 503, path: '/shippingapi/**' });
		const res = await createV2();
		expect(res.status).toBe(503);
		expect(res.json).toEqual({ message: 'Service Unavailable' });
		expect(await shipments()).toEqual([]);
	});

	it('expireSession makes the presented token EXPIRED', async () => {
		await h.control.injectFault({ kind: 'expireSession', path: V2_ORDER });
		const res = await createV2();
		expect(res.status).toBe(401);
		expect(res.json.errorCode).toBe('EXPIRED');
	});

	it('ids, shipment and parcel numbers start over after a reset', async () => {
		await createV2();
		await resetPosti(h);
		const res = await createV2();
		expect(res.json[0]).toMatchObject({ id: '5a7d0000-0000-4000-8000-000000000001', shipmentNo: '700000000001', parcels: [{ parcelNo: 'JJFI65432100000000001' }] });
	});
});
