/**
 * Issue 10, part 5: correct inputs or a clear error before any request. Absurd parcel
 * weights, sizes, counts and values fail the item with the field, the item and the bound,
 * and Posti is asked nothing: neither the OAuth token nor the shipping API.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parcelSchema } from '../../../nodes/OmaPostiPro/schemas';

import { CREATE_PICKUP, POSTI_ORIGIN, mockToken, oauthCredential, runPosti, setUpNock, store, tearDownNock } from './helpers';
import { recordStrayRequests } from '../helpers';

beforeEach(setUpNock);
afterEach(tearDownNock);

async function expectRefusedBeforeAnyRequest(parcels: IDataObject[], message: string | RegExp) {
	const token = mockToken();
	const stray = recordStrayRequests(POSTI_ORIGIN);
	const result = await runPosti(
		{ ...CREATE_PICKUP, parcelsSource: 'json', parcelsJson: '={{ $json.parcels }}' },
		{ input: [{ parcels }], credentials: store(oauthCredential) },
	);
	expect(result.error).toBeInstanceOf(NodeOperationError);
	if (typeof message === 'string') expect(result.error?.message).toBe(message);
	else expect(result.error?.message).toMatch(message);
	expect((result.error as { description?: string }).description).toContain('Nothing was sent');
	expect(token.isDone()).toBe(false);
	expect(stray).toEqual([]);
}

describe('OmaPosti Pro Shipment → Create: magnitudes', () => {
	test.each([
		[{ weight: 1e20 }, 'Invalid parcels[0].weight in item 0: is more than 1 000 kg, the largest parcel weight the node sends. Check that the field maps the parcel weight (not an ID, a timestamp or a value in another unit); nothing was sent'],
		[{ weight: 1e308 }, /^Invalid parcels\[0\]\.weight in item 0: is more than 1 000 kg/],
		[{ weight: 1200 }, /^Invalid parcels\[0\]\.weight in item 0: is more than 1 000 kg/],
		[{ weight: 'Infinity' }, 'Invalid parcels[0].weight in item 0: must be a number (kg)'],
		[{ weight: 1, length: 25 }, /^Invalid parcels\[0\]\.length in item 0: is more than 20 m, the largest parcel length/],
		[{ weight: 1, width: 1e20 }, /^Invalid parcels\[0\]\.width in item 0: is more than 20 m/],
		[{ weight: 1, height: 1200 }, /^Invalid parcels\[0\]\.height in item 0: is more than 20 m/],
		[{ weight: 1, count: 5000 }, /^Invalid parcels\[0\]\.count in item 0: is more than 999, the largest number of identical parcels/],
		[{ weight: 1, value: 1e20 }, /^Invalid parcels\[0\]\.value in item 0: 100000000000000000000 is more than 999 999 999\.99/],
		[{ weight: 1, value: 1e308 }, /^Invalid parcels\[0\]\.value in item 0: 1e\+308 is more than 999 999 999\.99/],
		[{ weight: 1, value: '1,234' }, /^Invalid parcels\[0\]\.value in item 0: "1,234" is ambiguous: it could be 1234 or 1\.234/],
		[{ weight: 1, value: -5 }, 'Invalid parcels[0].value in item 0: must not be negative'],
	])('a parcel %p is refused before the token', async (parcel, message) => {
		await expectRefusedBeforeAnyRequest([{ count: 1, ...parcel }], message);
	});

	test('the second parcel is named', async () => {
		await expectRefusedBeforeAnyRequest([{ weight: 1 }, { weight: 1001 }], /^Invalid parcels\[1\]\.weight in item 0: is more than 1 000 kg/);
	});
});

describe('OmaPosti Pro parcel values', () => {
	test.each([
		[12.5, 12.5],
		['12,50', 12.5],
		['1 234,50', 1234.5],
		[0.125, 0.13],
		[999_999_999.99, 999_999_999.99],
	])('%p is sent as %p euros', (value, sent) => {
		expect(parcelSchema.parse({ weight: 1, value }).value).toBe(sent);
	});

	test('weights, sizes and counts at the bounds are accepted', () => {
		expect(parcelSchema.parse({ weight: 1000, length: 20, width: 20, height: 20, count: 999 })).toMatchObject({ weight: 1000, length: 20, count: 999 });
	});
});
