import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fail } from '../../../shared/validation';

export const requestIdParameter: INodeProperties = {
	displayName: 'Request ID',
	name: 'requestId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.query.requestId }}',
	description: "The activation request ID Procountor passes to the integration's callback URL",
};

export function readRequestId(this: IExecuteFunctions, itemIndex: number): string {
	const requestId = String(this.getNodeParameter('requestId', itemIndex, '') ?? '').trim();
	if (!/^[A-Za-z0-9._~-]{1,200}$/.test(requestId)) {
		fail(
			this.getNode(),
			`Request ID in item ${itemIndex} is missing or not an ID: "${requestId.slice(0, 50)}"`,
			itemIndex,
			"Map the request ID from the activation callback (the webhook's query). Nothing was sent.",
		);
	}
	return requestId;
}
