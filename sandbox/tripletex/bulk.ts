/**
 * Bulk seeding for benchmarks: many posted vouchers in one call, in process, without going
 * through HTTP (100,000 vouchers take a few seconds). Each voucher is booked by the same rules
 * as POST /ledger/voucher (two postings: a bank debit and a sales credit without VAT).
 *
 *   seedPostedVouchers(sandbox.tripletex.emulator, { count: 100_000, firstDate: '2025-01-01', perDay: 1000 });
 */
import { addDays } from './dates';
import { bookVoucher, draftFromBody } from './bookkeeping';
import type { TripletexEmulator } from './emulator';
import { OWN_COMPANY_ID } from './seed';

export interface BulkVoucherOptions {
	count: number;
	/** Date of the first voucher (YYYY-MM-DD). */
	firstDate: string;
	/** Vouchers per day; the date advances by one day after each `perDay` vouchers. */
	perDay: number;
	companyId?: number;
	/** Prefix of each voucher's externalVoucherNumber (`<prefix><index>`). */
	referencePrefix?: string;
}

export interface BulkVoucherResult {
	count: number;
	firstDate: string;
	/** Date of the last voucher. */
	lastDate: string;
}

export function seedPostedVouchers(emulator: TripletexEmulator, options: BulkVoucherOptions): BulkVoucherResult {
	if (!Number.isInteger(options.count) || options.count < 0) throw new Error('count must be a whole number >= 0');
	if (!Number.isInteger(options.perDay) || options.perDay < 1) throw new Error('perDay must be a whole number >= 1');
	const books = emulator.booksFor(options.companyId ?? OWN_COMPANY_ID);
	const bank = books.all('Account').find((account) => account.number === 1920);
	const sales = books.all('Account').find((account) => account.number === 3200);
	if (!bank || !sales) throw new Error('the seed has no accounts 1920 and 3200');
	const prefix = options.referencePrefix ?? 'bulk-';
	let date = options.firstDate;
	for (let index = 0; index < options.count; index++) {
		if (index > 0 && index % options.perDay === 0) date = addDays(date, 1);
		const amount = 100 + (index % 900);
		const draft = draftFromBody(books, {
			date,
			description: `Bulk voucher ${index + 1}`,
			externalVoucherNumber: `${prefix}${index + 1}`,
			postings: [
				{ row: 1, account: { id: bank.id }, amountGross: amount, amountGrossCurrency: amount },
				{ row: 2, account: { id: sales.id }, amountGross: -amount, amountGrossCurrency: -amount },
			],
		});
		bookVoucher(books, draft, true);
	}
	return { count: options.count, firstDate: options.firstDate, lastDate: date };
}
