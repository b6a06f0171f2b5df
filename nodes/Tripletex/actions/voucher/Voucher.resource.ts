import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteVoucher from './deleteVoucher.operation';
import * as downloadPdf from './downloadPdf.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as reverse from './reverse.operation';
import * as uploadAttachment from './uploadAttachment.operation';

export { create, deleteVoucher, downloadPdf, get, getMany, reverse, uploadAttachment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voucher'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Post a balanced voucher', action: 'Create a voucher' },
			{ name: 'Delete', value: 'deleteVoucher', description: 'Delete a voucher', action: 'Delete a voucher' },
			{ name: 'Download PDF', value: 'downloadPdf', description: 'Download a voucher as PDF', action: 'Download a voucher PDF' },
			{ name: 'Get', value: 'get', description: 'Get a voucher', action: 'Get a voucher' },
			{ name: 'Get Many', value: 'getMany', description: 'Get vouchers in a date range', action: 'Get many vouchers' },
			{ name: 'Reverse', value: 'reverse', description: 'Reverse a posted voucher', action: 'Reverse a voucher' },
			{
				name: 'Upload Attachment',
				value: 'uploadAttachment',
				description: 'Attach a PDF or image to a voucher',
				action: 'Upload an attachment to a voucher',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteVoucher.description,
	...downloadPdf.description,
	...get.description,
	...getMany.description,
	...reverse.description,
	...uploadAttachment.description,
];
