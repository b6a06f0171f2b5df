/**
 * One company's records, stored in API shape. Internal bookkeeping lives in properties
 * starting with `_`, which `publicView` strips before anything is returned.
 */
import {
	BANK_ACCOUNTS,
	FIRST_CUSTOMER_NUMBER,
	FIRST_INVOICE_NUMBER,
	INVOICE_TEMPLATES,
	PARTNERS,
	PRODUCTS,
	type CompanySeed,
} from './seed';

export type Rec = Record<string, unknown> & { id: number };

export class IdAllocator {
	constructor(private nextId: number) {}
	next(): number {
		return this.nextId++;
	}
}

export class CompanyBooks {
	readonly partners = new Map<number, Rec>();
	readonly products = new Map<number, Rec>();
	readonly invoices = new Map<number, Rec>();
	readonly attachments = new Map<number, Rec & { _data?: Buffer }>();
	readonly paymentEvents = new Map<number, Rec>();
	nextInvoiceNumber = FIRST_INVOICE_NUMBER;
	nextCustomerNumber = FIRST_CUSTOMER_NUMBER;
	readonly bankAccounts = BANK_ACCOUNTS.map((a) => ({ ...a }));
	readonly invoiceTemplates = INVOICE_TEMPLATES.map((t) => ({ ...t }));

	constructor(
		readonly company: CompanySeed,
		readonly ids: IdAllocator,
		/** Added to seed ids so every company's records have their own ids. */
		readonly offset: number,
		version: string,
	) {
		for (const p of PARTNERS) {
			const address = { ...p.address };
			this.partners.set(p.id + offset, {
				id: p.id + offset,
				name: p.name,
				type: 'CUSTOMER',
				address,
				billingAddress: { ...address },
				deliveryAddress: { ...address },
				invoicingInfo: {
					customerNumber: p.customerNumber,
					identifier: p.identifier,
					identifierType: p.identifier ? 'FI' : '',
					invoiceChannel: p.invoiceChannel,
					language: 'FINNISH',
					email: p.email,
					...('einvoiceAddress' in p ? { einvoiceAddress: p.einvoiceAddress, einvoiceOperator: p.einvoiceOperator } : {}),
				},
				paymentInfo: { paymentMethod: 'BANK_TRANSFER', paymentTermDays: 14 },
				registryInfo: { active: !('active' in p) || p.active !== false },
				version,
			});
		}
		for (const p of PRODUCTS) {
			this.products.set(p.id + offset, {
				id: p.id + offset,
				code: p.code,
				name: p.name,
				type: 'SALES',
				price: p.price,
				vat: p.vat,
				vatStatus: 1,
				unit: p.unit,
				currency: 'EUR',
				defaultAccount: '3000',
				active: true,
				version,
			});
		}
	}

	snapshot(): Record<string, unknown> {
		return {
			companyId: this.company.id,
			partners: [...this.partners.values()].map(publicView),
			products: [...this.products.values()].map(publicView),
			invoices: [...this.invoices.values()].map(publicView),
			attachments: [...this.attachments.values()].map(publicView),
			paymentEvents: [...this.paymentEvents.values()].map(publicView),
		};
	}
}

/** The record without internal `_` properties (deep copy). */
export function publicView<T extends Record<string, unknown>>(record: T): Record<string, unknown> {
	return JSON.parse(JSON.stringify(record, (key, value: unknown) => (key.startsWith('_') ? undefined : value))) as Record<string, unknown>;
}
