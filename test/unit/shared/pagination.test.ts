import { fetchPages } from '../../../nodes/shared/pagination';

function source(total: number) {
	const requests: Array<{ offset: number; size: number; pageIndex: number }> = [];
	const fetchPage = async (page: { offset: number; size: number; pageIndex: number }) => {
		requests.push(page);
		const values: number[] = [];
		for (let i = page.offset; i < Math.min(total, page.offset + page.size); i++) values.push(i);
		return values;
	};
	return { requests, fetchPage };
}

describe('fetchPages', () => {
	it('returns all records, fetching each page once', async () => {
		const { requests, fetchPage } = source(2500);
		const values = await fetchPages(fetchPage, { returnAll: true, limit: 0, pageSize: 1000 });
		expect(values).toHaveLength(2500);
		expect(new Set(values).size).toBe(2500);
		expect(requests.map((r) => r.offset)).toEqual([0, 1000, 2000]);
		expect(requests.map((r) => r.pageIndex)).toEqual([0, 1, 2]);
	});

	it('asks for one more page when the last one is exactly full', async () => {
		const { requests, fetchPage } = source(2000);
		await fetchPages(fetchPage, { returnAll: true, limit: 0, pageSize: 1000 });
		expect(requests).toHaveLength(3);
	});

	it('stops at the limit with a page no bigger than the limit', async () => {
		const { requests, fetchPage } = source(5000);
		const values = await fetchPages(fetchPage, { returnAll: false, limit: 5, pageSize: 1000 });
		expect(values).toEqual([0, 1, 2, 3, 4]);
		expect(requests).toEqual([{ offset: 0, pageIndex: 0, size: 5 }]);
	});

	it('walks several pages for a limit above the page size', async () => {
		const { requests, fetchPage } = source(5000);
		const values = await fetchPages(fetchPage, { returnAll: false, limit: 2500, pageSize: 1000 });
		expect(values).toHaveLength(2500);
		expect(requests.map((r) => r.offset)).toEqual([0, 1000, 2000]);
	});
});
