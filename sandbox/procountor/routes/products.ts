/**
 * Products. Procountor's `code` filter matches substrings ("KAHVI-250" also finds
 * "KAHVI-250-LUOMU"), so a client that wants one product must compare codes itself.
 */
import type { Router } from '../../framework/router';
import { addRoute, orderById, type ProcountorCore } from '../api';
import { invalid, notFound } from '../errors';
import { publicView, type Rec } from '../state';

const basic = (p: Rec) => ({ id: p.id, code: p.code, name: p.name, type: p.type, price: p.price, unit: p.unit, vat: p.vat, active: p.active });

export function registerProductRoutes(router: Router, core: ProcountorCore): void {
	addRoute(router, core, 'GET', '/products', (ctx) => {
		const code = ctx.q('code')?.toLowerCase();
		const name = ctx.q('name')?.toLowerCase();
		const type = ctx.q('type');
		if (type && !['SALES', 'PURCHASE'].includes(type)) throw invalid([{ field: 'type', message: `Invalid value: ${type}` }]);
		const active = ctx.bool('active');
		const matches = [...ctx.books.products.values()].filter(
			(p) =>
				(!code || String(p.code).toLowerCase().includes(code)) &&
				(!name || String(p.name).toLowerCase().includes(name)) &&
				(!type || p.type === type) &&
				(active === undefined || p.active === active),
		);
		return ctx.page(orderById(ctx, matches), basic);
	});
	addRoute(router, core, 'GET', '/products/{ids}', (ctx) => {
		const ids = ctx.pathIds('ids');
		const found = ids.map((id) => {
			const p = ctx.books.products.get(id);
			if (!p) throw notFound(`Product ${id} not found`);
			return publicView(p);
		});
		return { status: 200, body: ids.length === 1 ? found[0] : found };
	});
}
