import type { IExecuteFunctions } from 'n8n-workflow';

import { readNumericId } from '../../ids';

/** The internal ID, not the invoice number customers see. */
export function readInvoiceId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'invoiceId', 'Invoice ID', itemIndex);
}
