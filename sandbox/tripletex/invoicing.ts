/**
 * Orders, invoices and payments. Line amounts are computed in øre; an invoice books an
 * "Utgående faktura" voucher (1500 against the sales accounts, VAT on row 0) and each
 * payment an "Innbetaling" voucher (payment type's account against 1500).
 */
import { addDays, isIsoDate } from './dates';
import { bookVoucher, type PostingDraft } from './bookkeeping';
import { fieldError, validationFailed, type ValidationMessage } from './errors';
import { fromOre, grossOfNet, netOfGross, roundHalfUp, toOre } from './money';
import { NO_VAT_ID, NOK_CURRENCY_ID, OUTGOING_INVOICE_VOUCHER_TYPE, PAYMENT_VOUCHER_TYPE } from './seed';
import { ref, refId, type Books, type Rec } from './state';

export interface LineInput {
	product?: unknown;
	description?: unknown;
	count?: unknown;
	unitPriceExcludingVatCurrency?: unknown;
	unitPriceIncludingVatCurrency?: unknown;
	vatType?: unknown;
	discount?: unknown;
}

interface PricedLine {
	productId?: number;
	description: string;
	count: number;
	discount: number;
	vatTypeId: number;
	unitExclOre: number;
	unitInclOre: number;
	netOre: number;
	grossOre: number;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Prices one order line. With isPrioritizeAmountsIncludingVat the line must carry the
 * price including VAT, otherwise the one excluding VAT; sending both, or the other one,
 * is refused (Tripletex FAQ, invoice/order). A line without price takes the product's.
 */
export function priceLine(
	books: Books,
	line: LineInput,
	includingVat: boolean,
	index: number,
	messages: ValidationMessage[],
): PricedLine | undefined {
	const before = messages.length;
	const add = (field: string, message: string) =>
		messages.push({ field: `orderLines.${field}`, message, path: `orderLines[${index}].${field}` });
	const productId = line.product ? refId(line.product) : undefined;
	const product = books.get('Product', productId);
	if (productId !== undefined && !product) add('product.id', 'Produktet finnes ikke.');

	const vatTypeId = refId(line.vatType) ?? refId(product?.vatType) ?? NO_VAT_ID;
	const vat = books.get('VatType', vatTypeId);
	if (!vat) add('vatType.id', 'Ugyldig mva-kode.');
	else if (vat._direction === 'INCOMING') add('vatType', `Ugyldig mva-kode ${String(vat.number)} for salg.`);

	const count = isNumber(line.count) ? line.count : 0;
	const discount = isNumber(line.discount) ? line.discount : 0;
	if (discount < 0 || discount > 100) add('discount', 'Rabatt må være mellom 0 og 100 %.');

	const hasExcl = isNumber(line.unitPriceExcludingVatCurrency);
	const hasIncl = isNumber(line.unitPriceIncludingVatCurrency);
	if (hasExcl && hasIncl) {
		add('unitPriceIncludingVatCurrency', 'Angi enten pris eks. mva eller pris inkl. mva, ikke begge.');
	} else if (includingVat && hasExcl) {
		add(
			'unitPriceExcludingVatCurrency',
			'Ordren prioriterer beløp inkl. mva (isPrioritizeAmountsIncludingVat); angi unitPriceIncludingVatCurrency.',
		);
	} else if (!includingVat && hasIncl) {
		add(
			'unitPriceIncludingVatCurrency',
			'Ordren prioriterer beløp eks. mva (isPrioritizeAmountsIncludingVat = false); angi unitPriceExcludingVatCurrency.',
		);
	}
	if (messages.length > before || !vat) return undefined;

	const percentage = vat.percentage as number;
	const factor = (1 - discount / 100) * count;
	let unitExclOre: number;
	let unitInclOre: number;
	let netOre: number;
	let grossOre: number;
	if (includingVat) {
		const fallback = (product?.priceIncludingVatCurrency as number | undefined) ?? 0;
		const price = hasIncl ? (line.unitPriceIncludingVatCurrency as number) : fallback;
		unitInclOre = toOre(price);
		unitExclOre = netOfGross(unitInclOre, percentage);
		grossOre = roundHalfUp(unitInclOre * factor);
		netOre = netOfGross(grossOre, percentage);
	} else {
		const fallback = (product?.priceExcludingVatCurrency as number | undefined) ?? 0;
		const price = hasExcl ? (line.unitPriceExcludingVatCurrency as number) : fallback;
		unitExclOre = toOre(price);
		unitInclOre = grossOfNet(unitExclOre, percentage);
		netOre = roundHalfUp(unitExclOre * factor);
		grossOre = grossOfNet(netOre, percentage);
	}
	return {
		productId,
		description: typeof line.description === 'string' ? line.description : String(product?.name ?? ''),
		count,
		discount,
		vatTypeId,
		unitExclOre,
		unitInclOre,
		netOre,
		grossOre,
	};
}

export function storeOrderLine(books: Books, orderId: number, line: PricedLine, sortIndex: number): Rec {
	return books.insert('OrderLine', {
		version: 0,
		order: ref(orderId),
		product: line.productId === undefined ? null : ref(line.productId),
		description: line.description,
		count: line.count,
		unitCostCurrency: 0,
		unitPriceExcludingVatCurrency: fromOre(line.unitExclOre),
		unitPriceIncludingVatCurrency: fromOre(line.unitInclOre),
		currency: ref(NOK_CURRENCY_ID),
		markup: 0,
		discount: line.discount,
		vatType: ref(line.vatTypeId),
		amountExcludingVatCurrency: fromOre(line.netOre),
		amountIncludingVatCurrency: fromOre(line.grossOre),
		isSubscription: false,
		sortIndex,
		_netOre: line.netOre,
		_grossOre: line.grossOre,
	});
}

function accountId(books: Books, number: number): number {
	return books.all('Account').find((a) => a.number === number)!.id;
}

function voucherTypeId(books: Books, name: string): number | undefined {
	return books.all('VoucherType').find((t) => t.name === name)?.id;
}

/** The sales account a line is credited to: the product's, else by VAT treatment. */
function salesAccount(books: Books, line: Rec): number {
	const productAccount = refId(books.get('Product', refId(line.product))?.account);
	if (productAccount !== undefined) return productAccount;
	const vat = books.get('VatType', refId(line.vatType));
	if (vat?.number === '5') return accountId(books, 3100);
	if (vat?.number === '6' || vat?.number === '0') return accountId(books, 3200);
	return accountId(books, 3000);
}

export interface Prepayment {
	paymentType: Rec;
	paidOre: number;
}

export function invoiceOrder(
	books: Books,
	order: Rec,
	invoiceDate: string,
	prepayment: Prepayment | undefined,
	sendToCustomer: boolean,
): Rec {
	if (order._invoiceId) throw fieldError('id', 'Ordren er allerede fakturert.');
	if (order.isClosed) throw fieldError('id', 'Ordren er lukket og kan ikke faktureres.');
	const lines = (order.orderLines as Array<{ id: number }>).map((l) => books.get('OrderLine', l.id)).filter((l): l is Rec => !!l);
	if (lines.length === 0) throw fieldError('orderLines', 'Ordren har ingen ordrelinjer.');
	const customer = books.get('Customer', refId(order.customer))!;

	const invoiceNumber = books.counters.invoiceNumber++;
	const dueDate = addDays(invoiceDate, (order.invoicesDueIn as number | undefined) ?? (customer.invoicesDueIn as number | undefined) ?? 14);
	const grossOre = lines.reduce((sum, l) => sum + (l._grossOre as number), 0);
	const netOre = lines.reduce((sum, l) => sum + (l._netOre as number), 0);

	const base = { date: invoiceDate, currencyId: NOK_CURRENCY_ID, invoiceNumber: String(invoiceNumber) };
	const postings: PostingDraft[] = [
		{
			...base,
			row: 1,
			description: `Faktura nummer ${invoiceNumber} til ${String(customer.name)}`,
			accountId: accountId(books, 1500),
			grossOre,
			grossCurrencyOre: grossOre,
			vatTypeId: NO_VAT_ID,
			customerId: customer.id,
			termOfPayment: dueDate,
		},
		...lines.map((l, i) => ({
			...base,
			row: i + 2,
			description: String(l.description),
			accountId: salesAccount(books, l),
			grossOre: -(l._grossOre as number),
			grossCurrencyOre: -(l._grossOre as number),
			netOre: -(l._netOre as number),
			vatTypeId: refId(l.vatType) ?? NO_VAT_ID,
			productId: refId(l.product),
			customerId: customer.id,
		})),
	];
	const invoiceId = books.nextId();
	const voucher = bookVoucher(
		books,
		{
			date: invoiceDate,
			description: `Faktura nummer ${invoiceNumber} til ${String(customer.name)}`,
			voucherTypeId: voucherTypeId(books, OUTGOING_INVOICE_VOUCHER_TYPE),
			externalVoucherNumber: '',
			vendorInvoiceNumber: '',
			postings,
			source: 'invoice',
		},
		true,
		{ _invoiceId: invoiceId },
	);
	const receivablePosting = (voucher.postings as Array<{ id: number }>)[0];

	const amount = fromOre(grossOre);
	const invoice = books.insert('Invoice', {
		id: invoiceId,
		version: 1,
		invoiceNumber,
		invoiceDate,
		customer: ref(customer.id),
		creditedInvoice: 0,
		isCredited: false,
		invoiceDueDate: dueDate,
		kid: '',
		invoiceComment: (order.invoiceComment as string | undefined) ?? '',
		comment: '',
		orders: [ref(order.id)],
		orderLines: lines.map((l) => ref(l.id)),
		travelReports: [],
		projectInvoiceDetails: [],
		voucher: ref(voucher.id),
		deliveryDate: order.deliveryDate,
		amount,
		amountCurrency: amount,
		amountExcludingVat: fromOre(netOre),
		amountExcludingVatCurrency: fromOre(netOre),
		amountRoundoff: 0,
		amountRoundoffCurrency: 0,
		amountOutstanding: amount,
		amountCurrencyOutstanding: amount,
		amountOutstandingTotal: amount,
		amountCurrencyOutstandingTotal: amount,
		sumRemits: 0,
		currency: ref(NOK_CURRENCY_ID),
		isCreditNote: false,
		isCharged: true,
		isApproved: true,
		postings: [ref(receivablePosting.id)],
		reminders: [],
		invoiceRemarks: '',
		paymentTypeId: 0,
		paidAmount: 0,
		isPeriodizationPossible: false,
		ehfSendStatus: 'DO_NOT_SEND',
		_outstandingOre: grossOre,
		_payments: [],
		_sentToCustomer: sendToCustomer,
	});
	order._invoiceId = invoice.id;
	order.isClosed = true;
	order.version = (order.version as number) + 1;
	if (prepayment) registerPayment(books, invoice, invoiceDate, prepayment.paymentType, prepayment.paidOre);
	return invoice;
}

/**
 * Books a payment. Overpayment is accepted: the outstanding amount goes negative and
 * stays as a credit on the customer's ledger, as in Tripletex.
 */
export function registerPayment(books: Books, invoice: Rec, date: string, paymentType: Rec, paidOre: number): void {
	const customerId = refId(invoice.customer)!;
	const base = { date, currencyId: NOK_CURRENCY_ID, vatTypeId: NO_VAT_ID, invoiceNumber: String(invoice.invoiceNumber) };
	const description = `Innbetaling faktura ${String(invoice.invoiceNumber)}`;
	const voucher = bookVoucher(
		books,
		{
			date,
			description,
			voucherTypeId: voucherTypeId(books, PAYMENT_VOUCHER_TYPE),
			externalVoucherNumber: '',
			vendorInvoiceNumber: '',
			source: 'payment',
			postings: [
				{ ...base, row: 1, description, accountId: refId(paymentType.debitAccount)!, grossOre: paidOre, grossCurrencyOre: paidOre },
				{ ...base, row: 2, description, accountId: accountId(books, 1500), grossOre: -paidOre, grossCurrencyOre: -paidOre, customerId },
			],
		},
		true,
		{ _invoiceId: invoice.id },
	);
	const outstanding = (invoice._outstandingOre as number) - paidOre;
	const left = fromOre(outstanding);
	Object.assign(invoice, {
		_outstandingOre: outstanding,
		amountOutstanding: left,
		amountCurrencyOutstanding: left,
		amountOutstandingTotal: left,
		amountCurrencyOutstandingTotal: left,
		paymentTypeId: paymentType.id,
		paidAmount: fromOre(toOre(invoice.paidAmount as number) + paidOre),
		postings: [...(invoice.postings as Array<{ id: number }>), ref((voucher.postings as Array<{ id: number }>)[1].id)],
		version: (invoice.version as number) + 1,
	});
	(invoice._payments as unknown[]).push({ voucherId: voucher.id, date, paymentTypeId: paymentType.id, amount: fromOre(paidOre) });
}

/** Reads the order part of a POST /order body into messages and priced lines. */
export function checkOrderBody(books: Books, body: Record<string, unknown>): { messages: ValidationMessage[]; lines: PricedLine[] } {
	const messages: ValidationMessage[] = [];
	const customerId = refId(body.customer);
	if (!body.customer) messages.push({ field: 'customer', message: 'Feltet må fylles ut.' });
	else if (!books.get('Customer', customerId)) messages.push({ field: 'customer.id', message: 'Kunden finnes ikke.' });
	for (const field of ['orderDate', 'deliveryDate']) {
		const value = body[field];
		if (value === undefined || value === null || value === '') messages.push({ field, message: 'Feltet må fylles ut.' });
		else if (!isIsoDate(value)) messages.push({ field, message: `Ugyldig dato: ${String(value)}.` });
	}
	const includingVat = body.isPrioritizeAmountsIncludingVat === true;
	const inputs = Array.isArray(body.orderLines) ? (body.orderLines as LineInput[]) : [];
	const lines = inputs.map((line, i) => priceLine(books, line, includingVat, i, messages)).filter((l): l is PricedLine => !!l);
	return { messages, lines };
}

export function assertValid(messages: ValidationMessage[]): void {
	if (messages.length) throw validationFailed(messages);
}
