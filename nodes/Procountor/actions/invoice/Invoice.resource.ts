import type { INodeProperties } from 'n8n-workflow';

import * as addAttachment from './addAttachment.operation';
import * as approve from './approve.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as markPaid from './markPaid.operation';
import * as send from './send.operation';

export { addAttachment, approve, create, get, getMany, markPaid, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Add Attachment',
				value: 'addAttachment',
				description: 'Attach a file from the item to an invoice',
				action: 'Add an attachment to an invoice',
			},
			{ name: 'Approve', value: 'approve', description: 'Approve an unfinished invoice', action: 'Approve an invoice' },
			{
				name: 'Create',
				value: 'create',
				description: 'Create a sales invoice from an order',
				action: 'Create an invoice',
			},
			{ name: 'Get', value: 'get', description: 'Get an invoice', action: 'Get an invoice' },
			{ name: 'Get Many', value: 'getMany', description: 'Get many invoices', action: 'Get many invoices' },
			{ name: 'Mark Paid', value: 'markPaid', description: 'Mark an invoice as paid', action: 'Mark an invoice as paid' },
			{
				name: 'Send',
				value: 'send',
				description: 'Send an approved invoice through its invoice channel',
				action: 'Send an invoice',
			},
		],
		default: 'create',
	},
	...addAttachment.description,
	...approve.description,
	...create.description,
	...get.description,
	...getMany.description,
	...markPaid.description,
	...send.description,
];
