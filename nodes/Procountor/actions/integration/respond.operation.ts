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
	{
		displayName: 'Include API Key in Output',
		name: 'includeApiKey',
		type: 'boolean',
		default: false,
		description:
			"Whether to put the API key Procountor issues for each approved company into the node's output. Warning: execution data is stored in n8n's database and visible to everyone with access to this workflow. Turn this on only when the next step stores the key in a credential or secret store, and consider turning off Save Successful Production Executions in the workflow settings. Off: the key is dropped and the output says so.",
		displayOptions: { show: { decision: ['approveAll', 'each'] } },
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

const API_KEY_FIELD = /^api[_-]?key$/i;

export const API_KEY_NOT_IN_OUTPUT =
	'Procountor issued an API key for each company with apiKeyIssued: true. It is not in this output (Include API Key in Output is off) and was not stored anywhere: ' +
	"execution data is kept in n8n's database. Procountor hands a key out only in this answer; to get one, have the customer open the activation link again " +
	'and approve that new request with Include API Key in Output on, storing the key straight into a Procountor credential or secret store. ' +
	'A company administrator can also create a key in Procountor (API client keys, New API key, with this integration\'s client ID).';

/** A deep copy of the answer with every API key field removed; `companiesIntegrated` entries say whether a key was issued. */
function withoutApiKeys(value: unknown, inCompanies = false): unknown {
	if (Array.isArray(value)) return value.map((entry) => withoutApiKeys(entry, inCompanies));
	if (value === null || typeof value !== 'object') return value;
	const copy: IDataObject = {};
	for (const [key, field] of Object.entries(value as IDataObject)) {
		if (API_KEY_FIELD.test(key)) {
			if (inCompanies) copy.apiKeyIssued = typeof field === 'string' && field !== '';
			continue;
		}
		copy[key] = withoutApiKeys(field, key === 'companiesIntegrated') as IDataObject;
	}
	return copy;
}

/** The answer as the node outputs it: keys only when asked for, else a note on where they went. */
export function activationOutput(answer: unknown, includeApiKey: boolean): IDataObject {
	const json = (answer && typeof answer === 'object' && !Array.isArray(answer) ? answer : { answer }) as IDataObject;
	if (includeApiKey) return json;
	const stripped = withoutApiKeys(json) as IDataObject;
	const issued = Array.isArray(stripped.companiesIntegrated) && (stripped.companiesIntegrated as IDataObject[]).some((company) => company?.apiKeyIssued);
	return issued ? { ...stripped, apiKeyNote: API_KEY_NOT_IN_OUTPUT } : stripped;
}

/**
 * `PUT /integrations/{requestId}` with `{approve: [companyId], reject: [{companyId, reason}]}`.
 * The answer lists `companiesIntegrated: [{companyId, apiKey}]`: those keys are what the
 * integration logs in with, so they reach the output (and n8n's execution data) only when
 * Include API Key in Output is on.
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
		const includeApiKey = approve.length > 0 && this.getNodeParameter('includeApiKey', itemIndex, false) === true;
		const answer = await procountorRequest.call(this, 'PUT', path, { body, itemIndex });
		return activationOutput(answer, includeApiKey);
	});
}
