/**
 * Scenario 4: Voucher → Get Many with Return All over N seeded Tripletex vouchers: time, peak
 * RSS and whether any page is fetched twice. (a) also runs at N/4 and N/2, so the report can
 * show how peak RSS grows with the items returned (bytes per item).
 *
 * (a) Tripletex node, Voucher → Get Many, Return All (pages of 1000).
 * (b) HTTP Request: a session, then GET /ledger/voucher with n8n's pagination (from =
 *     $pageCount × 1000, complete when a page has fewer than 1000), Split Out the values.
 * (c) undici: one session, pages of 1000 until a short page, every value kept in memory.
 */
import { addDays } from '../../../sandbox/tripletex/dates';
import { seedPostedVouchers } from '../../../sandbox/tripletex/bulk';
import { TRIPLETEX_ROUTES } from '../measure';
import { tripletexSessionStep } from './tripletexSession';
import type { BenchEnv, RunSpec, Scenario } from '../types';
import { chainWorkflow, httpRequest, SPLIT_NODE } from '../workflows';

const FIRST_DATE = '2025-01-01';
const DAYS = 100;
const PAGE = 1000;

/** The date range (inclusive last day) holding the first `days` days of seeded vouchers. */
function range(days: number) {
	return { dateFrom: FIRST_DATE, dateTo: addDays(FIRST_DATE, days - 1), dateToExclusive: addDays(FIRST_DATE, days) };
}

function packageWorkflow(env: BenchEnv, path: string) {
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			{
				name: 'Get vouchers',
				type: 'n8n-nodes-nordic-commerce.tripletex',
				typeVersion: 1,
				parameters: {
					resource: 'voucher',
					operation: 'getMany',
					dateFrom: '={{ $json.dateFrom }}',
					dateTo: '={{ $json.dateTo }}',
					returnAll: true,
					filters: {},
				},
				credentials: { tripletexApi: env.freshCredential('tripletex') },
			},
		],
		'id',
	);
}

function httpRequestWorkflow(env: BenchEnv, path: string) {
	const base = env.sandbox.tripletex.baseUrl;
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			tripletexSessionStep(base),
			httpRequest({
				name: 'Get vouchers',
				method: 'GET',
				url: `${base}/ledger/voucher`,
				headers: { Authorization: `=Basic {{ ('0:' + $json.value.token).base64Encode() }}` },
				query: {
					dateFrom: `={{ $('${SPLIT_NODE}').item.json.dateFrom }}`,
					dateTo: `={{ $('${SPLIT_NODE}').item.json.dateToExclusive }}`,
					count: String(PAGE),
				},
				options: {
					pagination: {
						pagination: {
							paginationMode: 'updateAParameterInEachRequest',
							parameters: { parameters: [{ type: 'qs', name: 'from', value: `={{ $pageCount * ${PAGE} }}` }] },
							paginationCompleteWhen: 'other',
							completeExpression: `={{ $response.body.values.length < ${PAGE} }}`,
							limitPagesFetched: false,
							requestInterval: 0,
						},
					},
				},
			}),
			{
				name: 'Vouchers',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				parameters: { fieldToSplitOut: 'values', include: 'noOtherFields', options: {} },
			},
		],
		'id',
	);
}

export const tripletexGetMany = (count: number): Scenario => ({
	key: 'tripletex-get-many',
	title: `Get Many, Return All over ${count.toLocaleString('en-US')} Tripletex vouchers`,
	vendor: 'tripletex',
	routes: TRIPLETEX_ROUTES,
	basePath: '/v2',
	distinctReferences: 0,
	prepare(env) {
		seedPostedVouchers(env.sandbox.tripletex.emulator, { count, firstDate: FIRST_DATE, perDay: Math.ceil(count / DAYS) });
	},
	runs(env): RunSpec[] {
		const sized = (days: number, label: string, extra: boolean): RunSpec => ({
			variant: 'a',
			label,
			workflow: packageWorkflow(env, `bench-tx-getmany-a${days}`),
			items: [range(days)],
			expected: Math.min(count, Math.ceil(count / DAYS) * days),
			size: Math.min(count, Math.ceil(count / DAYS) * days),
			extra,
		});
		const all = range(DAYS);
		return [
			sized(DAYS / 4, `package node, ${(count / 4).toLocaleString('en-US')} vouchers`, true),
			sized(DAYS / 2, `package node, ${(count / 2).toLocaleString('en-US')} vouchers`, true),
			sized(DAYS, 'package node, Return All', false),
			{
				variant: 'b',
				label: 'HTTP Request with pagination + Split Out',
				workflow: httpRequestWorkflow(env, 'bench-tx-getmany-b'),
				items: [all],
				expected: count,
				size: count,
			},
			{
				variant: 'c',
				label: 'undici page loop, values kept',
				floor: { kind: 'tripletexPages', baseUrl: env.sandbox.tripletex.baseUrl, dateFrom: all.dateFrom, dateToExclusive: all.dateToExclusive, pageSize: PAGE },
				expected: count,
				size: count,
			},
		];
	},
});
