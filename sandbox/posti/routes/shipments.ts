/**
 * POST /shippingapi/api/{v1|v2}/shipping/order[?returnFile=true]: validates the order,
 * creates the shipment with parcel numbers and an address label, and answers an array with
 * one shipment (`pdfs[]` in v1, `prints[]` in v2). Unreadable input answers 400; business
 * validation answers HTTP 200 with `{errors: [{code, field, message}]}`.
 */
import { mediaType } from '../../framework/body';
import type { Router } from '../../framework/router';
import type { SandboxResponse } from '../../framework/types';
import { addRoute, type Ctx, type PostiCore } from '../api';
import { businessErrors, malformedOrder, type BusinessError } from '../errors';
import { MEDIA, PICKUP_POINTS, SERVICES, type Media, type ServiceSeed } from '../seed';
import { labelPath, type Label, type Shipment } from '../state';
import { codePointLabel, findUnprintable } from '../text';
import { renderLabel } from './labels';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function registerShipmentRoutes(router: Router, core: PostiCore): void {
	for (const version of ['v1', 'v2'] as const) {
		addRoute(
			router,
			core,
			'POST',
			`/shippingapi/api/${version}/shipping/order`,
			(ctx) => createOrder(ctx, version),
			version === 'v1' ? { auth: 'apiKey' } : { auth: 'bearer', role: 'shippingapi' },
		);
	}
}

function readOrder(ctx: Ctx): Obj {
	const body = ctx.req.body;
	if (body.kind === 'empty') throw malformedOrder('Request body is missing: send {"shipment": {...}}');
	if (mediaType(ctx.req.headers['content-type']) !== 'application/json') {
		throw malformedOrder(`Content-Type must be application/json, got '${ctx.req.headers['content-type'] ?? ''}'`);
	}
	if (body.kind !== 'json') throw malformedOrder(`Malformed JSON: ${body.kind === 'invalid-json' ? body.error : 'not JSON'}`);
	if (!isObject(body.value)) throw malformedOrder('The request body must be a JSON object with a shipment object');
	if (!isObject(body.value.shipment)) throw malformedOrder('shipment is required and must be an object');
	return body.value;
}

function createOrder(ctx: Ctx, version: 'v1' | 'v2'): SandboxResponse {
	const order = readOrder(ctx);
	const shipment = order.shipment as Obj;
	const configKey = version === 'v1' ? 'pdfConfig' : 'printConfig';

	// The service decides every other rule, so an unknown one is the only error reported.
	const serviceObj = isObject(shipment.service) ? shipment.service : {};
	const serviceId = serviceObj.id;
	const service = SERVICES.find((s) => s.id === serviceId);
	if (!service) {
		const message = isText(serviceId)
			? `E20: Unknown service ${serviceId}`
			: 'E20: Service is missing: give service.id (e.g. PO2103)';
		return businessErrors([{ code: 'E20', field: 'service.id', message }]);
	}

	const errors: BusinessError[] = [];
	const add = (code: string, field: string, text: string) => errors.push({ code, field, message: `${code}: ${text}` });

	const contract = checkSenderPartners(shipment, service, ctx.caller.contracts, add);
	checkParty(shipment.sender, 'sender', add);
	checkParty(shipment.receiver, 'receiver', add);
	const receiver = isObject(shipment.receiver) ? shipment.receiver : {};
	if (service.notifies && !isText(receiver.phone) && !isText(receiver.email)) {
		add('E11', 'receiver.phone', `Service ${service.id} notifies the receiver: give receiver.phone or receiver.email`);
	}
	const quickId = checkAgent(shipment, service, add);
	checkAddons(serviceObj.addons, add);
	checkParcels(shipment.parcels, add);
	const media = checkMedia(order[configKey], configKey, add);
	for (const field of ['orderNo', 'senderReference']) {
		if (shipment[field] !== undefined && shipment[field] !== null && typeof shipment[field] !== 'string') {
			add('E01', field, `${field} must be a string`);
		}
	}
	for (const problem of findUnprintable(shipment, 'shipment')) {
		add('E60', problem.field.replace(/^shipment\./, ''), `Character ${codePointLabel(problem.char)} cannot be printed on the label: only Western and Cyrillic characters are supported`);
	}
	if (errors.length) return businessErrors(errors);

	const created = storeShipment(ctx, version, shipment, service, contract!, quickId, media);
	const returnFile = (ctx.req.query.get('returnFile') ?? '').toLowerCase() === 'true';
	return { status: 200, body: [shipmentResponse(ctx, created.shipment, created.label, version, returnFile)] };
}

