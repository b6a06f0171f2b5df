import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { processItems, readConcurrency } from '../../../shared/items';
import type { ListParameter } from '../../../shared/validation';
import { fail, parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { shippingApiVersion } from '../../environments';
import type { ParcelInput, ShipmentInput } from '../../schemas';
import { blankToUndefined, shipmentInputSchema } from '../../schemas';
import { omaPostiProRequest } from '../../transport';
import { binaryPropertyOutput, concurrencyOption } from '../common.descriptions';
import type { PostiShipmentResult } from './shared';
import { downloadLabel, isPdf, labelBinary, labelLinks, printsOf } from './shared';

/** Posti's product codes (OmaPosti Pro / shipping API), with the custom escape hatch. */
const SERVICES = [
	{ name: 'Postipaketti (PO2103): To a Pickup Point', value: 'PO2103' },
	{ name: 'Express-Paketti (PO2102): Home or Business', value: 'PO2102' },
	{ name: 'Kotipaketti (PO2104): Home Delivery', value: 'PO2104' },
	{ name: 'Pikkupaketti (PO2461): Pickup Point or Parcel Locker', value: 'PO2461' },
	{ name: 'Palautus (PO2108): Return', value: 'PO2108' },
	{ name: 'Rahti (POF1): Freight', value: 'POF1' },
	{ name: 'Custom Service Code', value: 'custom' },
];

const parcelFields: INodeProperties[] = [
	{ displayName: 'Count', name: 'count', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'How many identical parcels' },
	{ displayName: 'Weight (Kg)', name: 'weight', type: 'number', typeOptions: { minValue: 0, numberPrecision: 3 }, default: 1, description: 'Weight of one parcel in kilograms' },
	{ displayName: 'Length (M)', name: 'length', type: 'number', typeOptions: { minValue: 0, numberPrecision: 3 }, default: 0, description: 'In metres; 0 leaves it out' },
	{ displayName: 'Width (M)', name: 'width', type: 'number', typeOptions: { minValue: 0, numberPrecision: 3 }, default: 0, description: 'In metres; 0 leaves it out' },
	{ displayName: 'Height (M)', name: 'height', type: 'number', typeOptions: { minValue: 0, numberPrecision: 3 }, default: 0, description: 'In metres; 0 leaves it out' },
	{ displayName: 'Contents', name: 'contents', type: 'string', default: '', placeholder: 'e.g. Clothes' },
	{ displayName: 'Value', name: 'value', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0, description: 'Value of one parcel in euros; 0 leaves it out' },
	{ displayName: 'Package Code', name: 'packageCode', type: 'string', default: 'PKT', description: "Posti's package type; PKT (parcel) unless Posti told you otherwise" },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Service',
		name: 'service',
		type: 'options',
		options: SERVICES,
		default: 'PO2103',
		description: 'The Posti product; it must be on the contract',
	},
	{
		displayName: 'Custom Service Code',
		name: 'customServiceCode',
		type: 'string',
		default: '',
		// Not `required`: n8n would then demand it whenever Service is an expression.
		placeholder: 'e.g. PO2711',
		description: 'A Posti service code on your contract that is not in the list',
		displayOptions: { show: { service: ['custom'] } },
	},
	{
		displayName: 'Pickup Point ID',
		name: 'pickupPointId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 001003200',
		displayOptions: { show: { service: ['PO2103', 'PO2461', 'custom'] } },
		description:
			"Where the receiver picks the parcel up (the ID from Pickup Point → Search, or the one the customer chose at checkout). Required for PO2103 and PO2461.",
	},
	{
		displayName: 'Order Reference',
		name: 'orderNo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.order_number }}',
		description:
			"The store's order number, printed on the label and kept with the shipment in OmaPosti Pro. Posti has no way to look a shipment up, so after an uncertain failure this is how you find out whether it was created.",
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		required: true,
		description: 'The sender printed on the label (your company or store)',
	},
	{ displayName: 'Sender Street Address', name: 'senderAddress', type: 'string', default: '', required: true },
	{ displayName: 'Sender Postcode', name: 'senderPostcode', type: 'string', default: '', required: true, placeholder: 'e.g. 00100' },
	{ displayName: 'Sender City', name: 'senderCity', type: 'string', default: '', required: true },
	{ displayName: 'Sender Country Code', name: 'senderCountry', type: 'string', default: 'FI', placeholder: 'e.g. FI' },
	{ displayName: 'Receiver Name', name: 'receiverName', type: 'string', default: '', required: true },
	{ displayName: 'Receiver Street Address', name: 'receiverAddress', type: 'string', default: '', required: true },
	{ displayName: 'Receiver Postcode', name: 'receiverPostcode', type: 'string', default: '', required: true, placeholder: 'e.g. 20100' },
	{ displayName: 'Receiver City', name: 'receiverCity', type: 'string', default: '', required: true },
	{ displayName: 'Receiver Country Code', name: 'receiverCountry', type: 'string', default: 'FI', placeholder: 'e.g. FI' },
	{
		displayName: 'Receiver Phone',
		name: 'receiverPhone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +358401234567',
		description: 'For the arrival notice (SMS). PO2103, PO2104 and PO2461 need the phone or the email.',
	},
	{
		displayName: 'Receiver Email',
		name: 'receiverEmail',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'For the arrival notice. PO2103, PO2104 and PO2461 need the phone or the email.',
	},
	{
		displayName: 'Parcels',
		name: 'parcelsSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter the parcels in the node' },
			{ name: 'From JSON', value: 'json', description: 'An array on the item, e.g. built from the order' },
		],
		default: 'fields',
	},
	{
		displayName: 'Parcels',
		name: 'parcels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parcel',
		default: { parcel: [{ count: 1, weight: 1 }] },
		displayOptions: { show: { parcelsSource: ['fields'] } },
		options: [{ displayName: 'Parcel', name: 'parcel', values: parcelFields }],
	},
	{
		displayName: 'Parcels (JSON)',
		name: 'parcelsJson',
		type: 'json',
		default: '[{ "count": 1, "weight": 1.2, "contents": "Clothes" }]',
		displayOptions: { show: { parcelsSource: ['json'] } },
		description:
			'Array of parcels with count, weight (kg), length, width, height (m), contents, value, packageCode',
	},
	{
		displayName: 'Label',
		name: 'labelOutput',
		type: 'options',
		options: [
			{ name: 'As File', value: 'binary', description: 'Return the label PDF as binary data on the item' },
			{ name: 'As Link', value: 'link', description: 'Return only the link; Get Label downloads it within 1 hour' },
		],
		default: 'binary',
	},
	{ ...binaryPropertyOutput, displayOptions: { show: { labelOutput: ['binary'] } } },
	{
		displayName: 'Print Media',
		name: 'printMedia',
		type: 'options',
		options: [
			{ name: 'Laser A5', value: 'laser-a5' },
			{ name: 'Laser A4', value: 'laser-a4' },
			{ name: 'Thermal (107 × 225 Mm)', value: 'thermo-225' },
			{ name: 'Thermal (SE)', value: 'thermo-se' },
		],
		default: 'laser-a5',
		description: 'The label format, for the printer it goes to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Service Codes',
				name: 'additionalServices',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3101, 3104',
				description: 'Comma-separated codes of additional services to add (sent as service.addons)',
			},
			{
				displayName: 'Contract Number',
				name: 'contractNumber',
				type: 'string',
				default: '',
				description: "Logistics Service Contract for this shipment instead of the credential's",
			},
			{ displayName: 'Receiver Address Line 2', name: 'receiverAddress2', type: 'string', default: '' },
			{ displayName: 'Sender Address Line 2', name: 'senderAddress2', type: 'string', default: '' },
			{ displayName: 'Sender Email', name: 'senderEmail', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Sender Phone', name: 'senderPhone', type: 'string', default: '', placeholder: 'e.g. +358401234567' },
			{
				displayName: 'Sender Reference',
				name: 'senderReference',
				type: 'string',
				default: '',
				description: 'Your reference on the label and invoice; defaults to the order reference',
			},
			{
				displayName: 'Transport ID',
				name: 'transportId',
				type: 'string',
				default: '',
				description: "Transport ID for freight (POF1) instead of the credential's",
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
];

const displayOptions = { show: { resource: ['shipment'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const PARCELS: ListParameter = {
	source: 'parcelsSource',
	json: 'parcelsJson',
	collection: 'parcels',
	entry: 'parcel',
	label: 'Parcels (JSON)',
	example: '[{ "count": 1, "weight": 1.2, "contents": "Clothes" }]',
	fromCollection: (rows) =>
		rows.map((row) => {
			const parcel: IDataObject = {};
			for (const [key, value] of Object.entries(row)) {
				// 0 in the optional number fields of the form means "not given".
				if (value === '' || value === null || value === undefined) continue;
				if (value === 0 && ['length', 'width', 'height', 'value'].includes(key)) continue;
				parcel[key] = value;
			}
			return parcel;
		}),
};

function text(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return this.getNodeParameter(name, itemIndex, '');
}

function readServiceCode(this: IExecuteFunctions, itemIndex: number): string {
	const service = String(this.getNodeParameter('service', itemIndex));
	return service === 'custom' ? String(this.getNodeParameter('customServiceCode', itemIndex, '')) : service;
}

/** The node parameters in the shape the schema checks, so messages name the fields the user sees. */
function readInput(this: IExecuteFunctions, itemIndex: number): unknown {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const service = readServiceCode.call(this, itemIndex);
	return {
		service,
		pickupPointId: this.getNodeParameter('pickupPointId', itemIndex, ''),
		receiver: {
			name: text.call(this, 'receiverName', itemIndex),
			address: text.call(this, 'receiverAddress', itemIndex),
			address2: additional.receiverAddress2,
			postcode: text.call(this, 'receiverPostcode', itemIndex),
			city: text.call(this, 'receiverCity', itemIndex),
			country: text.call(this, 'receiverCountry', itemIndex),
			phone: text.call(this, 'receiverPhone', itemIndex),
			email: text.call(this, 'receiverEmail', itemIndex),
		},
		sender: {
			name: text.call(this, 'senderName', itemIndex),
			address: text.call(this, 'senderAddress', itemIndex),
			address2: additional.senderAddress2,
			postcode: text.call(this, 'senderPostcode', itemIndex),
			city: text.call(this, 'senderCity', itemIndex),
			country: text.call(this, 'senderCountry', itemIndex),
			phone: additional.senderPhone,
			email: additional.senderEmail,
		},
		parcels: readListParameter.call(this, itemIndex, PARCELS),
		orderNo: this.getNodeParameter('orderNo', itemIndex, ''),
		senderReference: additional.senderReference,
	};
}

function readAddons(this: IExecuteFunctions, itemIndex: number): IDataObject[] | undefined {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const codes = String(additional.additionalServices ?? '')
		.split(/[,\s]+/)
		.map((code) => code.trim().toUpperCase())
		.filter(Boolean);
	const bad = codes.find((code) => !/^[A-Z0-9]{1,10}$/.test(code));
	if (bad) {
		fail(this.getNode(), `Invalid additionalServices in item ${itemIndex}: "${bad}" is not a Posti additional service code`, itemIndex, 'Give codes separated by commas, e.g. 3101, 3104. Nothing was sent.');
	}
	return codes.length ? codes.map((id) => ({ id })) : undefined;
}

/** POSTI + the Logistics Service Contract for parcels; ITELLALOG + the Transport ID for freight. */
async function senderPartner(this: IExecuteFunctions, service: string, itemIndex: number): Promise<IDataObject> {
	const credentials = await this.getCredentials('omaPostiProApi');
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const freight = service === 'POF1';
	const field = freight ? 'transportId' : 'contractNumber';
	const custNo = String(blankToUndefined(additional[field]) ?? blankToUndefined(credentials[field]) ?? '').trim();
	if (!custNo) {
		fail(
			this.getNode(),
			freight
				? `No Transport ID for the freight shipment in item ${itemIndex}`
				: `No Logistics Service Contract number for the shipment in item ${itemIndex}`,
			itemIndex,
			freight
				? 'Set Transport ID in the OmaPosti Pro credential, or under Additional Fields → Transport ID. Nothing was sent.'
				: 'Set Logistics Service Contract Number in the OmaPosti Pro credential, or under Additional Fields → Contract Number. Nothing was sent.',
		);
	}
	return { id: freight ? 'ITELLALOG' : 'POSTI', custNo };
}

function party(input: ShipmentInput['sender']): IDataObject {
	return {
		name: input.name,
		address1: input.address,
		address2: input.address2,
		zipcode: input.postcode,
		city: input.city,
		country: input.country,
		phone: input.phone,
		email: input.email,
	};
}

function parcel(input: ParcelInput): IDataObject {
	return {
		copies: input.count,
		weight: input.weight,
		length: input.length,
		width: input.width,
		height: input.height,
		packageCode: input.packageCode,
		contents: input.contents,
		valuePerParcel: true,
		value: input.value,
	};
}

/** The shipping API body (v1 names the print settings pdfConfig, v2 printConfig). */
function buildOrder(input: ShipmentInput, partner: IDataObject, addons: IDataObject[] | undefined, media: string, version: 'v1' | 'v2'): IDataObject {
	const reference = input.senderReference ?? input.orderNo;
	return withoutUndefined({
		[version === 'v1' ? 'pdfConfig' : 'printConfig']: { target1Media: media },
		shipment: {
			senderPartners: [partner],
			sender: party(input.sender),
			receiver: party(input.receiver),
			agent: input.pickupPointId ? { quickId: input.pickupPointId } : undefined,
			service: { id: input.service, addons },
			parcels: input.parcels.map(parcel),
			orderNo: input.orderNo,
			senderReference: reference,
		},
	});
}

function uncertainFailure(orderNo: string | undefined): { message: string; hint: string } {
	const which = orderNo ? `for order ${orderNo}` : 'without an order reference';
	return {
		message: `the shipment ${which} may or may not have been created`,
		hint:
			`Posti did not answer the create (or answered with a server error), and it offers no way to look a shipment up, so the node did not send it again. ` +
			`Check OmaPosti Pro (Shipments) for ${orderNo ? `order reference ${orderNo}` : 'the receiver'} before running this item again, or the shipment may be created twice.`,
	};
}

/**
 * The shipment exists by now: a failed label download must not invite a re-run that would
 * create it again, so the error names the shipment and the way to get its label.
 */
async function labelAfterCreate(this: IExecuteFunctions, href: string, shipment: IDataObject, itemIndex: number): Promise<Buffer> {
	try {
		return await downloadLabel.call(this, href, itemIndex);
	} catch (error) {
		const reason = (error as Error).message;
		throw new NodeOperationError(
			this.getNode(),
			`Shipment ${String(shipment.shipmentNo)} was created for item ${itemIndex}, but its label could not be downloaded`,
			{
				itemIndex,
				description:
					`${reason}\nDo not run this item again: that would create a second shipment. ` +
					`Download the label with Shipment → Get Label from ${href} within an hour, or print it in OmaPosti Pro. ` +
					`Tracking numbers: ${(shipment.trackingNumbers as string[]).join(', ') || 'none'}.`,
			},
		);
	}
}

/** `POST /shippingapi/api/{v1|v2}/shipping/order[?returnFile=true]`: one shipment per item, with its label. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(
		this,
		items,
		async (itemIndex) => {
			const input = parseOrThrow(this.getNode(), shipmentInputSchema, readInput.call(this, itemIndex), itemIndex);
			const addons = readAddons.call(this, itemIndex);
			const partner = await senderPartner.call(this, input.service, itemIndex);
			const credentials = await this.getCredentials('omaPostiProApi');
			const version = shippingApiVersion(credentials);
			const labelOutput = this.getNodeParameter('labelOutput', itemIndex, 'binary') as string;
			const media = this.getNodeParameter('printMedia', itemIndex, 'laser-a5') as string;
			const body = buildOrder(input, partner, addons, media, version);

			const response = await omaPostiProRequest.call(this, 'POST', `/shippingapi/api/${version}/shipping/order`, {
				body,
				qs: labelOutput === 'binary' ? { returnFile: true } : undefined,
				itemIndex,
				intent: 'write',
				retryMode: 'withoutLookup',
				uncertain: uncertainFailure(input.orderNo),
			});
			const answer = response as unknown;
			const result = (Array.isArray(answer) ? answer[0] : answer) as PostiShipmentResult | undefined;
			if (!result?.shipmentNo) {
				throw new NodeApiError(this.getNode(), { message: 'No shipment number in the answer' }, {
					message: `OmaPosti Pro answered the create in item ${itemIndex} without a shipment number`,
					description: `Check OmaPosti Pro for order reference ${input.orderNo ?? '(none)'} before running the item again.`,
					itemIndex,
				});
			}

			const trackingNumbers = (result.parcels ?? []).map((entry) => entry.parcelNo).filter((value): value is string => Boolean(value));
			const prints = printsOf(result);
			const json: IDataObject = withoutUndefined({
				shipmentNo: result.shipmentNo,
				trackingNumbers,
				orderNo: result.orderNo ?? input.orderNo,
				status: result.status,
				id: result.id,
				service: input.service,
				pickupPointId: input.pickupPointId,
				labels: labelLinks(prints),
			});
			if (labelOutput !== 'binary') return { json };

			const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			const baseName = trackingNumbers[0] ?? result.shipmentNo;
			const binary: INodeExecutionData['binary'] = {};
			let index = 0;
			for (const print of prints) {
				const inline = print.data ?? print.pdf;
				let pdf: Buffer | undefined = inline ? Buffer.from(inline, 'base64') : undefined;
				if (!pdf || !isPdf(pdf)) {
					if (!print.href) continue;
					pdf = await labelAfterCreate.call(this, print.href, json, itemIndex);
				}
				const property = index === 0 ? binaryPropertyName : `${binaryPropertyName}_${index}`;
				binary[property] = await labelBinary.call(this, pdf, index === 0 ? `${baseName}.pdf` : `${baseName}-${index}.pdf`);
				index++;
			}
			return { json, binary };
		},
		readConcurrency.call(this),
	);
}
