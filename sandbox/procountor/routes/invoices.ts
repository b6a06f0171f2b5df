/**
 * Sales invoices: POST with the schema's required fields and channel rules, GET one or
 * many (comma-separated ids), search with filters and paging, and the lifecycle
 * UNFINISHED -> approve -> NOT_SENT (APPROVED for NO_SENDING) -> send -> SENT, plus
 * mark paid (payment events).
 */
import type { Router } from '../../framework/router';
import { addRoute, orderById, type Ctx, type ProcountorCore } from '../api';
import { forbidden, invalid, notFound, pcError } from '../errors';
import { VAT_PERCENTAGES, VAT_STATUSES } from '../seed';
import { publicView, type Rec } from '../state';
import {
	daysBetween,
	finnishReference,
	isIsoDate,
	isValidBusinessId,
	isValidFinnishReference,
	isValidIban,
	isValidRfReference,
	localTime,
	rfReference,
} from '../text';

export const INVOICE_STATUSES = [
	'EMPTY', 'UNFINISHED', 'NOT_SENT', 'SENT', 'RECEIVED', 'PAID', 'PAYMENT_DENIED', 'VERIFIED', 'APPROVED', 'INVALIDATED',
	'PAYMENT_QUEUED', 'PARTLY_PAID', 'PAYMENT_SENT_TO_BANK', 'MARKED_PAID', 'STARTED', 'INVOICED', 'OVERRIDDEN', 'DELETED',
	'UNSAVED', 'PAYMENT_TRANSACTION_REMOVED',
];
export const INVOICE_TYPES = ['PERIODIC_TAX_RETURN', 'PURCHASE_INVOICE', 'PURCHASE_ORDER', 'SALES_INVOICE', 'SALES_ORDER', 'TRAVEL_INVOICE', 'BILL_OF_CHARGES'];
const CHANNELS = ['EMAIL', 'MAIL', 'ELECTRONIC_INVOICE', 'NO_SENDING'];
const LANGUAGES = ['FINNISH', 'SWEDISH', 'ENGLISH', 'DANISH', 'NORWEGIAN', 'ESTONIAN'];
const PAYMENT_METHODS = [
	'BANK_TRANSFER', 'DIRECT_PAYMENT', 'CLEARING', 'CREDIT_CARD_CHARGE', 'FOREIGN_PAYMENT', 'OTHER', 'CASH',
	'DOMESTIC_PAYMENT_PLUSGIRO', 'DOMESTIC_PAYMENT_BANKGIRO', 'DOMESTIC_PAYMENT_CREDITOR', 'NETS',
];
const PAYMENT_METHOD_TYPES = ['EXTERNAL_BANK_TRANSFER', 'CASH', 'CREDIT_NOTE', 'CREDIT_LOSS', 'SET_OFF', 'BANK_STATEMENT', 'CHARGE_CARD', 'CORRECTION', 'ADJUSTMENT'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Obj = Record<string, unknown>;
type Problem = { field: string | null; message: string };

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Row and invoice totals in cents (rounded per row, as the invoice shows them). */
export function invoiceTotals(invoice: Obj): { net: number; vat: number; gross: number } {
	const rows = (invoice.invoiceRows as Obj[]) ?? [];
	const includeVat = isObj(invoice.extraInfo) && invoice.extraInfo.unitPricesIncludeVat === true;
	const headerDiscount = isNum(invoice.discountPercent) ? invoice.discountPercent : 0;
	let net = 0;
	let vat = 0;
	for (const r of rows) {
		const amount = (r.quantity as number) * (r.unitPrice as number) * (1 - ((r.discountPercent as number) ?? 0) / 100) * (1 - headerDiscount / 100);
		const rate = (r.vatPercent as number) / 100;
		const cents = Math.round(amount * 100);
		if (includeVat) {
			const rowNet = Math.round(cents / (1 + rate));
			net += rowNet;
			vat += cents - rowNet;
		} else {
			const rowVat = Math.round(cents * rate);
			net += cents;
			vat += rowVat;
		}
	}
	return { net, vat, gross: net + vat };
}

function checkMax(problems: Problem[], obj: Obj, key: string, max: number, prefix = ''): void {
	const v = obj[key];
	if (v !== undefined && v !== null && (typeof v !== 'string' || v.length > max)) {
		problems.push({ field: `${prefix}${key}`, message: typeof v !== 'string' ? 'Must be a string' : `Length must be at most ${max} characters` });
	}
}

function hasPostal(address: unknown): boolean {
	return isObj(address) && !!text(address.street) && !!text(address.zip) && !!text(address.city);
}

/** Everything Procountor checks on POST /invoices for a sales invoice, as `{field, message}` pairs. */
export function validateSalesInvoice(ctx: Ctx, body: Obj): Problem[] {
	const p: Problem[] = [];
	const add = (field: string | null, message: string) => p.push({ field, message });

	if (body.type === undefined) add('type', 'Value of \'type\' cannot be blank');
	else if (body.type !== 'SALES_INVOICE') add('type', `Invoice type ${String(body.type)} is not supported by the sandbox: use SALES_INVOICE`);
	if (!isIsoDate(body.date)) add('date', body.date === undefined ? "Value of 'date' cannot be blank" : 'Invalid date: use yyyy-MM-dd');

	if (body.partnerId !== undefined && body.partnerId !== null) {
		if (!Number.isInteger(body.partnerId) || !ctx.books.partners.has(body.partnerId as number)) add('partnerId', 'Business partner not found');
	}

	const cp = isObj(body.counterParty) ? body.counterParty : undefined;
	const cpAddress = cp && isObj(cp.counterPartyAddress) ? cp.counterPartyAddress : undefined;
	if (!cp) add('counterParty', "Value of 'counterParty' cannot be blank");
	else if (!cpAddress || !text(cpAddress.name)) add('counterParty.counterPartyAddress.name', "Value of 'counterParty.counterPartyAddress.name' cannot be blank");
	if (cp) {
		if (cp.email !== undefined && cp.email !== null && cp.email !== '' && (typeof cp.email !== 'string' || !EMAIL.test(cp.email))) {
			add('counterParty.email', 'Invalid email address');
		}
		if (Array.isArray(cp.bccAddresses) && cp.bccAddresses.length > 4) add('counterParty.bccAddresses', 'At most 4 addresses');
		const id = text(cp.identifier);
		if (id && (/^\d{7}-\d$/.test(id) || /^\d{8}$/.test(id)) && !isValidBusinessId(id)) add('counterParty.identifier', 'ERROR_BRN_CODE');
		if (cpAddress) {
			checkMax(p, cpAddress, 'name', 80, 'counterParty.counterPartyAddress.');
			checkMax(p, cpAddress, 'street', 80, 'counterParty.counterPartyAddress.');
			checkMax(p, cpAddress, 'zip', 20, 'counterParty.counterPartyAddress.');
			checkMax(p, cpAddress, 'city', 40, 'counterParty.counterPartyAddress.');
		}
	}

	const pay = isObj(body.paymentInfo) ? body.paymentInfo : undefined;
	if (!pay) add('paymentInfo', "Value of 'paymentInfo' cannot be blank");
	else {
		if (pay.paymentMethod === undefined) add('paymentInfo.paymentMethod', "Value of 'paymentInfo.paymentMethod' cannot be blank");
		else if (pay.paymentMethod === 'DIRECT_DEBIT') add('paymentInfo.paymentMethod', 'Payment method DIRECT_DEBIT is not supported');
		else if (!PAYMENT_METHODS.includes(pay.paymentMethod as string)) add('paymentInfo.paymentMethod', `Invalid value: ${String(pay.paymentMethod)}`);
		if (typeof pay.currency !== 'string' || !/^[A-Z]{3}$/.test(pay.currency)) add('paymentInfo.currency', "Value of 'paymentInfo.currency' must be an ISO 4217 code");
		if (!isIsoDate(pay.dueDate)) add('paymentInfo.dueDate', pay.dueDate === undefined ? "Value of 'paymentInfo.dueDate' cannot be blank" : 'Invalid date: use yyyy-MM-dd');
		else if (isIsoDate(body.date)) {
			const term = daysBetween(body.date, pay.dueDate);
			if (term < 0 || term > 999) add('paymentInfo.dueDate', 'The payment term must be 0-999 days');
		}
		if (!isNum(pay.currencyRate) || pay.currencyRate <= 0) add('paymentInfo.currencyRate', "Value of 'paymentInfo.currencyRate' cannot be blank");
		else if (pay.currency === 'EUR' && pay.currencyRate !== 1) add('paymentInfo.currencyRate', 'Currency rate must be 1 for the domestic currency');
		const account = isObj(pay.bankAccount) ? text(pay.bankAccount.accountNumber) : undefined;
		if (pay.paymentMethod === 'BANK_TRANSFER' && !account) {
			add('paymentInfo.bankAccount.accountNumber', 'A bank account is required for payment method BANK_TRANSFER');
		} else if (account) {
			if (!isValidIban(account)) add('paymentInfo.bankAccount.accountNumber', 'Invalid IBAN');
			else if (!ctx.books.bankAccounts.some((a) => a.accountNumber === account)) add('paymentInfo.bankAccount.accountNumber', 'The bank account is not one of the company\'s accounts');
		}
		const ref = pay.bankReferenceCode;
		if (ref !== undefined && ref !== null && ref !== '') {
			if (typeof ref !== 'string') add('paymentInfo.bankReferenceCode', 'Must be a string');
			else if (!(ref.toUpperCase().startsWith('RF') ? isValidRfReference(ref) : isValidFinnishReference(ref))) {
				add('paymentInfo.bankReferenceCode', 'Invalid bank reference code (check digit)');
			}
		}
	}

	const extra = isObj(body.extraInfo) ? body.extraInfo : undefined;
	if (!extra) add('extraInfo', "Value of 'extraInfo' cannot be blank");
	else {
		if (typeof extra.accountingByRow !== 'boolean') add('extraInfo.accountingByRow', "Value of 'extraInfo.accountingByRow' cannot be blank");
		if (typeof extra.unitPricesIncludeVat !== 'boolean') add('extraInfo.unitPricesIncludeVat', "Value of 'extraInfo.unitPricesIncludeVat' cannot be blank");
	}
	if (!isNum(body.discountPercent)) add('discountPercent', "Value of 'discountPercent' cannot be blank");
	else if (body.discountPercent < 0 || body.discountPercent > 100) add('discountPercent', 'Must be between 0 and 100');

	const statuses = VAT_STATUSES.filter((s) => s.sales).map((s) => s.vatStatus);
	if (body.vatStatus === undefined) add('vatStatus', "Value of 'vatStatus' cannot be blank");
	else if (!statuses.includes(body.vatStatus as number)) add('vatStatus', `VAT status ${String(body.vatStatus)} is not allowed for sales`);
	if (body.language === undefined) add('language', "Value of 'language' cannot be blank");
	else if (!LANGUAGES.includes(body.language as string)) add('language', `Invalid value: ${String(body.language)}`);

	checkMax(p, body, 'orderReference', 70);
	checkMax(p, body, 'originalInvoiceNumber', 40);
	checkMax(p, body, 'additionalInformation', 10000);
	checkMax(p, body, 'notes', 10000);
	if (body.invoiceTemplateId !== undefined && !ctx.books.invoiceTemplates.some((t) => t.id === body.invoiceTemplateId)) {
		add('invoiceTemplateId', 'Invoice template not found');
	}

	if (!Array.isArray(body.invoiceRows) || body.invoiceRows.length === 0) add('invoiceRows', 'An invoice needs at least one row');
	else {
		body.invoiceRows.forEach((row: unknown, i) => {
			const f = (k: string) => `invoiceRows[${i}].${k}`;
			if (!isObj(row)) {
				add(`invoiceRows[${i}]`, 'Must be an object');
				return;
			}
			if (!text(row.product)) add(f('product'), `Value of '${f('product')}' cannot be blank`);
			if (!isNum(row.quantity)) add(f('quantity'), `Value of '${f('quantity')}' cannot be blank`);
			if (typeof row.unit !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(row.unit)) add(f('unit'), `Value of '${f('unit')}' must be a unit such as PIECE`);
			if (!isNum(row.unitPrice)) add(f('unitPrice'), `Value of '${f('unitPrice')}' cannot be blank`);
			if (!isNum(row.discountPercent)) add(f('discountPercent'), `Value of '${f('discountPercent')}' cannot be blank`);
			else if (row.discountPercent < 0 || row.discountPercent > 100) add(f('discountPercent'), 'Must be between 0 and 100');
			if (!isNum(row.vatPercent)) add(f('vatPercent'), `Value of '${f('vatPercent')}' cannot be blank`);
			else if (!VAT_PERCENTAGES.includes(row.vatPercent)) add(f('vatPercent'), `VAT percentage ${row.vatPercent} is not in use for the company (allowed: ${VAT_PERCENTAGES.join(', ')})`);
			if (row.vatStatus !== undefined && !statuses.includes(row.vatStatus as number)) add(f('vatStatus'), `VAT status ${String(row.vatStatus)} is not allowed for sales`);
			if (row.productId !== undefined && row.productId !== null && !ctx.books.products.has(row.productId as number)) add(f('productId'), 'Product not found');
			for (const k of ['comment', 'headerText', 'explanationText']) checkMax(p, row, k, 512, `invoiceRows[${i}].`);
		});
	}

	const channel = body.invoiceChannel;
	if (channel === undefined) add('invoiceChannel', "Value of 'invoiceChannel' cannot be blank");
	else if (channel === 'EDIFACT' || channel === 'PAPER_INVOICE') add('invoiceChannel', `Invoice channel ${channel} is not allowed`);
	else if (!CHANNELS.includes(channel as string)) add('invoiceChannel', `Invalid value: ${String(channel)}`);
	else if (cp) {
		const billing = body.billingAddress;
		const billingGiven = isObj(billing) && Object.keys(billing).length > 0;
		if (channel === 'EMAIL' && !text(cp.email)) add('counterParty.email', 'Email address is required for invoice channel EMAIL');
		if (channel === 'MAIL' && !hasPostal(billingGiven ? billing : cpAddress) && !hasPostal(cpAddress)) {
			for (const k of ['street', 'zip', 'city']) {
				if (!(cpAddress && text(cpAddress[k]))) add(`counterParty.counterPartyAddress.${k}`, `Value of 'counterParty.counterPartyAddress.${k}' cannot be blank for invoice channel MAIL`);
			}
		}
		if (channel === 'ELECTRONIC_INVOICE') {
			for (const k of ['street', 'zip', 'city']) {
				if (!(cpAddress && text(cpAddress[k]))) add(`counterParty.counterPartyAddress.${k}`, `Value of 'counterParty.counterPartyAddress.${k}' cannot be blank for invoice channel ELECTRONIC_INVOICE`);
				if (!(isObj(billing) && text(billing[k]))) add(`billingAddress.${k}`, `Value of 'billingAddress.${k}' cannot be blank for invoice channel ELECTRONIC_INVOICE`);
			}
			const einvoice = isObj(cp.einvoiceAddress) ? cp.einvoiceAddress : undefined;
			if (!einvoice || !text(einvoice.address)) add('counterParty.einvoiceAddress.address', 'E-invoice address is required for invoice channel ELECTRONIC_INVOICE');
			const country = (cpAddress?.country as string | undefined) ?? 'FINLAND';
			if (country === 'FINLAND' && !(einvoice && text(einvoice.operator))) add('counterParty.einvoiceAddress.operator', 'E-invoice operator is required for Finnish recipients');
		}
	}
	return p;
}

/** A row of the invoice search (InvoiceBasicInfo). */
function basicInfo(invoice: Rec): Record<string, unknown> {
	const pay = invoice.paymentInfo as Obj;
	return {
		id: invoice.id,
		partnerId: invoice.partnerId ?? null,
		type: invoice.type,
		status: invoice.status,
		invoiceNumber: invoice.invoiceNumber,
		originalInvoiceNumber: invoice.originalInvoiceNumber ?? null,
		invoiceChannel: invoice.invoiceChannel,
		date: invoice.date,
		dueDate: pay.dueDate,
		created: invoice._created,
		version: invoice.version,
		invoiceSumInfo: structuredClone(invoice.invoiceSumInfo),
		creatorId: invoice.creatorId,
		counterParty: structuredClone(invoice.counterParty),
	};
}

/** The invoice's totals as Procountor reports them (InvoiceSumInfo), in the invoice currency. */
function sumInfo(invoice: Obj): Obj[] {
	const totals = invoiceTotals(invoice);
	return [
		{
			currency: (invoice.paymentInfo as Obj).currency,
			inAccountingCurrency: (invoice.paymentInfo as Obj).currency === 'EUR',
			excludingVatTotal: totals.net / 100,
			vatSumTotal: totals.vat / 100,
			invoiceSumTotal: totals.gross / 100,
		},
	];
}

function findInvoice(ctx: Ctx, id: number): Rec {
	const invoice = ctx.books.invoices.get(id);
	if (!invoice) throw notFound(`Invoice ${id} not found`);
	return invoice;
}

function createInvoice(ctx: Ctx) {
	const body = ctx.object;
	const problems = validateSalesInvoice(ctx, body);
	if (problems.length) throw invalid(problems);
	const books = ctx.books;
	const id = ctx.core.nextId();
	const invoiceNumber = books.nextInvoiceNumber++;
	const pay = { ...(body.paymentInfo as Obj) };
	if (pay.bankReferenceCode === '') {
		const fi = finnishReference(invoiceNumber);
		pay.bankReferenceCode = pay.bankReferenceCodeType === 'RF' ? rfReference(fi) : fi;
		pay.bankReferenceCodeType = pay.bankReferenceCodeType ?? 'FI';
	}
	const cp = body.counterParty as Obj;
	const emptyOrMissing = (v: unknown) => v === undefined || (isObj(v) && Object.keys(v).length === 0);
	const { status: _ignoredStatus, id: _ignoredId, ...rest } = body;
	void _ignoredStatus;
	void _ignoredId;
	const rows = (body.invoiceRows as Obj[]).map((r) => ({ ...r, id: ctx.core.nextId() }));
	const invoice: Rec = {
		...rest,
		id,
		status: 'UNFINISHED',
		counterParty: cp,
		billingAddress: emptyOrMissing(body.billingAddress) ? { ...(cp.counterPartyAddress as Obj) } : body.billingAddress,
		deliveryAddress: emptyOrMissing(body.deliveryAddress) ? { ...(cp.counterPartyAddress as Obj) } : body.deliveryAddress,
		paymentInfo: pay,
		invoiceRows: rows,
		invoiceNumber,
		ledgerReceiptId: ctx.core.nextId(),
		attachments: [],
		creatorId: ctx.token.userId,
		version: ctx.version(),
		_created: ctx.timestamp(),
	};
	invoice._totals = invoiceTotals(invoice);
	invoice.invoiceSumInfo = sumInfo(invoice);
	invoice._paidCents = 0;
	books.invoices.set(id, invoice);
	return { status: 200, body: publicView(invoice) };
}

const ORDERS = ['orderByDate', 'orderByCreated', 'orderByVersion'] as const;

function direction(ctx: Ctx, name: string): 'ASC' | 'DESC' | undefined {
	const v = ctx.q(name)?.toUpperCase();
	if (v !== undefined && v !== 'ASC' && v !== 'DESC') throw invalid([{ field: name, message: 'Must be ASC or DESC' }]);
	return v;
}

function searchInvoices(ctx: Ctx) {
	const statuses = ctx.list('status');
	const types = ctx.list('types');
	const channels = ctx.list('invoiceChannel');
	const bad = (field: string, values: string[] | undefined, allowed: string[]) => {
		const wrong = values?.filter((v) => !allowed.includes(v)) ?? [];
		if (wrong.length) throw invalid([{ field, message: `Invalid value(s): ${wrong.join(', ')}` }]);
	};
	bad('status', statuses, INVOICE_STATUSES);
	bad('types', types, INVOICE_TYPES);
	bad('invoiceChannel', channels, [...CHANNELS, 'EDIFACT', 'PAPER_INVOICE']);
	const startDate = ctx.date('startDate');
	const endDate = ctx.date('endDate');
	const dueStart = ctx.date('dueStartDate');
	const dueEnd = ctx.date('dueEndDate');
	const createdStart = ctx.dateTime('createdStartDate');
	const createdEnd = ctx.dateTime('createdEndDate');
	const versionStart = ctx.dateTime('versionStartDate');
	const versionEnd = ctx.dateTime('versionEndDate');
	const partnerId = ctx.int('businessPartnerId');
	const invoiceNumber = ctx.int('invoiceNumber');
	const original = ctx.q('originalInvoiceNumber');
	const term = ctx.q('searchTerm')?.toLowerCase();
	const productIds = ctx.list('productId')?.map(Number);
	const matches = [...ctx.books.invoices.values()].filter((inv) => {
		const pay = inv.paymentInfo as Obj;
		const name = String(((inv.counterParty as Obj).counterPartyAddress as Obj).name ?? '');
		const created = localTime(inv._created as string);
		const version = localTime(inv.version as string);
		return (
			(!statuses || statuses.includes(inv.status as string)) &&
			(!types || types.includes(inv.type as string)) &&
			(!channels || channels.includes(inv.invoiceChannel as string)) &&
			(!startDate || (inv.date as string) >= startDate) &&
			(!endDate || (inv.date as string) <= endDate) &&
			(!dueStart || (pay.dueDate as string) >= dueStart) &&
			(!dueEnd || (pay.dueDate as string) <= dueEnd) &&
			(!createdStart || created >= createdStart) &&
			(!createdEnd || created <= createdEnd) &&
			(!versionStart || version >= versionStart) &&
			(!versionEnd || version <= versionEnd) &&
			(partnerId === undefined || inv.partnerId === partnerId) &&
			(invoiceNumber === undefined || inv.invoiceNumber === invoiceNumber) &&
			(original === undefined || inv.originalInvoiceNumber === original) &&
			(!productIds || (inv.invoiceRows as Obj[]).some((r) => productIds.includes(r.productId as number))) &&
			// What a search row shows: the counterparty's name, the invoice number and the original invoice number.
			(!term || [name, inv.originalInvoiceNumber, String(inv.invoiceNumber)].some((v) => (typeof v === 'string' ? v.toLowerCase().includes(term) : false)))
		);
	});
	// orderByDate / orderByCreated / orderByVersion sort by the billing date, creation or last change
	// (id breaks ties in the same direction); without them, orderById (default DESC) with keyset paging.
	const byId = orderById(ctx, matches);
	const order = ORDERS.map((name) => ({ name, dir: direction(ctx, name) })).find((o) => o.dir);
	if (order) {
		const key = (inv: Rec) =>
			order.name === 'orderByDate' ? `${String(inv.date)}` : localTime(String(order.name === 'orderByCreated' ? inv._created : inv.version));
		const sign = order.dir === 'ASC' ? 1 : -1;
		byId.sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : (a.id - b.id) * sign));
	}
	return ctx.page(byId, basicInfo);
}

