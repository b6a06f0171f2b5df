import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readNumericId } from '../../ids';
import { tripletexRequest } from '../../transport';

/** Exact match on Tripletex's externalVoucherNumber; undefined when there is none. */
export async function findVoucherByExternalNumber(
	this: IExecuteFunctions,
	externalVoucherNumber: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const page = (await tripletexRequest.call(this, 'GET', '/ledger/voucher/%3EexternalVoucherNumber', {
		qs: { externalVoucherNumber, count: 10 },
		itemIndex,
	})) as { values?: IDataObject[] };
	return (page.values ?? []).find((voucher) => voucher.externalVoucherNumber === externalVoucherNumber);
}

/** Tripletex ids are positive integers; anything else would hit another endpoint. */
export function readVoucherId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'voucherId', 'Voucher ID', itemIndex);
}
