/**
 * A tiny web store for templates that call the store back ("mark the order paid"), mounted on
 * an emulator's port under `/store` (no auth; a real store wants its own credential):
 *
 *   POST /store/orders/{orderNumber}/paid   {invoiceId?, invoiceNumber?, status?, amount?, currency?, paymentDate?}
 *        → 200 {orderNumber, status: "paid", paidCalls}
 *   GET  /store/orders/{orderNumber}        → 200 the order, or 404 {message}
 *
 * Marking an order paid twice keeps it paid; every call is counted (`paidCalls`), so a test
 * can prove a workflow called the store exactly once per payment. State: `snapshot()` gives
 * `{orders, paidCalls}` (the emulator's state section `store`).
 */
import type { Router } from '../framework/router';
import type { SandboxRequest, SandboxResponse } from '../framework/types';

export const WEB_STORE_PREFIX = '/store';

type Obj = Record<string, unknown>;

export interface StoreOrder {
	orderNumber: string;
	status: 'paid';
	/** How many "paid" calls the order got. */
	paidCalls: number;
	/** The last call's body. */
	payment: Obj;
}

export interface StorePaidCall {
	orderNumber: string;
	at: string;
	body: Obj;
}

const json = (status: number, body: unknown): SandboxResponse => ({ status, headers: { 'content-type': 'application/json' }, body });

export class WebStore {
	private orders = new Map<string, StoreOrder>();
	private calls: StorePaidCall[] = [];

	constructor(private readonly now: () => number) {}

	mount(router: Router): void {
		router.add('POST', `${WEB_STORE_PREFIX}/orders/{orderNumber}/paid`, (req) => this.markPaid(req));
		router.add('GET', `${WEB_STORE_PREFIX}/orders/{orderNumber}`, (req) => {
			const order = this.orders.get(req.params.orderNumber ?? '');
			return order ? json(200, structuredClone(order)) : json(404, { message: `Order ${req.params.orderNumber} not found` });
		});
	}

	private markPaid(req: SandboxRequest): SandboxResponse {
		const orderNumber = (req.params.orderNumber ?? '').trim();
		if (!orderNumber) return json(400, { message: 'The order number is missing from the path' });
		let body: Obj = {};
		if (req.body.kind === 'json') {
			if (!req.body.value || typeof req.body.value !== 'object' || Array.isArray(req.body.value)) return json(400, { message: 'The body must be a JSON object' });
			body = req.body.value as Obj;
		} else if (req.body.kind !== 'empty') {
			return json(415, { message: 'Send the payment as application/json' });
		}
		const order = this.orders.get(orderNumber) ?? { orderNumber, status: 'paid' as const, paidCalls: 0, payment: {} };
		order.paidCalls += 1;
		order.payment = structuredClone(body);
		this.orders.set(orderNumber, order);
		this.calls.push({ orderNumber, at: new Date(this.now()).toISOString(), body: structuredClone(body) });
		return json(200, { orderNumber, status: order.status, paidCalls: order.paidCalls });
	}

	reset(): void {
		this.orders = new Map();
		this.calls = [];
	}

	snapshot(): { orders: StoreOrder[]; paidCalls: StorePaidCall[] } {
		return { orders: [...this.orders.values()].map((order) => structuredClone(order)), paidCalls: structuredClone(this.calls) };
	}
}
