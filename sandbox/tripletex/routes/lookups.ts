/** Chart of accounts, VAT and voucher types, payment types and other reference data. */
import type { Router } from '../../framework/router';
import { addRoute, type RequestContext, type TripletexCore } from '../api';
import { validationFailed, type ValidationMessage } from '../errors';
import { legalVatNumbers, NO_VAT_ID } from '../seed';
import { refId, type Rec } from '../state';

const contains = (haystack: unknown, needle: string) => String(haystack ?? '').toLowerCase().includes(needle.toLowerCase());

/** `id=1,2` filter shared by most list endpoints. */
function byIds(ctx: RequestContext, records: Rec[], param = 'id'): Rec[] {
	const ids = ctx.query.idList(param);
	return ids ? records.filter((r) => ids.includes(r.id)) : records;
}

function equalsIfGiven<T>(wanted: T | undefined, actual: unknown): boolean {
	return wanted === undefined || wanted === actual;
}

const VAT_TYPE_FILTER: Record<string, (direction: string, number: string) => boolean> = {
	OUTGOING: (d) => d === 'OUTGOING',
	INCOMING: (d) => d === 'INCOMING',
	INCOMING_INVOICE: (d, n) => d === 'INCOMING' || n === '0',
	PROJECT: (d) => d === 'OUTGOING',
	LEDGER: () => true,
};

