import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { dayAfter } from '../../dateRange';
import { tripletexRequest } from '../../transport';

interface ListEnvelope {
	values?: IDataObject[];
}

/**
 * Tripletex cannot search orders by reference: list the customer's orders on that date
 * and match the reference exactly.
 */
export async function findOrderByReference(
	this: IExecuteFunctions,
	customerId: number,
	orderDate: string,
	reference: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const page = (await tripletexRequest.call(this, 'GET', '/order', {
		qs: { customerId, orderDateFrom: orderDate, orderDateTo: dayAfter(orderDate), count: 1000 },
		itemIndex,
	})) as ListEnvelope;
	return (page.values ?? []).find((order) => order.reference === reference);
}

/**
 * Tripletex has no invoice-by-order lookup either (tripletex-api2#64): list the customer's
 * invoices on the invoice date and pick the one made from this order.
 */
export async function findInvoiceForOrder(
	this: IExecuteFunctions,
	order: IDataObject,
	invoiceDate: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const customerId = (order.customer as IDataObject | undefined)?.id;
	const page = (await tripletexRequest.call(this, 'GET', '/invoice', {
		qs: {
			invoiceDateFrom: invoiceDate,
			invoiceDateTo: dayAfter(invoiceDate),
			...(customerId ? { customerId } : {}),
			fields: '*,orders(id)',
			count: 1000,
		},
		itemIndex,
	})) as ListEnvelope;
	return (page.values ?? []).find((invoice) =>
		((invoice.orders as IDataObject[] | undefined) ?? []).some((entry) => entry.id === order.id),
	);
}

export async function getOrder(this: IExecuteFunctions, orderId: number, itemIndex: number): Promise<IDataObject> {
	const response = await tripletexRequest.call(this, 'GET', `/order/${orderId}`, {
		qs: { fields: 'id,number,isClosed,customer(id),orderDate,reference' },
		itemIndex,
	});
	return response.value as IDataObject;
}
