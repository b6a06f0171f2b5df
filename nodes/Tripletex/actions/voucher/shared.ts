import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { LookupMatch } from '../../../shared/lookup';
import { activeOrFail, pickMatch, sameText, textOf } from '../../../shared/lookup';
import { readNumericId } from '../../ids';
import { readTripletexList } from '../../lookups';

const VOUCHER_LOOKUP_FIELDS = '*,reverseVoucher(id,number,numberAsString,date)';

/**
 * Every voucher whose externalVoucherNumber equals the reference (trimmed, case-sensitive),
 * all pages read. A voucher with `reverseVoucher` set was reversed (or is the reversal of
 * one): its state is `reversed`. An active voucher wins over a reversed one.
 */
export async function lookupVoucherByExternalNumber(
	this: IExecuteFunctions,
	externalVoucherNumber: string,
	itemIndex: number,
): Promise<LookupMatch | undefined> {
	const vouchers = await readTripletexList.call(
		this,
		'/ledger/voucher/%3EexternalVoucherNumber',
		{ externalVoucherNumber, fields: VOUCHER_LOOKUP_FIELDS },
		itemIndex,
		`vouchers with External Voucher Number "${externalVoucherNumber}"`,
	);
	return pickMatch(
		vouchers
			.filter((voucher) => sameText(voucher.externalVoucherNumber, externalVoucherNumber))
			.map((voucher): LookupMatch => {
				const reversal = voucher.reverseVoucher as IDataObject | null | undefined;
				if (!reversal) return { record: voucher, state: 'active' };
				const name = textOf(reversal.numberAsString) || textOf(reversal.number) || `id ${textOf(reversal.id)}`;
				const date = textOf(reversal.date);
				return { record: voucher, state: 'reversed', detail: `voucher ${name}${date ? ` dated ${date}` : ''}` };
			}),
	);
}

/**
 * The `find` of Voucher → Create: the active voucher with this reference, or undefined.
 * A reversed one fails the item: booking again silently could undo the accountant's
 * reversal, and "already exists" would claim the voucher still stands.
 */
export async function findVoucherByExternalNumber(
	this: IExecuteFunctions,
	externalVoucherNumber: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const match = await lookupVoucherByExternalNumber.call(this, externalVoucherNumber, itemIndex);
	return activeOrFail(this.getNode(), match, itemIndex, ({ record, detail }) => ({
		message: `Voucher ${textOf(record.numberAsString) || textOf(record.number)} (id ${textOf(record.id)}) with External Voucher Number "${externalVoucherNumber}" was reversed (see ${detail ?? 'its reversal'}); nothing was booked`,
		description:
			'A reversed voucher is not booked again under the same reference, and it does not count as existing. To book this again, give it a new External Voucher Number.',
	}));
}

/** Tripletex ids are positive integers; anything else would hit another endpoint. */
export function readVoucherId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'voucherId', 'Voucher ID', itemIndex);
}
