/**
 * What each event of the Procountor Trigger watches: the search and its time filter, the key
 * that identifies a change, and whether a change is reported (with what).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { recall, rememberBounded } from '../../shared/pollWindow';
import { toWallClock } from '../../shared/wallClock';
import { PROCOUNTOR_TIME_ZONE } from '../environments';
import { searchAllById } from './search';

export type TriggerEvent = 'invoiceCreated' | 'invoiceStatusChanged' | 'invoicePaid' | 'businessPartnerChanged';

/** What the trigger remembers besides the window: bounded, the least recently changed forgotten first. */
export interface TriggerMemory {
	/** Invoice Status Changed: the last status seen per invoice. */
	statuses?: Record<string, string>;
	/** Invoice Paid: the payment state last reported per invoice (status and payment event ids). */
	payments?: Record<string, string>;
}

export const MAX_REMEMBERED = 5000;

export interface EvaluationContext {
	memory: TriggerMemory;
	/** The first poll's reading: its records are remembered, not reported. */
	baseline: boolean;
	/** Where watching began (Procountor's wall clock): invoices created since were seen UNFINISHED or are new, so UNFINISHED before their first status. */
	watchingSince: string;
}

export interface WatchedEvent {
	event: TriggerEvent;
	path: string;
	/** The result field that holds the time the window filters on. */
	timeField: 'created' | 'version';
	/** The search parameter that filters on it. */
	startParameter: 'createdStartDate' | 'versionStartDate';
	/** The other search filters. */
	filters: IDataObject;
	/** What the search returns: when it changes (another event or filter), watching starts over. */
	scope: string;
	/** The newest record for a manual test run. */
	sampleQuery: IDataObject;
	/** Identifies one change of one record. */
	key(row: IDataObject): string;
	/** The item to report for a change not handled before, or undefined; updates the memory. */
	evaluate(this: IPollFunctions, row: IDataObject, context: EvaluationContext): Promise<IDataObject | undefined>;
	/** The item for a manual test run. */
	sample(this: IPollFunctions, row: IDataObject): Promise<IDataObject>;
}

const SALES_INVOICES = { types: 'SALES_INVOICE' };
const PAID_STATUSES = ['PAID', 'MARKED_PAID'];
const PARTLY_PAID = 'PARTLY_PAID';

const byVersion = (row: IDataObject) => `${String(row.id)}@${String(row.version)}`;

async function paymentEventsOf(this: IPollFunctions, invoiceId: unknown): Promise<IDataObject[]> {
	return await searchAllById.call(this, `/invoices/${String(invoiceId)}/paymentevents`, {});
}

/** The payment state an item reports: the status and which payment events made it. */
function paymentState(status: unknown, events: IDataObject[]): string {
	const ids = events.map((event) => Number(event.id)).sort((a, b) => a - b);
	return `${String(status)}:${ids.join(',')}`;
}

function idsOfState(state: string | undefined): Set<number> {
	const ids = state?.split(':')[1] ?? '';
	return new Set(ids ? ids.split(',').map(Number) : []);
}

export function watchedEvent(this: IPollFunctions): WatchedEvent {
	const event = this.getNodeParameter('event', 'invoicePaid') as TriggerEvent;
	switch (event) {
		case 'invoiceCreated':
			return {
				event,
				path: '/invoices',
				timeField: 'created',
				startParameter: 'createdStartDate',
				filters: SALES_INVOICES,
				scope: event,
				sampleQuery: { ...SALES_INVOICES, orderByCreated: 'DESC' },
				key: (row) => String(row.id),
				async evaluate(row) {
					return { event, ...row };
				},
				async sample(row) {
					return { event, ...row };
				},
			};
		case 'invoiceStatusChanged': {
			const only = (this.getNodeParameter('statuses', []) as string[]) ?? [];
			return {
				event,
				path: '/invoices',
				timeField: 'version',
				startParameter: 'versionStartDate',
				// Every status is read (the filter is applied here), so the previous status is known.
				filters: SALES_INVOICES,
				scope: event,
				sampleQuery: { ...SALES_INVOICES, orderByVersion: 'DESC', ...(only.length ? { status: only.join(',') } : {}) },
				key: byVersion,
				async evaluate(row, { memory, baseline, watchingSince }) {
					const status = String(row.status);
					const known = recall(memory.statuses, String(row.id));
					// Procountor saves every new invoice UNFINISHED.
					const created = toWallClock(row.created, PROCOUNTOR_TIME_ZONE);
					const createdSince = created !== undefined && created >= watchingSince;
					const previousStatus = known ?? (createdSince ? 'UNFINISHED' : null);
					rememberBounded((memory.statuses ??= {}), String(row.id), status, MAX_REMEMBERED);
					if (baseline || previousStatus === status) return undefined;
					if (only.length && !only.includes(status)) return undefined;
					return { event, ...row, previousStatus };
				},
				async sample(row) {
					return { event, ...row, previousStatus: null };
				},
			};
		}
		case 'invoicePaid': {
			const includePartlyPaid = this.getNodeParameter('includePartlyPaid', true) as boolean;
			const statuses = (includePartlyPaid ? [...PAID_STATUSES, PARTLY_PAID] : PAID_STATUSES).join(',');
			return {
				event,
				path: '/invoices',
				timeField: 'version',
				startParameter: 'versionStartDate',
				filters: { ...SALES_INVOICES, status: statuses },
				scope: `${event}:${statuses}`,
				sampleQuery: { ...SALES_INVOICES, status: statuses, orderByVersion: 'DESC' },
				key: byVersion,
				async evaluate(row, { memory, baseline }) {
					const paymentEvents = await paymentEventsOf.call(this, row.id);
					const state = paymentState(row.status, paymentEvents);
					const reported = recall(memory.payments, String(row.id));
					rememberBounded((memory.payments ??= {}), String(row.id), state, MAX_REMEMBERED);
					// A change that brought no payment and no new paid status (a note, a comment) is not a payment.
					if (baseline || reported === state) return undefined;
					const before = idsOfState(reported);
					const newPaymentEvents = paymentEvents.filter((payment) => !before.has(Number(payment.id)));
					return { event, ...row, paymentEvents, newPaymentEvents };
				},
				async sample(row) {
					const paymentEvents = await paymentEventsOf.call(this, row.id);
					return { event, ...row, paymentEvents, newPaymentEvents: paymentEvents };
				},
			};
		}
		case 'businessPartnerChanged': {
			const partnerType = this.getNodeParameter('partnerType', 'any') as string;
			const type = partnerType === 'any' ? {} : { type: partnerType };
			return {
				event,
				path: '/businesspartners',
				timeField: 'version',
				startParameter: 'versionStartDate',
				filters: type,
				scope: `${event}:${partnerType}`,
				// The partner search orders by id only: the newest partner.
				sampleQuery: { ...type, orderById: 'DESC' },
				key: byVersion,
				async evaluate(row) {
					return { event, ...row };
				},
				async sample(row) {
					return { event, ...row };
				},
			};
		}
		default:
			throw new Error(`Unknown event "${String(event)}"`);
	}
}
