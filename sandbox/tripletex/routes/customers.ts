import type { Router } from '../../framework/router';
import { addRoute, type RequestContext, type TripletexCore } from '../api';
import { revisionConflict, validationFailed, type ValidationMessage } from '../errors';
import { isValidOrganizationNumber } from '../org-number';
import { customerDefaults, NORWAY_COUNTRY_ID } from '../seed';
import { refId, type Books, type Rec } from '../state';
import { copyWritable } from '../writable';

const FIRST_CUSTOMER_NUMBER = 100000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function nextCustomerNumber(books: Books): number {
	const numbers = books.all('Customer').map((c) => c.customerNumber as number);
	return Math.max(FIRST_CUSTOMER_NUMBER - 1, ...numbers) + 1;
}

/** Address objects without an id are created (and replace the old one); with an id they must exist. */
function upsertAddress(books: Books, value: unknown, field: string, messages: ValidationMessage[]): { id: number } | null | undefined {
	if (value === undefined) return undefined;
	if (value === null) return null;
	const input = value as Record<string, unknown>;
	const id = refId(input);
	if (id !== undefined) {
		const existing = books.get('Address', id);
		if (!existing) {
			messages.push({ field: `${field}.id`, message: 'Adressen finnes ikke.' });
			return undefined;
		}
		copyWritable('Address', input, existing);
		return { id };
	}
	const address = books.insert('Address', {
		version: 0,
		addressLine1: '',
		addressLine2: '',
		postalCode: '',
		city: '',
		country: { id: NORWAY_COUNTRY_ID },
	});
	copyWritable('Address', input, address);
	const line = [address.addressLine1, `${String(address.postalCode)} ${String(address.city)}`.trim()].filter(Boolean).join(', ');
	address.displayName = line;
	address.addressAsString = line;
	return { id: address.id };
}

function checkCustomer(books: Books, customer: Record<string, unknown>, selfId: number | undefined, messages: ValidationMessage[]): void {
	if (typeof customer.name !== 'string' || customer.name.trim() === '') messages.push({ field: 'name', message: 'Feltet må fylles ut.' });
	const org = customer.organizationNumber;
	const country = refId(books.get('Address', refId(customer.postalAddress))?.country) ?? NORWAY_COUNTRY_ID;
	// Only Norwegian organisation numbers are checked; foreign customers carry other ids.
	if (typeof org === 'string' && org !== '' && country === NORWAY_COUNTRY_ID && !isValidOrganizationNumber(org)) {
		messages.push({ field: 'organizationNumber', message: `Organisasjonsnummeret ${org} er ugyldig.` });
	}
	for (const field of ['email', 'invoiceEmail', 'overdueNoticeEmail']) {
		const value = customer[field];
		if (typeof value === 'string' && value !== '' && !EMAIL.test(value)) messages.push({ field, message: 'Ugyldig e-postadresse.' });
	}
	const number = customer.customerNumber;
	if (typeof number === 'number' && number > 0 && books.all('Customer').some((c) => c.id !== selfId && c.customerNumber === number)) {
		messages.push({ field: 'customerNumber', message: `Kundenummeret ${number} er i bruk.` });
	}
	for (const [field, schema] of [
		['currency', 'Currency'],
		['accountManager', 'Employee'],
		['ledgerAccount', 'Account'],
	] as const) {
		const id = refId(customer[field]);
		if (id !== undefined && !books.get(schema, id)) messages.push({ field: `${field}.id`, message: 'Objektet finnes ikke.' });
	}
}

