import type { IDataObject } from 'n8n-workflow';

import { withoutUndefined } from '../../../shared/validation';
import type { ParcelInput, ShipmentInput } from '../../schemas';

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
export function buildOrder(input: ShipmentInput, partner: IDataObject, addons: IDataObject[] | undefined, media: string, version: 'v1' | 'v2'): IDataObject {
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
