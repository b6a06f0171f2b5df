import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { processItems } from '../../../shared/items';
import { fail, parseOrThrow } from '../../../shared/validation';
import { procountorRequest } from '../../transport';
import { readRequestId, requestIdParameter } from './shared';

const properties: INodeProperties[] = [
	requestIdParameter,
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		options: [
			{ name: 'Approve All', value: 'approveAll', description: 'Approve every company in the request' },
			{ name: 'Approve or Reject Each', value: 'each', description: 'List the companies to approve and to reject' },
			{ name: 'Reject All', value: 'rejectAll', description: 'Reject every company in the request' },
		],
		default: 'approveAll',
		description: 'Procountor expects a decision for every company in the request',
	},
	{
		displayName: 'Approve Company IDs',
		name: 'approveCompanyIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12345, 12346',
		description: 'Procountor company IDs to approve, separated by commas',
		displayOptions: { show: { decision: ['each'] } },
	},
	{
		displayName: 'Reject Company IDs',
		name: 'rejectCompanyIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12347',
		description: 'Procountor company IDs to reject, separated by commas',
		displayOptions: { show: { decision: ['each'] } },
	},
	{
		displayName: 'Rejection Reason',
		name: 'reason',
		type: 'string',
		default: '',
		description: 'Shown to the customer for every rejected company',
		displayOptions: { show: { decision: ['each', 'rejectAll'] } },
	},
];

const displayOptions = { show: { resource: ['integration'], operation: ['respond'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const companyIds = z.preprocess(
	(value) =>
		String(value ?? '')
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean),
	z.array(z.coerce.number().int('must be whole numbers').positive('must be positive company IDs')),
);

const decisionSchema = z.object({ approve: companyIds, reject: companyIds }).strict();

interface ActivationRequest {
	companiesToIntegrate?: Array<{ companyId: number }>;
}

/**
 * `PUT /integrations/{requestId}` with `{approve: [companyId], reject: [{companyId, reason}]}`.
 * The answer lists `companiesIntegrated: [{companyId, apiKey}]`: treat those keys as secrets
 * (store each in a Procountor credential), they are what the integration logs in with.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await processItems.call(this, items, async (itemIndex) => {
		const requestId = readRequestId.call(this, itemIndex);
		const path = `/integrations/${encodeURIComponent(requestId)}`;
		const decision = this.getNodeParameter('decision', itemIndex) as string;
		const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
		let approve: number[];
		let reject: number[];
		if (decision === 'each') {
			({ approve, reject } = parseOrThrow(
				this.getNode(),
				decisionSchema,
				{
					approve: this.getNodeParameter('approveCompanyIds', itemIndex, ''),
					reject: this.getNodeParameter('rejectCompanyIds', itemIndex, ''),
				},
				itemIndex,
			));
			if (!approve.length && !reject.length) {
				fail(this.getNode(), `Item ${itemIndex} approves and rejects no company`, itemIndex, 'List at least one company ID. Nothing was sent.');
			}
		} else {
			const request = (await procountorRequest.call(this, 'GET', path, { itemIndex })) as ActivationRequest;
			const all = (request.companiesToIntegrate ?? []).map((company) => Number(company.companyId));
			approve = decision === 'approveAll' ? all : [];
			reject = decision === 'rejectAll' ? all : [];
		}
		const body: IDataObject = {
			approve,
			reject: reject.map((companyId) => (reason ? { companyId, reason } : { companyId })),
		};
		return await procountorRequest.call(this, 'PUT', path, { body, itemIndex });
	});
}
