import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { readDateParameter } from '../../../shared/dates';
import type { InputFormat } from '../../../shared/inputFormat';
import { readInputFormat } from '../../../shared/inputFormat';
import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fromMinorUnits } from '../../../shared/money';
import { parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { readNumericId } from '../../ids';
import { resolveProductId, resolveVatType } from '../../lookups';
import { optionalId, optionalText } from '../../schemas';
import { tripletexRequest, tripletexService } from '../../transport';
import { createFields } from './createFields';
import type { LineInput, OrderPayload } from './lines';
import { linesFromCollection, linesInputSchemaFor, orderPayloadSchema } from './lines';
import { findOrderByReference } from './lookups';

const displayOptions = { show: { resource: ['order'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, createFields);

const additionalFieldsSchema = z
	.object({ invoiceComment: optionalText, ourContactEmployeeId: optionalId })
	.strict();

function readLines(this: IExecuteFunctions, itemIndex: number, format: InputFormat): LineInput[] {
	const raw = readListParameter.call(this, itemIndex, {
		source: 'linesSource',
		json: 'linesJson',
		collection: 'lines',
		entry: 'line',
		label: 'Order Lines (JSON)',
		example: '[{"productNumber": "SKU-1001", "count": 1, "unitPrice": 1250}]',
		fromCollection: linesFromCollection,
	});
	return parseOrThrow(this.getNode(), linesInputSchemaFor(format), { lines: raw }, itemIndex).lines;
}

function readDates(this: IExecuteFunctions, itemIndex: number): { orderDate: string; deliveryDate: string } {
	const orderDate = readDateParameter.call(this, 'orderDate', 'Order Date', itemIndex, { required: true }) as string;
	const deliveryDate = readDateParameter.call(this, 'deliveryDate', 'Delivery Date', itemIndex) ?? orderDate;
	return { orderDate, deliveryDate };
}

async function buildPayload(this: IExecuteFunctions, cache: LookupCache, itemIndex: number): Promise<OrderPayload> {
	const customerId = readNumericId.call(this, 'customer', 'Customer', itemIndex);
	const { orderDate, deliveryDate } = readDates.call(this, itemIndex);
	const pricesIncludeVat = this.getNodeParameter('pricesIncludeVat', itemIndex, false) as boolean;
	const lines = readLines.call(this, itemIndex, readInputFormat.call(this, itemIndex));
	const additionalFields = parseOrThrow(
		this.getNode(),
		additionalFieldsSchema,
		this.getNodeParameter('additionalFields', itemIndex, {}),
		itemIndex,
	);
	const unitPriceField = pricesIncludeVat ? 'unitPriceIncludingVatCurrency' : 'unitPriceExcludingVatCurrency';

	const orderLines: IDataObject[] = [];
	for (const [index, line] of lines.entries()) {
		const where = `line ${index + 1} of item ${itemIndex}`;
		const productId = line.productNumber
			? await resolveProductId.call(this, cache, line.productNumber, itemIndex, where)
			: line.productId;
		const vatType = line.vatCode ? await resolveVatType.call(this, cache, line.vatCode, itemIndex, where) : undefined;
		orderLines.push({
			product: productId === undefined ? undefined : { id: productId },
			description: line.description,
			count: line.count,
			[unitPriceField]: line.unitPrice === undefined ? undefined : fromMinorUnits(line.unitPrice),
			vatType: vatType ? { id: vatType.id } : undefined,
			discount: line.discount || undefined,
		});
	}

	const payload = {
		customer: { id: customerId },
		orderDate,
		deliveryDate,
		isPrioritizeAmountsIncludingVat: pricesIncludeVat,
		reference: String(this.getNodeParameter('reference', itemIndex, '')).trim() || undefined,
		invoiceComment: additionalFields.invoiceComment,
		ourContactEmployee:
			additionalFields.ourContactEmployeeId === undefined ? undefined : { id: additionalFields.ourContactEmployeeId },
		orderLines,
	};
	return parseOrThrow(this.getNode(), orderPayloadSchema, withoutUndefined(payload), itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: LookupCache,
): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency.call(this);
	return await processItems.call(
		this,
		items,
		async (itemIndex) => {
			const payload = await buildPayload.call(this, cache, itemIndex);
			const reference = payload.reference;
			const result = await writeOnce<IDataObject>(this, {
				service: tripletexService,
				itemIndex,
				kind: 'order',
				reference: reference,
				payload: payload,
				whereToCheck: reference ? `Tripletex's orders of customer ${payload.customer.id} on ${payload.orderDate} for reference ${reference}` : `Tripletex's orders of customer ${payload.customer.id} on ${payload.orderDate}`,
				skipIfExists: reference ? (this.getNodeParameter('skipIfExists', itemIndex, true) as boolean) : false,
				find: reference
					? async () => await findOrderByReference.call(this, payload.customer.id, payload.orderDate, reference, itemIndex)
					: undefined,
				write: async () => {
					const response = await tripletexRequest.call(this, 'POST', '/order', {
						body: payload as unknown as IDataObject,
						itemIndex,
					});
					return response.value as IDataObject;
				},
			});
			return { ...result.record, alreadyExisted: result.existed };
		},
		concurrency,
	);
}
