import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { getInvoice } from '../../lookups';
import { idParameter } from '../common.descriptions';
import { readInvoiceId } from './shared';

const properties: INodeProperties[] = [idParameter('Invoice ID', 'invoiceId', 'Procountor ID of the invoice')];

const displayOptions = { show: { resource: ['invoice'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const invoiceId = readInvoiceId.call(this, itemIndex);
		return await getInvoice.call(this, invoiceId, itemIndex);
	});
}