function listCustomers(ctx: RequestContext) {
	const q = ctx.query;
	const ids = q.idList('id');
	const numbers = q.list('customerAccountNumber');
	const name = q.string('customerName');
	const isInactive = q.bool('isInactive') ?? false;
	const changedSince = q.string('changedSince');
	const since = changedSince === undefined ? undefined : Date.parse(changedSince);
	const customers = ctx.books.all('Customer').filter(
		(c) =>
			(!ids || ids.includes(c.id)) &&
			(!numbers || numbers.includes(String(c.customerNumber))) &&
			(q.string('organizationNumber') === undefined || c.organizationNumber === q.string('organizationNumber')) &&
			(q.string('email') === undefined || c.email === q.string('email')) &&
			(q.string('invoiceEmail') === undefined || c.invoiceEmail === q.string('invoiceEmail')) &&
			(q.string('phoneNumberMobile') === undefined || c.phoneNumberMobile === q.string('phoneNumberMobile')) &&
			(!name || String(c.name).toLowerCase().includes(name.toLowerCase())) &&
			c.isInactive === isInactive &&
			(since === undefined || Number.isNaN(since) || ((c._changedAt as number | undefined) ?? 0) >= since),
	);
	return ctx.list('Customer', customers);
}

export function registerCustomerRoutes(router: Router, core: TripletexCore): void {
	addRoute(router, core, 'POST', '/customer', (ctx) => {
		const books = ctx.books;
		const body = ctx.body;
		const messages: ValidationMessage[] = [];
		const receivables = books.all('Account').find((a) => a.number === 1500)!;
		const customer: Record<string, unknown> = { ...customerDefaults(), ledgerAccount: { id: receivables.id } };
		copyWritable('Customer', body, customer, ['postalAddress', 'physicalAddress', 'deliveryAddress']);
		if (typeof customer.name === 'string') customer.name = customer.name.trim();
		checkCustomer(books, customer, undefined, messages);
		const postal = upsertAddress(books, body.postalAddress, 'postalAddress', messages);
		const physical = upsertAddress(books, body.physicalAddress, 'physicalAddress', messages);
		if (messages.length) throw validationFailed(messages);
		if (!(typeof customer.customerNumber === 'number' && customer.customerNumber > 0)) customer.customerNumber = nextCustomerNumber(books);
		const created = books.insert('Customer', {
			...customer,
			postalAddress: postal ?? null,
			physicalAddress: physical ?? null,
			isCustomer: true,
			displayName: `${String(customer.name)} (${String(customer.customerNumber)})`,
			_changedAt: ctx.now(),
		});
		ctx.publish('customer.create', created);
		return ctx.single('Customer', created, 201);
	});

	addRoute(router, core, 'GET', '/customer/{id}', (ctx) => ctx.single('Customer', ctx.find('Customer', ctx.pathId())));

	addRoute(router, core, 'GET', '/customer', listCustomers);

	addRoute(router, core, 'PUT', '/customer/{id}', (ctx) => {
		const books = ctx.books;
		const existing = ctx.find('Customer', ctx.pathId());
		const body = ctx.body;
		if (typeof body.version === 'number' && body.version !== existing.version) {
			throw revisionConflict('Kunden', existing.version, body.version);
		}
		const messages: ValidationMessage[] = [];
		const updated: Rec = { ...existing };
		copyWritable('Customer', body, updated, ['postalAddress', 'physicalAddress', 'deliveryAddress']);
		if (typeof updated.name === 'string') updated.name = updated.name.trim();
		if (!(typeof updated.customerNumber === 'number' && updated.customerNumber > 0)) updated.customerNumber = existing.customerNumber;
		checkCustomer(books, updated, existing.id, messages);
		const postal = upsertAddress(books, body.postalAddress, 'postalAddress', messages);
		const physical = upsertAddress(books, body.physicalAddress, 'physicalAddress', messages);
		if (messages.length) throw validationFailed(messages);
		Object.assign(existing, updated, {
			...(postal !== undefined ? { postalAddress: postal } : {}),
			...(physical !== undefined ? { physicalAddress: physical } : {}),
			displayName: `${String(updated.name)} (${String(updated.customerNumber)})`,
			version: existing.version + 1,
			_changedAt: ctx.now(),
		});
		ctx.publish('customer.update', existing);
		return ctx.single('Customer', existing);
	});
}
