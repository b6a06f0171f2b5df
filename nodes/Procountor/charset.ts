import type { IExecuteFunctions } from 'n8n-workflow';

import { fail } from '../shared/validation';
import { describeCharacters, findCharsetViolations, replaceNonWindows1252 } from '../shared/windows1252';

export type CharacterSetMode = 'reject' | 'replace';

/**
 * Procountor accepts only Windows-1252. In "reject" mode the first field with other
 * characters fails the item (nothing is sent); in "replace" mode a cleaned copy is returned.
 */
export function applyCharacterSet<T>(
	this: IExecuteFunctions,
	payload: T,
	mode: CharacterSetMode,
	itemIndex: number,
): T {
	if (mode === 'replace') return replaceNonWindows1252(payload);
	const violations = findCharsetViolations(payload);
	if (violations.length) {
		const [first] = violations;
		fail(
			this.getNode(),
			`${first.path} in item ${itemIndex} has characters Procountor cannot store: ${describeCharacters(first.characters)}`,
			itemIndex,
			[
				...violations.slice(0, 10).map((violation) => `• ${violation.path}: ${describeCharacters(violation.characters)}`),
				'Procountor accepts only the Windows-1252 character set (no emoji, most non-Latin scripts). Remove them at the source, or set the option "Characters Outside Windows-1252" to Replace. Nothing was sent.',
			].join('\n'),
		);
	}
	return payload;
}

export function readCharacterSetMode(this: IExecuteFunctions, itemIndex: number): CharacterSetMode {
	return this.getNodeParameter('options.characterSet', itemIndex, 'reject') === 'replace' ? 'replace' : 'reject';
}
