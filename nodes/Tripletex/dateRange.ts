import type { IExecuteFunctions } from 'n8n-workflow';

import { addDays, readDateParameter } from '../shared/dates';
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
	return addDays(date, 1);
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
	const emptyHint = 'Tripletex needs a date range for this search.';
	const from = readDateParameter.call(this, fromParameter.name, fromParameter.label, itemIndex, { required: true, emptyHint }) as string;
	const to = readDateParameter.call(this, toParameter.name, toParameter.label, itemIndex, { required: true, emptyHint }) as string;
	if (to < from) {
		fail(this.getNode(), `${toParameter.label} (${to}) is before ${fromParameter.label} (${from}) in item ${itemIndex}`, itemIndex);
	}
	return { from, toExclusive: dayAfter(to) };
}
