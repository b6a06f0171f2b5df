import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LookupCache } from '../../../shared/lookupCache';
import { withoutUndefined } from '../../../shared/validation';
import { procountorRequest } from '../../transport';
import type { PartnerInput } from '../businessPartner/shared';
import { buildPartnerBody, findExistingPartner } from '../businessPartner/shared';
import { channelFromData } from './channel';
import type { OrderInput } from './order';
import type { InvoicePayload } from './shared';
import { textOf } from './shared';

export interface PartnerOutcome {
	id: number;
	matchedBy: 'customerNumber' | 'businessId' | null;
	created: boolean;
	record: IDataObject;
}

/** Finds (and, if asked, creates) the customer; one lookup per customer per execution. */
export async function linkPartner(
	this: IExecuteFunctions,
	cache: LookupCache,
	order: OrderInput,
	draft: InvoicePayload,
	mode: string,
	itemIndex: number,
): Promise<PartnerOutcome | undefined> {
	const keys = { customerNumber: draft.counterParty.customerNumber, businessId: draft.counterParty.identifier };
	if (!keys.customerNumber && !keys.businessId) return undefined;
	const key = `partner:${keys.customerNumber ?? ''}|${keys.businessId ?? ''}|${mode}`;
	return await cache.get(key, async () => {
		const found = await findExistingPartner.call(this, keys, itemIndex);
		if (found) {
			return { id: Number(found.partner.id), matchedBy: found.matchedBy, created: false, record: found.partner };
		}
		if (mode !== 'linkOrCreate') return undefined;
		const address = draft.counterParty.counterPartyAddress;
		const input: PartnerInput = {
			name: address.name,
			type: 'CUSTOMER',
			businessId: keys.businessId,
			customerNumber: keys.customerNumber,
			email: draft.counterParty.email,
			einvoiceAddress: draft.counterParty.einvoiceAddress?.address,
			einvoiceOperator: draft.counterParty.einvoiceAddress?.operator,
			invoiceChannel: draft.invoiceChannel,
			language: draft.language,
			paymentMethod: order.additionalFields.paymentMethod,
			street: address.street,
			zip: address.zip,
			city: address.city,
			country: address.country,
		};
		const created = await procountorRequest.call(this, 'POST', '/businesspartners', { body: buildPartnerBody(input), itemIndex });
		return { id: Number(created.id), matchedBy: null, created: true, record: created };
	});
}

/** The register's customer data over the order's (the order fills what the register lacks). */
export function mergeRegisterData(draft: InvoicePayload, partner: IDataObject, channel: string): InvoicePayload {
	const address = (partner.address ?? {}) as IDataObject;
	const invoicingInfo = (partner.invoicingInfo ?? {}) as IDataObject;
	const orderAddress = draft.counterParty.counterPartyAddress;
	const counterPartyAddress = withoutUndefined({
		name: textOf(partner.name) ?? orderAddress.name,
		specifier: textOf(address.specifier) ?? orderAddress.specifier,
		street: textOf(address.street) ?? orderAddress.street,
		zip: textOf(address.zip) ?? orderAddress.zip,
		city: textOf(address.city) ?? orderAddress.city,
		country: textOf(address.country) ?? orderAddress.country,
	});
	const einvoiceAddress = textOf(invoicingInfo.einvoiceAddress);
	const merged: InvoicePayload = {
		...draft,
		counterParty: withoutUndefined({
			...draft.counterParty,
			counterPartyAddress,
			identifier: textOf(invoicingInfo.identifier) ?? draft.counterParty.identifier,
			customerNumber: textOf(invoicingInfo.customerNumber) ?? draft.counterParty.customerNumber,
			email: textOf(invoicingInfo.email) ?? draft.counterParty.email,
			einvoiceAddress: einvoiceAddress
				? withoutUndefined({ address: einvoiceAddress, operator: textOf(invoicingInfo.einvoiceOperator) })
				: draft.counterParty.einvoiceAddress,
		}),
		billingAddress: draft.billingAddress || counterPartyAddress.street ? counterPartyAddress : undefined,
	};
	merged.invoiceChannel = channel === 'auto' ? channelFromData(merged) : merged.invoiceChannel;
	return withoutUndefined(merged);
}
