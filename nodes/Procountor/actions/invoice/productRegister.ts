import type { IExecuteFunctions } from 'n8n-workflow';

import type { LookupCache } from '../../../shared/lookupCache';
import { withoutUndefined } from '../../../shared/validation';
import { resolveProduct } from '../../lookups';
import type { InvoicePayload } from './shared';
import { textOf } from './shared';

/** Rows with a product code get the product with exactly that code: its id, and its name/unit/VAT where the row has none. */
export async function matchProducts(this: IExecuteFunctions, cache: LookupCache, invoice: InvoicePayload, itemIndex: number): Promise<InvoicePayload> {
	const rows = [];
	for (const row of invoice.invoiceRows) {
		if (!row.productCode) {
			rows.push(row);
			continue;
		}
		const product = await resolveProduct.call(this, cache, row.productCode, itemIndex);
		if (!product) {
			rows.push(row);
			continue;
		}
		rows.push(
			withoutUndefined({
				...row,
				productId: Number(product.id),
				product: row.product || textOf(product.name) || '',
				unit: row.unit,
				unitPrice: row.unitPrice === undefined && typeof product.price === 'number' ? product.price : row.unitPrice,
				vatPercent: row.vatPercent ?? (typeof product.vat === 'number' ? product.vat : undefined),
			}) as InvoicePayload['invoiceRows'][number],
		);
	}
	return { ...invoice, invoiceRows: rows };
}
