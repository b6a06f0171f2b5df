/** Dropdown sources: VAT defaults, bank accounts, company, invoice templates. */
import type { Router } from '../../framework/router';
import { addRoute, type ProcountorCore } from '../api';
import { VAT_PERCENTAGES, VAT_STATUSES } from '../seed';

export function registerLookupRoutes(router: Router, core: ProcountorCore): void {
	addRoute(router, core, 'GET', '/vats/default', () => ({
		status: 200,
		body: {
			vatInformation: [{ country: 'FINLAND', percentages: VAT_PERCENTAGES.map((vatPercent) => ({ vatPercent, sales: true, purchase: true })) }],
			vatStatuses: VAT_STATUSES.map((s) => ({ ...s })),
		},
	}));
	addRoute(router, core, 'GET', '/vats/settings', () => ({
		status: 200,
		body: { unitPricesIncludeVatSales: false, unitPricesIncludeVatPurchase: false },
	}));
	addRoute(router, core, 'GET', '/bankaccounts', (ctx) => ({
		status: 200,
		body: { bankAccounts: ctx.books.bankAccounts.map((a) => ({ ...a })) },
	}));
	addRoute(router, core, 'GET', '/company', (ctx) => {
		const c = ctx.books.company;
		return {
			status: 200,
			body: { id: c.id, name: c.name, country: 'FINLAND', businessIdentifier: { brnType: 'FI', code: c.businessId }, companyCurrency: 'EUR' },
		};
	});
	addRoute(router, core, 'GET', '/company/invoicetemplates', (ctx) => ({
		status: 200,
		body: ctx.books.invoiceTemplates.map((t) => ({ ...t })),
	}));
}
