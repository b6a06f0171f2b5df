import type { IExecuteFunctions } from 'n8n-workflow';

import { toIsoDate } from '../shared/dates';
import { fail } from '../shared/validation';

export interface DateRangeParameters {
	from: { name: string; label: string };
	to: { name: string; label: string };
}

export interface TripletexDateRange {
	from: string;
	/** Tripletex's `...To` filters exclude this date. */
	toExclusive: string;
}

export function dayAfter(date: string): string {
	const next = new Date(`${date}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return next.toISOString().slice(0, 10);
}

/** Reads an inclusive date range from two node parameters; Tripletex's upper bound is exclusive. */
export function readDateRange(
	this: IExecuteFunctions,
	itemIndex: number,
	parameters: DateRangeParameters = {
		from: { name: 'dateFrom', label: 'Date From' },
		to: { name: 'dateTo', label: 'Date To' },
	},
): TripletexDateRange {
	const { from: fromParameter, to: toParameter } = parameters;
	const from = toIsoDate(this.getNodeParameter(fromParameter.name, itemIndex));
	const to = toIsoDate(this.getNodeParameter(toParameter.name, itemIndex));
	if (!from || !to) {
		fail(
			this.getNode(),
			`${fromParameter.label} and ${toParameter.label} in item ${itemIndex} must be dates (YYYY-MM-DD)`,
			itemIndex,
			'Tripletex needs a date range for this search. Nothing was sent.',
		);
	}
	if (to < from) {
		fail(this.getNode(), `${toParameter.label} (${to}) is before ${fromParameter.label} (${from}) in item ${itemIndex}`, itemIndex);
	}
	return { from, toExclusive: dayAfter(to) };
}
