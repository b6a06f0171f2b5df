import type { IExecuteFunctions } from 'n8n-workflow';

import { fail } from '../shared/validation';

/** Reads an id parameter (string, number or resource locator) and insists on a positive integer. */
export function readNumericId(this: IExecuteFunctions, parameter: string, label: string, itemIndex: number): number {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	const text = String(raw ?? '').trim();
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		fail(
			this.getNode(),
			`${label} in item ${itemIndex} must be a Procountor ID (a positive whole number), got "${text}"`,
			itemIndex,
			'Map the ID from a previous Procountor step, e.g. {{ $json.id }}. Nothing was sent.',
		);
	}
	return Number(text);
}
