import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { readNumericId } from '../../ids';
import { procountorRequest } from '../../transport';
import { productLocator } from '../common.descriptions';

const properties: INodeProperties[] = [productLocator];

const displayOptions = { show: { resource: ['product'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const productId = readNumericId.call(this, 'product', 'Product', itemIndex);
		return await procountorRequest.call(this, 'GET', `/products/${productId}`, { itemIndex });
	});
}
