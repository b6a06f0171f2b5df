import type { IExecuteFunctions } from 'n8n-workflow';

import { fail } from '../../../shared/validation';
import { channelProblems } from './channel';
import type { InvoicePayload } from './shared';

/** Something wrong with the invoice, found before anything is sent; the path names the field the user gives. */
export interface Problem {
	path: Array<string | number>;
	message: string;
}

/** Fails the item with the first problem as the message and up to ten listed in the description. */
export function failOnProblems(this: IExecuteFunctions, problems: Problem[], itemIndex: number): void {
	if (!problems.length) return;
	const name = (path: Array<string | number>) => path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
	fail(
		this.getNode(),
		`Invalid ${name(problems[0].path)} in item ${itemIndex}: ${problems[0].message}`,
		itemIndex,
		[...problems.slice(0, 10).map((problem) => `• ${name(problem.path)}: ${problem.message}`), 'Nothing was sent.'].join('\n'),
	);
}

/** Fails the item when the invoice lacks what its channel needs (e.g. an email address for EMAIL). */
export function failOnChannelProblems(this: IExecuteFunctions, invoice: InvoicePayload, itemIndex: number): void {
	const problems = channelProblems(invoice);
	if (!problems.length) return;
	const [first] = problems;
	const path = first.path.join('.');
	fail(
		this.getNode(),
		`${path} in item ${itemIndex} ${first.message} (invoice channel ${invoice.invoiceChannel})`,
		itemIndex,
		[
			...problems.map((problem) => `• ${problem.path.join('.')}: ${problem.message}`),
			'Map the missing data, or choose another Invoice Channel (From the Data picks one the order can satisfy). Nothing was sent.',
		].join('\n'),
	);
}
