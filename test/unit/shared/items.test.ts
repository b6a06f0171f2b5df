import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { processItems } from '../../../nodes/shared/items';

const context = { continueOnFail: () => false } as unknown as IExecuteFunctions;
const items: INodeExecutionData[] = [{ json: {} }, { json: {} }];

describe('processItems output', () => {
	it('puts what a write did (alreadyExisted, alreadySent, ...) first, so a re-run shows it at a glance', async () => {
		const output = await processItems.call(context, items, async (itemIndex) => ({
			id: 10 + itemIndex,
			number: `INV-${itemIndex}`,
			customer: { id: 7 },
			alreadySent: itemIndex === 1,
			alreadyExisted: true,
		}));

		expect(output.map((item) => Object.keys(item.json))).toEqual([
			['alreadyExisted', 'alreadySent', 'id', 'number', 'customer'],
			['alreadyExisted', 'alreadySent', 'id', 'number', 'customer'],
		]);
		expect(output[1].json).toEqual({ alreadyExisted: true, alreadySent: true, id: 11, number: 'INV-1', customer: { id: 7 } });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('keeps binary data and leaves items without an outcome flag as they are', async () => {
		const binary = { label: { data: 'JVBERi0=', mimeType: 'application/pdf' } };
		const output = await processItems.call(context, items, async (itemIndex) =>
			itemIndex === 0 ? { json: { shipmentId: 'S1', alreadyExisted: false }, binary } : { id: 3, name: 'Product' },
		);

		expect(Object.keys(output[0].json)).toEqual(['alreadyExisted', 'shipmentId']);
		expect(output[0].binary).toBe(binary);
		expect(Object.keys(output[1].json)).toEqual(['id', 'name']);
	});
});