type Add = (code: string, field: string, text: string) => void;

/** The contract the shipment is billed to; must be one the key/client is linked to. */
function checkSenderPartners(shipment: Obj, service: ServiceSeed, linked: string[], add: Add): string | undefined {
	const partners = shipment.senderPartners;
	if (!Array.isArray(partners) || partners.length === 0 || !partners.every(isObject)) {
		add('E30', 'senderPartners', 'Contract number is missing: give senderPartners [{"id": "POSTI", "custNo": "<contract number>"}]');
		return undefined;
	}
	const wantedId = service.freight ? 'ITELLALOG' : 'POSTI';
	const index = partners.findIndex((p) => p.id === wantedId);
	if (index === -1) {
		add('E30', 'senderPartners[0].id', `Service ${service.id} needs a senderPartners entry with id ${wantedId}`);
		return undefined;
	}
	const custNo = partners[index].custNo;
	const number = typeof custNo === 'number' ? String(custNo) : custNo;
	if (!isText(number)) {
		add('E30', `senderPartners[${index}].custNo`, 'Contract number is missing');
		return undefined;
	}
	if (!linked.includes(number)) {
		add('E30', `senderPartners[${index}].custNo`, `Contract number ${number} is not linked to this user`);
		return undefined;
	}
	return number;
}

function checkParty(value: unknown, name: 'sender' | 'receiver', add: Add): void {
	if (!isObject(value)) {
		add('E01', name, `${name} is required`);
		return;
	}
	for (const field of ['name', 'address1', 'zipcode', 'city', 'country']) {
		if (!isText(value[field])) add('E01', `${name}.${field}`, `${name}.${field} is required`);
	}
	for (const field of ['address2', 'phone', 'email']) {
		if (value[field] !== undefined && value[field] !== null && typeof value[field] !== 'string') {
			add('E01', `${name}.${field}`, `${name}.${field} must be a string`);
		}
	}
	const country = typeof value.country === 'string' ? value.country.toUpperCase() : '';
	if (isText(value.zipcode) && country === 'FI' && !/^\d{5}$/.test(value.zipcode)) {
		add('E10', `${name}.zipcode`, `Invalid postal code ${value.zipcode}: Finnish postal codes have 5 digits`);
	}
	if (isText(value.country) && !/^[A-Za-z]{2}$/.test(value.country)) {
		add('E01', `${name}.country`, `${name}.country must be a two-letter ISO country code`);
	}
}

function checkAgent(shipment: Obj, service: ServiceSeed, add: Add): string | undefined {
	const agent = shipment.agent;
	const quickId = isObject(agent) && isText(agent.quickId) ? agent.quickId : undefined;
	if (!quickId) {
		if (service.pickupPoint) {
			add('E12', 'agent.quickId', `Service ${service.id} is delivered to a pickup point: give agent.quickId`);
		}
		return undefined;
	}
	const point = PICKUP_POINTS.find((p) => p.id === quickId);
	if (!point) {
		add('E40', 'agent.quickId', `Unknown pickup point ${quickId}`);
		return undefined;
	}
	if (!point.active) {
		add('E41', 'agent.quickId', 'Inactive pickup point, please choose an alternative pickup point');
		return undefined;
	}
	return quickId;
}

function checkAddons(addons: unknown, add: Add): void {
	if (addons === undefined || addons === null) return;
	if (!Array.isArray(addons)) {
		add('E01', 'service.addons', 'service.addons must be an array of {"id": "<code>"}');
		return;
	}
	addons.forEach((a, i) => {
		if (!isObject(a) || !isText(a.id)) add('E01', `service.addons[${i}].id`, 'Each additional service needs an id');
	});
}

