import type { INodeProperties } from 'n8n-workflow';

import * as downloadPdf from './downloadPdf.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as registerPayment from './registerPayment.operation';

export { downloadPdf, get, getMany, registerPayment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{ name: 'Download PDF', value: 'downloadPdf', description: 'Download an invoice as PDF', action: 'Download an invoice PDF' },
			{ name: 'Get', value: 'get', description: 'Get an invoice', action: 'Get an invoice' },
			{ name: 'Get Many', value: 'getMany', description: 'Get invoices in a date range', action: 'Get many invoices' },
			{
				name: 'Register Payment',
				value: 'registerPayment',
				description: 'Register a payment received for an invoice',
				action: 'Register a payment for an invoice',
			},
		],
		default: 'get',
	},
	...downloadPdf.description,
	...get.description,
	...getMany.description,
	...registerPayment.description,
];