function transition(ctx: Ctx, action: 'approve' | 'send') {
	const invoice = findInvoice(ctx, ctx.pathId('invoiceId'));
	if (invoice.type !== 'SALES_INVOICE') throw forbidden('Invoice type not supported');
	if (action === 'approve') {
		if (invoice.status !== 'UNFINISHED') throw forbidden(`Invalid invoice status: ${String(invoice.status)}. Only UNFINISHED invoices can be approved.`);
		invoice.status = invoice.invoiceChannel === 'NO_SENDING' ? 'APPROVED' : 'NOT_SENT';
		const comment = ctx.body && typeof ctx.body === 'object' ? (ctx.body as Obj).comment : undefined;
		if (typeof comment === 'string') invoice._approvalComment = comment;
	} else {
		if (invoice.status !== 'NOT_SENT' && invoice.status !== 'SENT') {
			throw forbidden(`Invalid invoice status: ${String(invoice.status)}. Only NOT_SENT or SENT invoices can be sent.`);
		}
		invoice.status = 'SENT';
		invoice._sentAt = ctx.timestamp();
		invoice._sentCount = ((invoice._sentCount as number | undefined) ?? 0) + 1;
	}
	invoice.version = ctx.version();
	return { status: 200, body: { message: action === 'approve' ? 'Invoice approved' : 'Invoice sent' } };
}

