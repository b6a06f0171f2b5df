/**
 * Procountor stores text in the Windows-1252 character set and rejects anything
 * outside it (emoji, most non-Latin scripts). Shop data is checked before it is sent:
 * either rejected with the field named, or cleaned.
 */

/** The 27 printable characters Windows-1252 puts at 0x80-0x9F. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function isWindows1252Char(character: string): boolean {
	const code = character.codePointAt(0) ?? 0;
	if (code <= 0x7f) return true;
	if (code >= 0xa0 && code <= 0xff) return true;
	return CP1252_EXTRA.has(character);
}

/** The characters of `text` outside Windows-1252, each once, in order of appearance. */
export function nonWindows1252Characters(text: string): string[] {
	const found: string[] = [];
	for (const character of text.normalize('NFC')) {
		if (!isWindows1252Char(character) && !found.includes(character)) found.push(character);
	}
	return found;
}

/** Common typographic stand-ins that have a close Windows-1252 equivalent. */
const LOOKALIKES: Record<string, string> = {
	'\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '—', '\u2032': "'", '\u2033': '"', '\u2212': '-', '\u2192': '->',
	'\u2190': '<-', '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~', '\u2026': '…', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ',
};

/**
 * A Windows-1252 version of `text`: letters with a diacritic outside the set lose the
 * diacritic (ő → o, ł kept as ?), compatibility forms are decomposed (ﬁ → fi), other
 * letters become "?", and emoji and other symbols are dropped.
 */
export function toWindows1252(text: string): string {
	let output = '';
	let dropped = false;
	for (const character of text.normalize('NFC')) {
		if (isWindows1252Char(character)) {
			output += character;
			continue;
		}
		if (LOOKALIKES[character] !== undefined) {
			output += LOOKALIKES[character];
			continue;
		}
		const decomposed = character.normalize('NFKD').replace(/\p{M}/gu, '');
		if (decomposed && [...decomposed].every(isWindows1252Char)) {
			output += decomposed;
			continue;
		}
		if (/\p{L}|\p{N}/u.test(character)) {
			output += '?';
		} else {
			// Emoji, pictographs, variation selectors, joiners.
			dropped = true;
		}
	}
	// Dropped symbols leave doubled or trailing spaces behind.
	return dropped ? output.replace(/ {2,}/g, ' ').trim() : output;
}

export interface CharsetViolation {
	/** "invoiceRows[0].product" */
	path: string;
	characters: string[];
}

function joinPath(path: string, key: string | number): string {
	return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** Every string in a JSON-like value whose characters are not all in Windows-1252. */
export function findCharsetViolations(value: unknown, path = ''): CharsetViolation[] {
	if (typeof value === 'string') {
		const characters = nonWindows1252Characters(value);
		return characters.length ? [{ path, characters }] : [];
	}
	if (Array.isArray(value)) return value.flatMap((entry, index) => findCharsetViolations(entry, joinPath(path, index)));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, entry]) => findCharsetViolations(entry, joinPath(path, key)));
	}
	return [];
}

/** Deep copy with every string made Windows-1252. */
export function replaceNonWindows1252<T>(value: T): T {
	if (typeof value === 'string') return toWindows1252(value) as T;
	if (Array.isArray(value)) return value.map((entry) => replaceNonWindows1252(entry) as unknown) as T;
	if (value && typeof value === 'object') {
		const output: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) output[key] = replaceNonWindows1252(entry);
		return output as T;
	}
	return value;
}

/** "U+1F600 😀" for messages, so an invisible character can still be found. */
export function describeCharacters(characters: string[]): string {
	return characters
		.slice(0, 5)
		.map((character) => `"${character}" (U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`)
		.join(', ');
}