function checkParcels(parcels: unknown, add: Add): void {
	if (!Array.isArray(parcels) || parcels.length === 0) {
		add('E50', 'parcels', 'At least one parcel is required');
		return;
	}
	parcels.forEach((parcel, i) => {
		const at = `parcels[${i}]`;
		if (!isObject(parcel)) {
			add('E50', at, 'A parcel must be an object');
			return;
		}
		if (typeof parcel.weight !== 'number' || !(parcel.weight > 0)) add('E50', `${at}.weight`, 'Parcel weight must be a positive number (kg)');
		if (parcel.copies !== undefined && (!Number.isInteger(parcel.copies) || (parcel.copies as number) < 1)) {
			add('E50', `${at}.copies`, 'Parcel copies must be a positive whole number');
		}
		for (const dim of ['length', 'width', 'height']) {
			if (parcel[dim] !== undefined && parcel[dim] !== null && (typeof parcel[dim] !== 'number' || !((parcel[dim] as number) > 0))) {
				add('E50', `${at}.${dim}`, `Parcel ${dim} must be a positive number (m)`);
			}
		}
		if (typeof parcel.valuePerParcel !== 'boolean') add('E01', `${at}.valuePerParcel`, 'valuePerParcel is required (true or false)');
	});
}

function checkMedia(config: unknown, configKey: string, add: Add): Media {
	if (config === undefined || config === null) return 'laser-a5';
	const media = isObject(config) ? config.target1Media : undefined;
	if (media === undefined) return 'laser-a5';
	if (!MEDIA.includes(media as Media)) {
		add('E01', `${configKey}.target1Media`, `Unknown print media ${String(media)}: use one of ${MEDIA.join(', ')}`);
		return 'laser-a5';
	}
	return media as Media;
}

function storeShipment(
	ctx: Ctx,
	version: 'v1' | 'v2',
	input: Obj,
	service: ServiceSeed,
	contract: string,
	quickId: string | undefined,
	media: Media,
): { shipment: Shipment; label: Label } {
	const store = ctx.core.store;
	const now = ctx.now();
	const parcels: Shipment['parcels'] = [];
	for (const parcel of input.parcels as Obj[]) {
		const copies = (parcel.copies as number | undefined) ?? 1;
		const { copies: _copies, ...rest } = parcel;
		for (let i = 0; i < copies; i++) parcels.push({ ...structuredClone(rest), parcelNo: store.nextParcelNo(contract) });
	}
	const serviceObj = input.service as Obj;
	const shipment: Shipment = {
		id: store.nextUuid(),
		shipmentNo: store.nextShipmentNo(),
		status: 'PRINTED',
		apiVersion: version,
		environment: ctx.environment,
		createdBy: ctx.caller.label,
		contract,
		orderNo: typeof input.orderNo === 'string' ? input.orderNo : null,
		senderReference: typeof input.senderReference === 'string' ? input.senderReference : null,
		service: { id: service.id, name: service.name, addons: Array.isArray(serviceObj.addons) ? structuredClone(serviceObj.addons) : [] },
		sender: structuredClone(input.sender as Obj),
		receiver: structuredClone(input.receiver as Obj),
		agent: quickId ? { quickId } : null,
		parcels,
		labelIds: [],
		createdAt: now,
	};
	const label: Label = {
		id: store.nextUuid(),
		shipmentId: shipment.id,
		contract,
		apiVersion: version,
		environment: ctx.environment,
		media,
		pdf: renderLabel(shipment, media),
		createdAt: now,
		expiresAt: now + ctx.core.config.labelLifetimeMs,
	};
	shipment.labelIds.push(label.id);
	store.shipments.set(shipment.id, shipment);
	store.labels.set(label.id, label);
	return { shipment, label };
}

function shipmentResponse(ctx: Ctx, shipment: Shipment, label: Label, version: 'v1' | 'v2', returnFile: boolean): Obj {
	const origin = ctx.gateway().replace(/\/demo$/, '');
	const print = {
		id: label.id,
		href: `${origin}${labelPath(label)}`,
		description: 'Address label',
		media: label.media,
		pdf_type: 'ADDRESSLABEL',
	};
	const data = label.pdf.toString('base64');
	return {
		id: shipment.id,
		status: shipment.status,
		shipmentNo: shipment.shipmentNo,
		...(shipment.orderNo !== null ? { orderNo: shipment.orderNo } : {}),
		parcels: shipment.parcels.map((p) => ({ parcelNo: p.parcelNo })),
		...(version === 'v1'
			? { pdfs: [{ ...print, ...(returnFile ? { pdf: data } : {}) }] }
			: { prints: [{ ...print, ...(returnFile ? { data } : {}) }] }),
	};
}