function markPaid(ctx: Ctx) {
	const invoice = findInvoice(ctx, ctx.pathId('invoiceId'));
	const body = ctx.object;
	const problems: Problem[] = [];
	if (!isIsoDate(body.paymentDate)) problems.push({ field: 'paymentDate', message: body.paymentDate === undefined ? "Value of 'paymentDate' cannot be blank" : 'Invalid date: use yyyy-MM-dd' });
	if (!isNum(body.amount) || body.amount <= 0) problems.push({ field: 'amount', message: 'Amount must be greater than 0' });
	const currency = (invoice.paymentInfo as Obj).currency;
	if (body.currency === undefined) problems.push({ field: 'currency', message: "Value of 'currency' cannot be blank" });
	else if (body.currency !== currency) problems.push({ field: 'currency', message: `Currency must be the invoice currency ${String(currency)}` });
	if (body.paymentMethodType !== undefined && !PAYMENT_METHOD_TYPES.includes(body.paymentMethodType as string)) {
		problems.push({ field: 'paymentMethodType', message: `Invalid value: ${String(body.paymentMethodType)}` });
	}
	if (typeof body.description === 'string' && body.description.length > 140) problems.push({ field: 'description', message: 'Length must be at most 140 characters' });
	if (problems.length) throw invalid(problems);
	if (!['NOT_SENT', 'SENT', 'APPROVED', 'PARTLY_PAID'].includes(invoice.status as string)) {
		throw forbidden(`Invalid invoice status: ${String(invoice.status)}`);
	}
	const cents = Math.round((body.amount as number) * 100);
	const total = (invoice._totals as { gross: number }).gross;
	const paid = (invoice._paidCents as number) + cents;
	invoice._paidCents = paid;
	invoice.status = paid >= total ? 'MARKED_PAID' : 'PARTLY_PAID';
	// The invoice's payment date: that of the payment that settled it.
	if (invoice.status === 'MARKED_PAID') invoice.paymentDate = body.paymentDate;
	invoice.version = ctx.version();
	const event: Rec = {
		id: ctx.core.nextId(),
		invoiceId: invoice.id,
		type: body.paymentMethodType === 'CASH' ? 'CASH' : 'BANKTRANSFERELSEWHERE',
		paymentDate: body.paymentDate,
		status: 'MARKED_PAID',
		amount: body.amount,
		currency,
		...(typeof body.description === 'string' ? { description: body.description } : {}),
		paidAmount: body.amount,
		paidCurrency: currency,
	};
	ctx.books.paymentEvents.set(event.id, event);
	return { status: 200, body: publicView(event) };
}

