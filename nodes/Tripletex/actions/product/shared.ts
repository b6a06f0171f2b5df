import type { IExecuteFunctions } from 'n8n-workflow';

import { readNumericId } from '../../ids';

export function readProductId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'productId', 'Product ID', itemIndex);
}
