import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { processItems } from '../../../shared/items';
import { getPartner } from '../../lookups';
import { businessPartnerLocator } from '../common.descriptions';
import { readPartnerId } from './shared';

const properties: INodeProperties[] = [businessPartnerLocator];

const displayOptions = { show: { resource: ['businessPartner'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const partnerId = readPartnerId.call(this, itemIndex);
		return await getPartner.call(this, partnerId, itemIndex);
	});
}
