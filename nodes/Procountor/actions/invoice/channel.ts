import type { INVOICE_CHANNELS } from '../businessPartner/shared';
import type { Problem } from './problems';
import type { Address, InvoicePayload } from './shared';

type ChannelView = Pick<InvoicePayload, 'counterParty' | 'billingAddress' | 'invoiceChannel'>;

function hasPostalAddress(value?: Address): boolean {
	return Boolean(value?.street && value.zip && value.city);
}

/** Electronic invoice, email, mail or nothing, from what the order carries. */
export function channelFromData(invoice: Omit<ChannelView, 'invoiceChannel'>): (typeof INVOICE_CHANNELS)[number] {
	if (invoice.counterParty.einvoiceAddress?.address) return 'ELECTRONIC_INVOICE';
	if (invoice.counterParty.email) return 'EMAIL';
	if (hasPostalAddress(invoice.billingAddress) || hasPostalAddress(invoice.counterParty.counterPartyAddress)) return 'MAIL';
	return 'NO_SENDING';
}

/** What each channel needs before Procountor can send the invoice through it. */
export function channelProblems(invoice: ChannelView): Problem[] {
	const problems: Problem[] = [];
	const counterPartyAddress = invoice.counterParty.counterPartyAddress;
	switch (invoice.invoiceChannel) {
		case 'EMAIL':
			if (!invoice.counterParty.email) problems.push({ path: ['counterParty', 'email'], message: 'is required to send the invoice by email' });
			break;
		case 'MAIL':
			if (!hasPostalAddress(invoice.billingAddress) && !hasPostalAddress(counterPartyAddress)) {
				problems.push({ path: ['billingAddress'], message: 'needs street, postcode and city to send the invoice by mail' });
			}
			break;
		case 'ELECTRONIC_INVOICE': {
			if (!hasPostalAddress(counterPartyAddress)) {
				problems.push({ path: ['counterParty', 'counterPartyAddress'], message: 'needs street, postcode and city for an e-invoice' });
			}
			if (!hasPostalAddress(invoice.billingAddress)) {
				problems.push({ path: ['billingAddress'], message: 'needs street, postcode and city for an e-invoice' });
			}
			const einvoice = invoice.counterParty.einvoiceAddress;
			if (!einvoice?.address) {
				problems.push({ path: ['counterParty', 'einvoiceAddress', 'address'], message: 'is required for an e-invoice' });
			}
			const country = counterPartyAddress.country ?? 'FINLAND';
			if (country === 'FINLAND' && !einvoice?.operator) {
				problems.push({ path: ['counterParty', 'einvoiceAddress', 'operator'], message: 'is required for an e-invoice to a Finnish address' });
			}
			break;
		}
		default:
			break;
	}
	return problems;
}
