/**
 * Scenario 2: N Tripletex vouchers, each looked up by its external reference before it is
 * created (duplicate protection), with the account and VAT-code lookups they need.
 *
 * (a) Tripletex node, Voucher → Create (Skip If It Already Exists, postings from JSON).
 * (b) HTTP Request nodes as Tripletex's docs lead there: per item a session
 *     (PUT /token/session/:create), GET the two accounts and the VAT type by number, GET the
 *     voucher by external reference, IF none, POST /ledger/voucher with Basic auth (0:token).
 * (c) undici: one session, the accounts and VAT types once, then per item the lookup and the POST.
 */
import { OWN_COMPANY_ID } from '../../../sandbox/tripletex/seed';
import { TRIPLETEX_ROUTES } from '../measure';
import { tripletexSessionStep } from './tripletexSession';
import type { BenchEnv, RunSpec, Scenario } from '../types';
import { chainWorkflow, httpRequest, ifEquals, SPLIT_NODE } from '../workflows';

export interface VoucherItem {
	date: string;
	description: string;
	reference: string;
	debitAccount: number;
	creditAccount: number;
	vatCode: string;
	amount: number;
	/** The same voucher as the package's Postings (JSON) takes it. */
	postings: Array<{ account: number; amount: number; vatCode?: string; description: string }>;
}

const SALES = [
	{ account: 3000, vatCode: '3' },
	{ account: 3000, vatCode: '31' },
	{ account: 3200, vatCode: '6' },
];
const SETTLEMENTS = [1920, 1900];

export function voucherItems(count: number, tag: string): VoucherItem[] {
	return Array.from({ length: count }, (_, index) => {
		const sale = SALES[index % SALES.length];
		const debitAccount = SETTLEMENTS[index % SETTLEMENTS.length];
		const amount = 100 + (index % 900) + 0.5;
		const day = String(1 + (index % 28)).padStart(2, '0');
		return {
			date: `2026-03-${day}`,
			description: `Web-store order ${index + 1}`,
			reference: `bench-${tag}-${index + 1}`,
			debitAccount,
			creditAccount: sale.account,
			vatCode: sale.vatCode,
			amount,
			postings: [
				{ account: debitAccount, amount, description: 'Settlement' },
				{ account: sale.account, amount: -amount, vatCode: sale.vatCode, description: 'Sales' },
			],
		};
	});
}

const item = (field: string) => `$('${SPLIT_NODE}').item.json.${field}`;
const basicAuth = `=Basic {{ ('0:' + $('Create session').item.json.value.token).base64Encode() }}`;

function packageWorkflow(env: BenchEnv, path: string, concurrency: number) {
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			{
				name: 'Create voucher',
				type: 'n8n-nodes-nordic-commerce.tripletex',
				typeVersion: 1,
				parameters: {
					resource: 'voucher',
					operation: 'create',
					date: '={{ $json.date }}',
					description: '={{ $json.description }}',
					externalVoucherNumber: '={{ $json.reference }}',
					skipIfExists: true,
					postingsSource: 'json',
					postingsJson: '={{ JSON.stringify($json.postings) }}',
					options: { concurrency },
				},
				credentials: { tripletexApi: env.freshCredential('tripletex') },
			},
		],
		'id',
	);
}

function httpRequestWorkflow(env: BenchEnv, path: string) {
	const base = env.sandbox.tripletex.baseUrl;
	const find = (name: string, endpoint: string, query: Record<string, string>) =>
		httpRequest({ name, method: 'GET', url: `${base}${endpoint}`, headers: { Authorization: basicAuth }, query });
	const body = `={{ JSON.stringify({
  date: ${item('date')},
  description: ${item('description')},
  externalVoucherNumber: ${item('reference')},
  postings: [
    { row: 1, description: 'Settlement', account: { id: $('Find debit account').item.json.values[0].id },
      amountGross: ${item('amount')}, amountGrossCurrency: ${item('amount')} },
    { row: 2, description: 'Sales', account: { id: $('Find credit account').item.json.values[0].id },
      vatType: { id: $('Find VAT type').item.json.values[0].id },
      amountGross: -${item('amount')}, amountGrossCurrency: -${item('amount')} }
  ]
}) }}`;
	return chainWorkflow(
		`bench ${path}`,
		path,
		[
			tripletexSessionStep(base),
			find('Find debit account', '/ledger/account', { number: `={{ ${item('debitAccount')} }}` }),
			find('Find credit account', '/ledger/account', { number: `={{ ${item('creditAccount')} }}` }),
			find('Find VAT type', '/ledger/vatType', { number: `={{ ${item('vatCode')} }}` }),
			find('Find voucher by reference', '/ledger/voucher/>externalVoucherNumber', { externalVoucherNumber: `={{ ${item('reference')} }}` }),
			ifEquals('Not booked yet', '={{ $json.values.length }}', 0),
			httpRequest({
				name: 'Post voucher',
				method: 'POST',
				url: `${base}/ledger/voucher`,
				headers: { Authorization: basicAuth },
				query: { sendToLedger: 'true' },
				jsonBody: body,
			}),
		],
		'value.id',
	);
}

export const tripletexVouchers = (count: number, withDefaultConcurrency: boolean): Scenario => ({
	key: 'tripletex-vouchers',
	title: `${count} Tripletex vouchers, lookup before create, account and VAT lookups`,
	vendor: 'tripletex',
	routes: TRIPLETEX_ROUTES,
	basePath: '/v2',
	// Accounts 1920, 1900, 3000, 3200 and VAT codes 3, 31, 6.
	distinctReferences: SETTLEMENTS.length + new Set(SALES.map((s) => s.account)).size + SALES.length,
	created: (env) => env.sandbox.tripletex.emulator.booksFor(OWN_COMPANY_ID).all('Voucher').length,
	runs(env): RunSpec[] {
		const base = env.sandbox.tripletex.baseUrl;
		const runs: RunSpec[] = [
			{
				variant: 'a',
				label: `package node, Concurrency ${env.concurrency}`,
				workflow: packageWorkflow(env, 'bench-tx-vouchers-a', env.concurrency),
				items: voucherItems(count, 'a'),
				expected: count,
				size: count,
			},
			{
				variant: 'b',
				label: 'HTTP Request nodes, session + lookups per item',
				workflow: httpRequestWorkflow(env, 'bench-tx-vouchers-b'),
				items: voucherItems(count, 'b'),
				expected: count,
				size: count,
			},
			{
				variant: 'c',
				label: `undici loop, cached session, concurrency ${env.concurrency}`,
				floor: { kind: 'tripletexVouchers', baseUrl: base, items: voucherItems(count, 'c'), concurrency: env.concurrency },
				expected: count,
				size: count,
			},
		];
		if (withDefaultConcurrency && env.concurrency !== 1) {
			runs.push({
				variant: 'a',
				label: 'package node, Concurrency 1 (the default)',
				workflow: packageWorkflow(env, 'bench-tx-vouchers-a1', 1),
				items: voucherItems(count, 'a1'),
				expected: count,
				size: count,
				extra: true,
			});
		}
		return runs;
	},
});
