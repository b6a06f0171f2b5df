import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { tripletexRequest } from '../transport';

async function list(this: ILoadOptionsFunctions, path: string, fields: string): Promise<IDataObject[]> {
	const page = await tripletexRequest.call(this, 'GET', path, { qs: { fields, count: 1000 } });
	return (page.values as IDataObject[] | undefined) ?? [];
}

/** Values are VAT codes (numbers as Tripletex shows them), not ids: ids differ per company. */
export async function getVatTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const vatTypes = await list.call(this, '/ledger/vatType', 'id,number,name,percentage');
	return vatTypes
		.filter((vatType) => vatType.number !== undefined && vatType.number !== '')
		.map((vatType) => ({
			name: `${String(vatType.number)}: ${String(vatType.name ?? '')}${vatType.percentage !== undefined ? ` (${String(vatType.percentage)} %)` : ''}`,
			value: String(vatType.number),
		}));
}

export async function getVoucherTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const voucherTypes = await list.call(this, '/ledger/voucherType', 'id,name');
	return voucherTypes.map((voucherType) => ({ name: String(voucherType.name), value: Number(voucherType.id) }));
}

export async function getPaymentTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const paymentTypes = await list.call(this, '/invoice/paymentType', 'id,description');
	return paymentTypes.map((paymentType) => ({
		name: String(paymentType.description ?? paymentType.id),
		value: Number(paymentType.id),
	}));
}

/** The webhook events Tripletex offers (`GET /event`: a map of event name → description). */
export async function getEvents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await tripletexRequest.call(this, 'GET', '/event');
	const events = (response.value as Record<string, { description?: string }> | undefined) ?? {};
	return Object.entries(events)
		.map(([name, info]) => ({ name, value: name, description: info?.description ?? undefined }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
