import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { workflowTimeZone } from './dates';
import type { DecimalSeparator } from './money';
import { DECIMAL_SEPARATORS } from './money';
import { fail } from './validation';

/** How an operation reads amounts given as text, and instants given without a zone. */
export interface InputFormat {
	decimalSeparator: DecimalSeparator;
	/** The workflow's time zone (n8n's), for JS Dates. */
	timeZone: string;
}

/** Options → Decimal Separator, on operations that read amounts from text (rows, lines, postings). */
export const decimalSeparatorOption: INodeProperties = {
	displayName: 'Decimal Separator',
	name: 'decimalSeparator',
	type: 'options',
	options: [
		{
			name: 'Auto (Reject Ambiguous)',
			value: 'auto',
			description:
				'"1250.50", "1250,50", "1 234,50", "1,234.50" and "1.234,50" are read; "1,234" and "1.234" are rejected (1234 or 1.234?)',
		},
		{ name: 'Comma', value: 'comma', description: '"1234,5" and "1.234,50" are read; "." only separates thousands' },
		{ name: 'Point', value: 'point', description: '"1234.5" and "1,234.50" are read; "," only separates thousands' },
	],
	default: 'auto',
	description: 'How amounts given as text are read. Amounts given as numbers are not affected.',
};

/** The operation's Decimal Separator option (default Auto) and the workflow's time zone. */
export function readInputFormat(this: IExecuteFunctions, itemIndex: number): InputFormat {
	const decimalSeparator = this.getNodeParameter('options.decimalSeparator', itemIndex, 'auto') as DecimalSeparator;
	if (!DECIMAL_SEPARATORS.includes(decimalSeparator)) {
		fail(
			this.getNode(),
			`Decimal Separator in item ${itemIndex} must be auto, point or comma, not "${String(decimalSeparator)}"`,
			itemIndex,
			'Nothing was sent.',
		);
	}
	return { decimalSeparator, timeZone: workflowTimeZone.call(this) };
}

/** Builds a schema once per input format (a node run reads the same format for most items). */
export function perFormat<T>(build: (format: InputFormat) => T): (format: InputFormat) => T {
	const built = new Map<string, T>();
	return (format) => {
		const key = `${format.decimalSeparator}|${format.timeZone}`;
		let schema = built.get(key);
		if (schema === undefined) {
			schema = build(format);
			built.set(key, schema);
		}
		return schema;
	};
}
