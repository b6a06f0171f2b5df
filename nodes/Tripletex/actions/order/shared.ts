import type { IExecuteFunctions } from 'n8n-workflow';

import { readNumericId } from '../../ids';

export function readOrderId(this: IExecuteFunctions, itemIndex: number): number {
	return readNumericId.call(this, 'orderId', 'Order ID', itemIndex);
}
