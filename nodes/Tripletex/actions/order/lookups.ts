import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LookupMatch } from '../../../shared/lookup';
import { activeOrFail, pickMatch, sameText, textOf } from '../../../shared/lookup';
import { dayAfter } from '../../dateRange';
import { readTripletexList } from '../../lookups';
import { tripletexRequest } from '../../transport';

/**
 * Tripletex cannot search orders by reference: list the customer's orders on that date (all
 * pages) and match the reference exactly (trimmed, case-sensitive). Orders cannot be
 * reversed, so a match is always active.
 */
export async function findOrderByReference(
	this: IExecuteFunctions,
	customerId: number,
	orderDate: string,
	reference: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const orders = await readTripletexList.call(
		this,
		'/order',
		{ customerId, orderDateFrom: orderDate, orderDateTo: dayAfter(orderDate) },
		itemIndex,
		`orders of customer ${customerId} on ${orderDate}`,
	);
	return orders.find((order) => sameText(order.reference, reference));
}

function madeFrom(invoice: IDataObject, orderId: unknown): boolean {
	return ((invoice.orders as IDataObject[] | undefined) ?? []).some((entry) => entry.id === orderId);
}

/**
 * Tripletex has no invoice-by-order lookup either (tripletex-api2#64): list the customer's
 * invoices on the invoice date (all pages) and pick the one made from this order. Credit
 * notes are never "the invoice"; an invoice that was credited (`isCredited`) has the state
 * `credited`. An uncredited invoice wins over a credited one.
 */
export async function lookupInvoiceForOrder(
	this: IExecuteFunctions,
	order: IDataObject,
	invoiceDate: string,
	itemIndex: number,
): Promise<LookupMatch | undefined> {
	const customerId = (order.customer as IDataObject | undefined)?.id;
	const invoices = await readTripletexList.call(
		this,
		'/invoice',
		{
			invoiceDateFrom: invoiceDate,
			invoiceDateTo: dayAfter(invoiceDate),
			...(customerId ? { customerId } : {}),
			fields: '*,orders(id)',
		},
		itemIndex,
		`invoices${customerId ? ` of customer ${String(customerId)}` : ''} on ${invoiceDate}`,
	);
	return pickMatch(
		invoices
			.filter((invoice) => invoice.isCreditNote !== true && madeFrom(invoice, order.id))
			.map((invoice): LookupMatch => {
				if (invoice.isCredited !== true) return { record: invoice, state: 'active' };
				const creditNote = invoices.find((entry) => entry.isCreditNote === true && entry.creditedInvoice === invoice.id);
				return {
					record: invoice,
					state: 'credited',
					detail: creditNote ? `credit note ${textOf(creditNote.invoiceNumber)} dated ${textOf(creditNote.invoiceDate)}` : undefined,
				};
			}),
	);
}

/**
 * The `find` of Order → Invoice: the order's standing invoice, or undefined. A credited one
 * fails the item: invoicing again silently could bill the customer for what was credited, and
 * "already exists" would claim the invoice still stands.
 */
export async function findInvoiceForOrder(
	this: IExecuteFunctions,
	order: IDataObject,
	invoiceDate: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const match = await lookupInvoiceForOrder.call(this, order, invoiceDate, itemIndex);
	return activeOrFail(this.getNode(), match, itemIndex, ({ record, detail }) => ({
		message: `Order ${textOf(order.number) || textOf(order.id)} was invoiced as invoice ${textOf(record.invoiceNumber)} (id ${textOf(record.id)}), which was credited${detail ? ` by ${detail}` : ''}; nothing was invoiced`,
		description:
			'A credited invoice is not made again from the same order, and it does not count as existing. If the customer is to be billed again, invoice the order in Tripletex, or turn off Skip If Already Invoiced for this item.',
	}));
}

export async function getOrder(this: IExecuteFunctions, orderId: number, itemIndex: number): Promise<IDataObject> {
	const response = await tripletexRequest.call(this, 'GET', `/order/${orderId}`, {
		qs: { fields: 'id,number,isClosed,customer(id),orderDate,reference' },
		itemIndex,
	});
	return response.value as IDataObject;
}
