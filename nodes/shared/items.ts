import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(value: unknown): value is INodeExecutionData {
	return typeof value === 'object' && value !== null && 'json' in value && typeof (value as INodeExecutionData).json === 'object';
}

/** Flags that say what a write did, shown first in the output so a re-run's answer is seen at a glance. */
const OUTCOME_KEYS = ['alreadyExisted', 'alreadySent', 'alreadyPaid', 'alreadyApproved'];

function outcomeFirst(json: IDataObject): IDataObject {
	const present = OUTCOME_KEYS.filter((key) => Object.prototype.hasOwnProperty.call(json, key));
	if (present.length === 0) return json;
	return { ...Object.fromEntries(present.map((key) => [key, json[key]])), ...json };
}

function toExecutionData(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, json: outcomeFirst(entry.json), pairedItem: entry.pairedItem ?? { item: itemIndex } }
			: { json: outcomeFirst(entry as IDataObject), pairedItem: { item: itemIndex } },
	);
}

/** Only `error`, `message` and `details` keys, so n8n can route the item to a node's error output. */
function errorItem(error: Error & { description?: string | null }, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.details = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs `handle` for each input item with bounded concurrency, keeping output order,
 * pairedItem and continueOnFail semantics. After a failure without continueOnFail no new
 * item is started; items already in flight finish (their writes are real) before the error surfaces.
 */
export async function processItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<ItemResult>,
	concurrency = 1,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(items.length);
	let next = 0;
	const failures: Array<{ index: number; error: Error }> = [];
	const continueOnFail = this.continueOnFail();

	const worker = async () => {
		while (next < items.length && failures.length === 0) {
			const itemIndex = next++;
			try {
				results[itemIndex] = toExecutionData(await handle(itemIndex), itemIndex);
			} catch (error) {
				if (continueOnFail) {
					results[itemIndex] = [errorItem(error as Error, itemIndex)];
					continue;
				}
				const context = (error as { context?: IDataObject }).context;
				if (context && context.itemIndex === undefined) context.itemIndex = itemIndex;
				failures.push({ index: itemIndex, error: error as Error });
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failures.length) throw failures.sort((a, b) => a.index - b.index)[0].error;
	return results.flat();
}

/** The Concurrency option of write operations (node-level, so read from item 0). */
export function readConcurrency(this: IExecuteFunctions): number {
	return Number(this.getNodeParameter('options.concurrency', 0, 1)) || 1;
}