export function registerInvoiceRoutes(router: Router, core: ProcountorCore): void {
	addRoute(router, core, 'POST', '/invoices', createInvoice);
	addRoute(router, core, 'GET', '/invoices', searchInvoices);
	addRoute(router, core, 'GET', '/invoices/{invoiceId}', (ctx) => {
		const ids = ctx.pathIds('invoiceId');
		const found = ids.map((id) => findInvoice(ctx, id));
		return { status: 200, body: ids.length === 1 ? publicView(found[0]) : found.map((i) => publicView(i)) };
	});
	addRoute(router, core, 'PUT', '/invoices/{invoiceId}/approve', (ctx) => transition(ctx, 'approve'), { body: 'optional' });
	addRoute(router, core, 'PUT', '/invoices/{invoiceId}/send', (ctx) => transition(ctx, 'send'), { body: 'optional' });
	addRoute(router, core, 'PUT', '/invoices/{invoiceId}/paymentevents/markpaid', markPaid);
	// Invalidation (mitätöinti) of a sales invoice that was approved or sent; it stays findable by search with status INVALIDATED.
	addRoute(router, core, 'PUT', '/invoices/{invoiceId}/invalidate', (ctx) => {
		const invoice = findInvoice(ctx, ctx.pathId('invoiceId'));
		if (!['NOT_SENT', 'SENT', 'APPROVED', 'PAYMENT_DENIED'].includes(invoice.status as string)) {
			throw forbidden(`Invalid invoice status: ${String(invoice.status)}. Only approved or sent invoices can be invalidated.`);
		}
		invoice.status = 'INVALIDATED';
		invoice.version = ctx.version();
		return { status: 200, body: { message: 'Invoice invalidated' } };
	}, { body: 'optional' });
	addRoute(router, core, 'GET', '/invoices/{invoiceId}/paymentevents', (ctx) => {
		const invoice = findInvoice(ctx, ctx.pathId('invoiceId'));
		const events = [...ctx.books.paymentEvents.values()].filter((e) => e.invoiceId === invoice.id);
		// previousId + orderById (default DESC) as the description gives them.
		return ctx.page(orderById(ctx, events));
	});
}

export function requireSalesInvoice(ctx: Ctx, id: number): Rec {
	const invoice = ctx.books.invoices.get(id);
	if (!invoice) throw pcError(404, `Invoice ${id} not found`);
	return invoice;
}
