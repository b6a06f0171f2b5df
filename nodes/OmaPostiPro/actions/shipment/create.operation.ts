import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { processItems, readConcurrency } from '../../../shared/items';
import type { ListParameter } from '../../../shared/validation';
import { fail, parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { shippingApiVersion } from '../../environments';
import { blankToUndefined, shipmentInputSchema } from '../../schemas';
import { omaPostiProRequest, omaPostiProService } from '../../transport';
import { createFields } from './createFields';
import { labelLinks, labelsAsBinary, printsOf, withoutInlineLabels } from './labels';
import type { PostiShipmentResult } from './shared';
import { buildOrder } from './shippingOrder';

const displayOptions = { show: { resource: ['shipment'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, createFields);

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

function uncertainFailure(orderNo: string | undefined): { message: string; hint: string } {
	const which = orderNo ? `for order ${orderNo}` : 'without an order reference';
	return {
		message: `the shipment ${which} may or may not have been created`,
		hint:
			`Posti did not answer the create (or answered with a server error), and it offers no way to look a shipment up, so the node did not send it again. ` +
			`Check OmaPosti Pro (Shipments) for ${orderNo ? `order reference ${orderNo}` : 'the receiver'} before running this item again, or the shipment may be created twice.`,
	};
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

			// The answer with its inline label PDFs, when this run booked it (the ledger keeps it without them).
			let booked: PostiShipmentResult | undefined;
			const reference = input.orderNo && (this.getNodeParameter('oneShipmentPerOrder', itemIndex, true) as boolean) ? input.orderNo : undefined;
			const outcome = await writeOnce<IDataObject>(this, {
				service: omaPostiProService,
				itemIndex,
				kind: 'shipment',
				reference,
				payload: body,
				// Posti offers no lookup: the reference identifies the shipment in the ledger only.
				skipIfExists: reference !== undefined,
				write: async () => {
					const response = await omaPostiProRequest.call(this, 'POST', `/shippingapi/api/${version}/shipping/order`, {
						body,
						qs: labelOutput === 'binary' ? { returnFile: true } : undefined,
						itemIndex,
						intent: 'write',
						uncertain: uncertainFailure(input.orderNo),
					});
					const answer = response as unknown;
					booked = (Array.isArray(answer) ? answer[0] : answer) as PostiShipmentResult | undefined;
					if (!booked?.shipmentNo) {
						throw new NodeApiError(this.getNode(), { message: 'No shipment number in the answer' }, {
							message: `OmaPosti Pro answered the create in item ${itemIndex} without a shipment number`,
							description: `Check OmaPosti Pro for order reference ${input.orderNo ?? '(none)'} before running the item again.`,
							itemIndex,
						});
					}
					return withoutInlineLabels(booked);
				},
				whereToCheck: `OmaPosti Pro (Shipments) for ${input.orderNo ? `order reference ${input.orderNo}` : `the shipment to ${input.receiver.name}`}`,
				resendAfterUncertain: 'run this item with One Shipment per Order Reference turned off',
			});
			const result = booked ?? (outcome.record as unknown as PostiShipmentResult);

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
				alreadyExisted: outcome.existed,
			});
			if (labelOutput !== 'binary') return { json };

			const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			const baseName = trackingNumbers[0] ?? result.shipmentNo;
			const binary = await labelsAsBinary.call(this, prints, json, binaryPropertyName, baseName, itemIndex);
			return { json, binary };
		},
		readConcurrency.call(this),
	);
}