export function registerLookupRoutes(router: Router, core: TripletexCore): void {
	addRoute(router, core, 'GET', '/ledger/account', (ctx) => {
		const numbers = ctx.query.list('number');
		const q = ctx.query;
		const accounts = byIds(ctx, ctx.books.all('Account')).filter(
			(a) =>
				(!numbers || numbers.includes(String(a.number))) &&
				equalsIfGiven(q.bool('isBankAccount'), a.isBankAccount) &&
				equalsIfGiven(q.bool('isInactive'), a.isInactive) &&
				equalsIfGiven(q.bool('isApplicableForSupplierInvoice'), a.isApplicableForSupplierInvoice) &&
				equalsIfGiven(q.string('ledgerType'), a.ledgerType) &&
				equalsIfGiven(q.string('saftCode'), a.saftCode) &&
				(q.bool('isBalanceAccount') === undefined || q.bool('isBalanceAccount') === (a.number as number) < 3000),
		);
		return ctx.list('Account', accounts.sort((a, b) => (a.number as number) - (b.number as number)));
	});

	addRoute(router, core, 'GET', '/ledger/account/{id}', (ctx) => ctx.single('Account', ctx.find('Account', ctx.pathId())));

	addRoute(router, core, 'POST', '/ledger/account', (ctx) => {
		const body = ctx.body;
		const messages: ValidationMessage[] = [];
		const number = body.number;
		if (typeof number !== 'number') messages.push({ field: 'number', message: 'Feltet må fylles ut.' });
		else if (ctx.books.all('Account').some((a) => a.number === number)) {
			messages.push({ field: 'number', message: `Kontonummeret ${number} er i bruk.` });
		}
		if (typeof body.name !== 'string' || body.name.trim() === '') messages.push({ field: 'name', message: 'Feltet må fylles ut.' });
		const vatTypeId = body.vatType ? refId(body.vatType) : NO_VAT_ID;
		if (!ctx.books.get('VatType', vatTypeId)) messages.push({ field: 'vatType.id', message: 'Mva-koden finnes ikke.' });
		if (messages.length) throw validationFailed(messages);
		const account = ctx.books.insert('Account', {
			number,
			numberPretty: String(number),
			name: body.name,
			description: typeof body.description === 'string' ? body.description : '',
			type: null,
			legalVatTypes: legalVatNumbers(number as number).map((n) => ({
				id: ctx.books.all('VatType').find((v) => v.number === n)!.id,
			})),
			ledgerType: typeof body.ledgerType === 'string' ? body.ledgerType : 'GENERAL',
			vatType: { id: vatTypeId },
			vatLocked: body.vatLocked === true,
			isInactive: body.isInactive === true,
			isBankAccount: body.isBankAccount === true,
			bankAccountNumber: typeof body.bankAccountNumber === 'string' ? body.bankAccountNumber : '',
			displayName: `${String(number)} ${String(body.name)}`,
			requiresDepartment: false,
			requiresProject: false,
			isPostingsExist: false,
		});
		ctx.publish('account.create', account);
		return ctx.single('Account', account, 201);
	});

	addRoute(router, core, 'GET', '/ledger/vatType', (ctx) => {
		const numbers = ctx.query.list('number');
		const typeOfVat = ctx.query.string('typeOfVat');
		const vatTypes = byIds(ctx, ctx.books.all('VatType')).filter(
			(v) =>
				(!numbers || numbers.includes(v.number as string)) &&
				(!typeOfVat || VAT_TYPE_FILTER[typeOfVat](v._direction as string, v.number as string)),
		);
		return ctx.list('VatType', vatTypes);
	});

	addRoute(router, core, 'GET', '/ledger/vatType/{id}', (ctx) => ctx.single('VatType', ctx.find('VatType', ctx.pathId())));

	addRoute(router, core, 'GET', '/ledger/voucherType', (ctx) => {
		const name = ctx.query.string('name');
		return ctx.list('VoucherType', ctx.books.all('VoucherType').filter((t) => !name || contains(t.name, name)));
	});

	addRoute(router, core, 'GET', '/ledger/voucherType/{id}', (ctx) =>
		ctx.single('VoucherType', ctx.find('VoucherType', ctx.pathId())),
	);

	addRoute(router, core, 'GET', '/invoice/paymentType', (ctx) => {
		const description = ctx.query.string('description');
		const query = ctx.query.string('query');
		const types = byIds(ctx, ctx.books.all('PaymentType')).filter(
			(t) => (!description || contains(t.description, description)) && (!query || contains(t.description, query)),
		);
		return ctx.list('PaymentType', types);
	});

	addRoute(router, core, 'GET', '/invoice/paymentType/{id}', (ctx) =>
		ctx.single('PaymentType', ctx.find('PaymentType', ctx.pathId())),
	);

	addRoute(router, core, 'GET', '/currency', (ctx) => {
		const code = ctx.query.string('code');
		return ctx.list('Currency', byIds(ctx, ctx.books.all('Currency')).filter((c) => !code || c.code === code));
	});
	addRoute(router, core, 'GET', '/currency/{id}', (ctx) => ctx.single('Currency', ctx.find('Currency', ctx.pathId())));

	addRoute(router, core, 'GET', '/supplier', (ctx) => {
		const q = ctx.query;
		const numbers = q.list('supplierNumber');
		const suppliers = byIds(ctx, ctx.books.all('Supplier')).filter(
			(s) =>
				(!numbers || numbers.includes(String(s.supplierNumber))) &&
				equalsIfGiven(q.string('organizationNumber'), s.organizationNumber) &&
				equalsIfGiven(q.string('email'), s.email) &&
				equalsIfGiven(q.bool('isInactive') ?? false, s.isInactive),
		);
		return ctx.list('Supplier', suppliers);
	});
	addRoute(router, core, 'GET', '/supplier/{id}', (ctx) => ctx.single('Supplier', ctx.find('Supplier', ctx.pathId())));

	addRoute(router, core, 'GET', '/employee', (ctx) => {
		const q = ctx.query;
		const employees = byIds(ctx, ctx.books.all('Employee')).filter(
			(e) =>
				equalsIfGiven(q.string('firstName'), e.firstName) &&
				equalsIfGiven(q.string('lastName'), e.lastName) &&
				equalsIfGiven(q.string('email'), e.email) &&
				equalsIfGiven(q.string('employeeNumber'), e.employeeNumber),
		);
		return ctx.list('Employee', employees);
	});
	addRoute(router, core, 'GET', '/employee/{id}', (ctx) => ctx.single('Employee', ctx.find('Employee', ctx.pathId())));
}
