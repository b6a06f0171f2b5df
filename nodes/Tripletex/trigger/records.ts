/**
 * Where the full record of an event's subject is read (GET by id), by the event's subject
 * (`invoice.charged` → invoice), from Tripletex's OpenAPI spec. Subjects without one here
 * (`voucherstatus`, `closeGroup`, `notification`, …) are not fetched.
 */
const RECORD_PATHS: Record<string, string> = {
	account: '/ledger/account',
	contact: '/contact',
	customer: '/customer',
	employee: '/employee',
	invoice: '/invoice',
	order: '/order',
	product: '/product',
	project: '/project',
	supplier: '/supplier',
	voucher: '/ledger/voucher',
};

/** The GET path of the event's record, or undefined when Tripletex has none for that kind of event. */
export function recordPath(event: string, id: number): string | undefined {
	const subject = event.split('.')[0];
	const base = Object.prototype.hasOwnProperty.call(RECORD_PATHS, subject) ? RECORD_PATHS[subject] : undefined;
	return base === undefined ? undefined : `${base}/${id}`;
}

/** Deletes deliver no record (`value` is null) and the record is gone: nothing to fetch. */
export function isDeleteEvent(event: string): boolean {
	return event.endsWith('.delete');
}

export const FETCHABLE_SUBJECTS = Object.keys(RECORD_PATHS);
