import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LookupCache } from '../../../shared/lookupCache';
import { withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { procountorRequest, procountorService } from '../../transport';
import type { PartnerInput, PartnerMatch } from '../businessPartner/shared';
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
	// Under the same lock and ledger as Business Partner → Find or Create: two orders of one new
	// customer at once create one partner.
	return await cache.get(key, async () => {
		if (mode !== 'linkOrCreate') {
			const found = await findExistingPartner.call(this, keys, itemIndex);
			return found ? { id: Number(found.partner.id), matchedBy: found.matchedBy, created: false, record: found.partner } : undefined;
		}
		const result = await writeOnce<PartnerMatch>(this, {
			service: procountorService,
			itemIndex,
			kind: 'businessPartner',
			reference: keys.customerNumber ? `customer:${keys.customerNumber}` : `businessId:${keys.businessId}`,
			skipIfExists: true,
			find: async () => await findExistingPartner.call(this, keys, itemIndex),
			write: async () => {
				const partner = await procountorRequest.call(this, 'POST', '/businesspartners', { body: buildPartnerBody(partnerInput(order, draft, keys)), itemIndex });
				return { partner, matchedBy: null };
			},
			whereToCheck: `Procountor's business partners for ${keys.customerNumber ? `customer number ${keys.customerNumber}` : `business ID ${keys.businessId}`}`,
		});
		const { partner, matchedBy } = result.record;
		// From the ledger, a partner created earlier in this process: found again by the same key.
		const matched = matchedBy ?? (result.existed ? (keys.customerNumber ? 'customerNumber' : 'businessId') : null);
		return { id: Number(partner.id), matchedBy: matched, created: !result.existed, record: partner };
	});
}

function partnerInput(order: OrderInput, draft: InvoicePayload, keys: { customerNumber?: string; businessId?: string }): PartnerInput {
	const address = draft.counterParty.counterPartyAddress;
	return {
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
