/**
 * Label text. Posti labels print only Western (Latin-1, Latin Extended) and Cyrillic
 * characters; the sandbox's PDF font (Helvetica, WinAnsi) has Latin-1 only, so the label
 * shows Cyrillic and Latin Extended transliterated.
 */

/** The first character a Posti label cannot print, or undefined. */
export function firstUnprintable(text: string): string | undefined {
	for (const ch of text) {
		const code = ch.codePointAt(0)!;
		if (code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') return ch;
		if (code <= 0x024f) continue; // Basic Latin, Latin-1, Latin Extended-A and -B
		if (code >= 0x0400 && code <= 0x052f) continue; // Cyrillic and Cyrillic Supplement
		if (code >= 0x2010 && code <= 0x2044) continue; // dashes, quotes, bullets, ellipsis
		if (code === 0x20ac || code === 0x2116) continue; // € and №
		return ch;
	}
	return undefined;
}

export interface CharsetProblem {
	field: string;
	char: string;
}

/** Every string in a JSON value with a character a label cannot print, by field path. */
export function findUnprintable(value: unknown, path = ''): CharsetProblem[] {
	if (typeof value === 'string') {
		const char = firstUnprintable(value);
		return char === undefined ? [] : [{ field: path, char }];
	}
	if (Array.isArray(value)) return value.flatMap((v, i) => findUnprintable(v, `${path}[${i}]`));
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => findUnprintable(v, path ? `${path}.${k}` : k));
	}
	return [];
}

export function codePointLabel(ch: string): string {
	return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Russian/Ukrainian/Bulgarian Cyrillic to Latin (a simple, readable scheme close to ICAO 9303). */
const CYRILLIC: Record<string, string> = {
	а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i',
	й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh',
	ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', ђ: 'dj', ј: 'j', љ: 'lj',
	њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'g', ќ: 'k', ѕ: 'dz',
};

/** Latin Extended letters without a Unicode decomposition. */
const LATIN_EXTRA: Record<string, string> = {
	Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', Œ: 'OE', œ: 'oe', ı: 'i', Ŋ: 'N', ŋ: 'n', Ŧ: 'T', ŧ: 't', ĸ: 'k', ſ: 's',
};

const PUNCTUATION: Record<string, string> = {
	'‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '‘': "'", '’': "'", '‚': ',', '“': '"', '”': '"', '„': '"',
	'•': '*', '…': '...', '€': 'EUR', '№': 'No',
};

function transliterateChar(ch: string): string {
	const code = ch.codePointAt(0)!;
	if (code <= 0xff) return ch;
	const lower = ch.toLowerCase();
	if (lower in CYRILLIC) {
		const latin = CYRILLIC[lower];
		if (ch === lower || latin === '') return latin;
		return latin.charAt(0).toUpperCase() + latin.slice(1);
	}
	if (ch in LATIN_EXTRA) return LATIN_EXTRA[ch];
	if (ch in PUNCTUATION) return PUNCTUATION[ch];
	// Š -> S, ő -> o, ǎ -> a ... : drop the combining marks.
	const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	if (base !== ch && [...base].every((c) => c.codePointAt(0)! <= 0xff)) return base;
	return '?';
}

/** Text the PDF font can show: Latin-1 as it is, Cyrillic and Latin Extended transliterated. */
export function labelText(text: string): string {
	return [...text].map(transliterateChar).join('');
}
