import { findCharsetViolations, isWindows1252Char, nonWindows1252Characters, replaceNonWindows1252, toWindows1252 } from '../../../nodes/shared/windows1252';

describe('Windows-1252', () => {
	test('Finnish, Swedish and the 0x80-0x9F characters are in; emoji, Cyrillic and ő are out', () => {
		for (const character of ['ä', 'ö', 'å', 'Ä', '€', '–', '“', '”', 'Š', 'ž', 'Ÿ', '™', 'é', 'ß']) expect(isWindows1252Char(character)).toBe(true);
		expect(nonWindows1252Characters('Coffee ☕ Москва ő 😀')).toEqual(['☕', 'М', 'о', 'с', 'к', 'в', 'а', 'ő', '😀']);
	});

	test('replacement drops symbols, strips foreign accents, decomposes ligatures, marks letters', () => {
		expect(toWindows1252('Kahvila Őrs 🎉')).toBe('Kahvila Ors');
		expect(toWindows1252('ﬁne − ok')).toBe('fine - ok');
		expect(toWindows1252('Łódź')).toBe('?ódz');
		expect(toWindows1252('Mänty  Oy')).toBe('Mänty  Oy');
		expect(toWindows1252('👍🏽 ok')).toBe('ok');
	});

	test('violations name the field path; replacement walks the whole payload', () => {
		const payload = { counterParty: { counterPartyAddress: { name: 'Oy ✓' } }, invoiceRows: [{ product: 'ok' }, { product: 'cup ☕' }], quantity: 2 };
		expect(findCharsetViolations(payload)).toEqual([
			{ path: 'counterParty.counterPartyAddress.name', characters: ['✓'] },
			{ path: 'invoiceRows[1].product', characters: ['☕'] },
		]);
		expect(replaceNonWindows1252(payload)).toEqual({ counterParty: { counterPartyAddress: { name: 'Oy' } }, invoiceRows: [{ product: 'ok' }, { product: 'cup' }], quantity: 2 });
	});
});
