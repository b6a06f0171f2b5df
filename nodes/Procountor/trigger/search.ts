import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PROCOUNTOR_PAGE_SIZE, procountorRequest, type ProcountorPage } from '../transport';

/**
 * Every result of a Procountor search, page after page by id (`orderById=ASC` with
 * `previousId`): records added or changed while the pages are read land after the last one
 * read or stay where they were, so no record is skipped, as page numbers could.
 */
export async function searchAllById(this: IPollFunctions, path: string, qs: IDataObject): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	let previousId: number | undefined;
	for (;;) {
		const page = (await procountorRequest.call(this, 'GET', path, {
			qs: { ...qs, orderById: 'ASC', size: PROCOUNTOR_PAGE_SIZE, ...(previousId === undefined ? {} : { previousId }) },
		})) as ProcountorPage;
		const results = Array.isArray(page.results) ? page.results : [];
		rows.push(...results);
		if (results.length < PROCOUNTOR_PAGE_SIZE) return rows;
		const lastId = Number(results[results.length - 1].id);
		if (!Number.isInteger(lastId) || (previousId !== undefined && lastId <= previousId)) {
			throw new NodeOperationError(this.getNode(), `Procountor's ${path} search did not move on after id ${previousId ?? '(start)'}`, {
				description: 'The next page started at or before the previous one, so the trigger stopped reading instead of looping; nothing was reported and the next poll tries again.',
			});
		}
		previousId = lastId;
	}
}

/** The newest record of a search, by the given order (for a manual test's sample). */
export async function searchLatest(this: IPollFunctions, path: string, qs: IDataObject): Promise<IDataObject | undefined> {
	const page = (await procountorRequest.call(this, 'GET', path, { qs: { ...qs, size: 1 } })) as ProcountorPage;
	return Array.isArray(page.results) ? page.results[0] : undefined;
}
