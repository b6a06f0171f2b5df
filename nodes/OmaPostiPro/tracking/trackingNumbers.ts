import type { INode } from 'n8n-workflow';

import { fail } from '../../shared/validation';

/** Posti looks a value up when it has 3 to 60 characters; tracking numbers are letters and digits. */
const GENERAL = /^[A-Z0-9]{3,60}$/;
/** Posti parcel numbers: JJFI and 17 digits, e.g. JJFI65432100000000224. */
const JJFI = /^JJFI\d{17}$/;

export const MAX_TRACKING_NUMBERS_PER_ITEM = 100;

const HINT =
	'Give Posti tracking numbers separated by commas, spaces or new lines, e.g. JJFI65432100000000001, or an array of them (the trackingNumbers of Shipment → Create). Nothing was sent.';

function listOf(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(listOf);
	if (typeof value === 'number') return [String(value)];
	if (typeof value !== 'string') return [];
	return value.split(/[\s,;]+/);
}

/** The tracking numbers of one item, upper-cased and without repeats; bad ones fail with the value and the fix. */
export function readTrackingNumbers(node: INode, value: unknown, itemIndex: number): string[] {
	const numbers = [...new Set(listOf(value).map((entry) => entry.trim().toUpperCase()).filter(Boolean))];
	if (numbers.length === 0) fail(node, `No tracking number in item ${itemIndex}`, itemIndex, HINT);
	if (numbers.length > MAX_TRACKING_NUMBERS_PER_ITEM) {
		fail(
			node,
			`Too many tracking numbers in item ${itemIndex}: ${numbers.length} (at most ${MAX_TRACKING_NUMBERS_PER_ITEM} per item)`,
			itemIndex,
			'Split them over several items. Nothing was sent.',
		);
	}
	for (const number of numbers) {
		if (!GENERAL.test(number)) {
			fail(node, `Invalid tracking number in item ${itemIndex}: "${number.slice(0, 80)}" (letters and digits only, 3 to 60 characters)`, itemIndex, HINT);
		}
		if (number.startsWith('JJFI') && !JJFI.test(number)) {
			fail(
				node,
				`Invalid tracking number in item ${itemIndex}: "${number}" (a Posti JJFI number is JJFI and 17 digits, ${number.length - 4} characters follow JJFI here)`,
				itemIndex,
				HINT,
			);
		}
	}
	return numbers;
}
