/**
 * Vouchers and postings: the rules Tripletex applies to POST /ledger/voucher, automatic
 * VAT (a posting with a VAT code keeps its net amount and a system-generated row-0
 * posting carries the VAT), voucher numbering, reversal and deletion.
 */
import { isIsoDate, yearOf } from './dates';
import { fieldError, validationFailed, type ValidationMessage } from './errors';
import { fromOre, netOfGross, toOre } from './money';
import { NO_VAT_ID, NOK_CURRENCY_ID, OUTGOING_INVOICE_VOUCHER_TYPE, legalVatNumbers } from './seed';
import { ref, refId, type Books, type Rec } from './state';

export const ROW_ZERO_MESSAGE =
	'Posteringene på rad 0 (guiRow 0) er systemgenererte og kan ikke opprettes eller endres på utsiden av Tripletex.';
export const NO_POSTINGS_MESSAGE = 'Et bilag kan ikke registreres uten posteringer.';
export const UNBALANCED_MESSAGE = 'Summen av posteringene er ikke lik 0.';
const REQUIRED = 'Feltet må fylles ut.';

export type VoucherSource = 'manual' | 'invoice' | 'payment' | 'reversal';

export interface PostingDraft {
	row: number;
	date: string;
	description: string;
	accountId: number;
	grossOre: number;
	grossCurrencyOre: number;
	currencyId: number;
	vatTypeId: number;
	customerId?: number;
	supplierId?: number;
	employeeId?: number;
	productId?: number;
	invoiceNumber?: string;
	termOfPayment?: string | null;
	/** Net amount when the caller already computed it (invoices: from the order lines). */
	netOre?: number;
}

export interface VoucherDraft {
	date: string;
	description: string;
	voucherTypeId?: number;
	externalVoucherNumber: string;
	vendorInvoiceNumber: string;
	postings: PostingDraft[];
	source: VoucherSource;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks a voucher body against Tripletex's rules; all problems are reported in one 422. */
export function draftFromBody(books: Books, body: Record<string, unknown>): VoucherDraft {
	const messages: ValidationMessage[] = [];
	const add = (field: string, message: string, path?: string) => messages.push({ field, message, path: path ?? field });

	const date = body.date;
	if (date === undefined || date === null || date === '') add('date', REQUIRED);
	else if (!isIsoDate(date)) add('date', `Ugyldig dato: ${String(date)}.`);

	let voucherTypeId: number | undefined;
	if (body.voucherType) {
		voucherTypeId = refId(body.voucherType);
		const type = books.get('VoucherType', voucherTypeId);
		if (!type) add('voucherType.id', 'Bilagstypen finnes ikke.');
		else if (type.name === OUTGOING_INVOICE_VOUCHER_TYPE) {
			add('voucherType', "Bilagstypen 'Utgående faktura' kan ikke brukes på nye bilag. Bruk voucherType = null, eller faktura-API-et.");
		}
	}

	const external = typeof body.externalVoucherNumber === 'string' ? body.externalVoucherNumber : '';
	if (external.length > 70) add('externalVoucherNumber', 'Lengden må være høyst 70 tegn.');

	const inputs = Array.isArray(body.postings) ? (body.postings as Array<Record<string, unknown>>) : [];
	const postings: PostingDraft[] = [];
	inputs.forEach((p, i) => {
		const at = (name: string) => `postings[${i}].${name}`;
		const before = messages.length;
		if (!isNumber(p.row) || p.row === 0) {
			// Rows default to 0 on the server, which is reserved for system-generated postings.
			add('postings.row', ROW_ZERO_MESSAGE, at('row'));
			return;
		}
		const hasOwnDate = p.date !== undefined && p.date !== null && p.date !== '';
		const postingDate = hasOwnDate ? p.date : date;
		if (hasOwnDate && !isIsoDate(p.date)) add('postings.date', `Ugyldig dato: ${String(p.date)}.`, at('date'));

		const accountId = refId(p.account);
		const account = books.get('Account', accountId);
		if (accountId === undefined) add('postings.account', REQUIRED, at('account'));
		else if (!account) add('postings.account.id', `Kontoen med id ${accountId} finnes ikke.`, at('account.id'));

		const gross = isNumber(p.amountGross) ? toOre(p.amountGross) : 0;
		const currencyId = refId(p.currency) ?? NOK_CURRENCY_ID;
		if (currencyId !== NOK_CURRENCY_ID && !books.get('Currency', currencyId)) {
			add('postings.currency.id', 'Valutaen finnes ikke.', at('currency.id'));
		}
		let grossCurrency = gross;
		if (isNumber(p.amountGrossCurrency)) grossCurrency = toOre(p.amountGrossCurrency);
		else if (gross !== 0) {
			add('postings.amountGrossCurrency', `${REQUIRED} (Beløp i valuta; samme som amountGross for NOK.)`, at('amountGrossCurrency'));
		}
		if (currencyId === NOK_CURRENCY_ID && grossCurrency !== gross) {
			add('postings.amountGrossCurrency', 'Beløp i valuta må være lik beløpet i NOK for posteringer i NOK.', at('amountGrossCurrency'));
		}

		let vatTypeId = NO_VAT_ID;
		if (account) {
			const accountVatId = refId(account.vatType) ?? NO_VAT_ID;
			const requested = p.vatType ? refId(p.vatType) : undefined;
			const vat = requested === undefined ? undefined : books.get('VatType', requested);
			if (requested !== undefined && !vat) add('postings.vatType.id', `Mva-koden med id ${requested} finnes ikke.`, at('vatType.id'));
			else if (vat) {
				const legal = legalVatNumbers(account.number as number).includes(vat.number as string);
				const lockedNumber = books.get('VatType', accountVatId)?.number;
				if (account.vatLocked === true && vat.id !== accountVatId) {
					add('postings.vatType', `Konto ${String(account.number)} er låst til mva-kode ${String(lockedNumber)}.`, at('vatType'));
				} else if (!legal) {
					add('postings.vatType', `Ugyldig mva-kode ${String(vat.number)} for konto ${String(account.number)}.`, at('vatType'));
				}
				vatTypeId = vat.id;
			} else if (account.vatLocked === true) {
				vatTypeId = accountVatId;
			}
			const ledgerType = account.ledgerType;
			if (ledgerType === 'CUSTOMER' && !p.customer) add('postings.customer', 'Kunde mangler.', at('customer'));
			if (ledgerType === 'VENDOR' && !p.supplier) add('postings.supplier', 'Leverandør mangler.', at('supplier'));
			if (ledgerType === 'EMPLOYEE' && !p.employee) add('postings.employee', 'Ansatt mangler.', at('employee'));
		}
		const linked = (name: 'customer' | 'supplier' | 'employee' | 'product', schema: string, label: string) => {
			if (!p[name]) return undefined;
			const id = refId(p[name]);
			if (!books.get(schema, id)) add(`postings.${name}.id`, `${label} finnes ikke.`, at(`${name}.id`));
			return id;
		};
		const customerId = linked('customer', 'Customer', 'Kunden');
		const supplierId = linked('supplier', 'Supplier', 'Leverandøren');
		const employeeId = linked('employee', 'Employee', 'Den ansatte');
		const productId = linked('product', 'Product', 'Produktet');

		if (messages.length > before || accountId === undefined) return;
		postings.push({
			row: p.row,
			date: String(postingDate ?? ''),
			description: typeof p.description === 'string' ? p.description : '',
			accountId,
			grossOre: gross,
			grossCurrencyOre: grossCurrency,
			currencyId,
			vatTypeId,
			customerId,
			supplierId,
			employeeId,
			productId,
			invoiceNumber: typeof p.invoiceNumber === 'string' ? p.invoiceNumber : '',
			termOfPayment: typeof p.termOfPayment === 'string' ? p.termOfPayment : null,
		});
	});

	checkSharedRows(postings, add);

	// Row-0 postings are dropped before the "no postings" check, so a voucher whose rows
	// are all missing gets both messages (as the real API answers).
	const rowZeroCount = messages.filter((m) => m.message === ROW_ZERO_MESSAGE).length;
	if (postings.length === 0 && (inputs.length === 0 || rowZeroCount > 0)) add('postings', NO_POSTINGS_MESSAGE);
	if (messages.length === 0) {
		const sums = new Map<string, number>();
		for (const p of postings) sums.set(p.date, (sums.get(p.date) ?? 0) + p.grossOre);
		if ([...sums.values()].some((sum) => sum !== 0)) add('postings', UNBALANCED_MESSAGE);
	}
	if (messages.length) throw validationFailed(messages);

	return {
		date: date as string,
		description: typeof body.description === 'string' ? body.description : '',
		voucherTypeId,
		externalVoucherNumber: external,
		vendorInvoiceNumber: typeof body.vendorInvoiceNumber === 'string' ? body.vendorInvoiceNumber : '',
		postings,
		source: 'manual',
	};
}

/**
 * A row (guiRow) is one line of the voucher: postings that share it must share the
 * description and the customer/supplier/employee.
 */
function checkSharedRows(postings: PostingDraft[], add: (field: string, message: string, path?: string) => void): void {
	const rows = new Map<number, PostingDraft[]>();
	for (const p of postings) rows.set(p.row, [...(rows.get(p.row) ?? []), p]);
	for (const group of rows.values()) {
		if (group.length < 2) continue;
		if (new Set(group.map((p) => p.description)).size > 1) {
			add('postings.description', `Beskrivelsene må være like for posteringer på samme rad (rad ${group[0].row}).`);
		}
		for (const [key, label] of [
			['customerId', 'Kunde'],
			['supplierId', 'Leverandør'],
			['employeeId', 'Ansatt'],
		] as const) {
			const values = new Set(group.map((p) => p[key]));
			if (values.size < 2) continue;
			const field = `postings.${key.replace('Id', '')}`;
			const differ = `Posteringer på samme rad kan ikke ha ulike dimensjoner (rad ${group[0].row}).`;
			add(field, values.has(undefined) ? `${label} mangler.` : differ);
		}
	}
}

function postingRecord(
	books: Books,
	voucherId: number,
	p: PostingDraft,
	amounts: { amount: number; amountCurrency: number },
	system: boolean,
) {
	return books.insert('Posting', {
		version: 0,
		voucher: ref(voucherId),
		date: p.date,
		description: p.description,
		account: ref(p.accountId),
		amortizationAccount: null,
		amortizationStartDate: null,
		amortizationEndDate: null,
		customer: p.customerId === undefined ? null : ref(p.customerId),
		supplier: p.supplierId === undefined ? null : ref(p.supplierId),
		employee: p.employeeId === undefined ? null : ref(p.employeeId),
		project: null,
		product: p.productId === undefined ? null : ref(p.productId),
		department: null,
		vatType: ref(p.vatTypeId),
		amount: fromOre(amounts.amount),
		amountCurrency: fromOre(amounts.amountCurrency),
		amountGross: fromOre(p.grossOre),
		amountGrossCurrency: fromOre(p.grossCurrencyOre),
		currency: ref(p.currencyId),
		closeGroup: null,
		invoiceNumber: p.invoiceNumber ?? '',
		termOfPayment: p.termOfPayment ?? null,
		row: p.row,
		type: null,
		externalRef: '',
		systemGenerated: system,
		taxTransactionType: '(Ikke valgt)',
		taxTransactionTypeId: 0,
		matched: false,
		quantityAmount1: 0,
		quantityType1: null,
		quantityAmount2: 0,
		quantityType2: null,
		isVatReadonly: system,
		isAmountVatClosed: false,
		postingRuleId: 0,
		freeAccountingDimension1: null,
		freeAccountingDimension2: null,
		freeAccountingDimension3: null,
		asset: null,
	});
}

function accountIdByNumber(books: Books, number: number): number {
	const account = books.all('Account').find((a) => a.number === number);
	if (!account) throw new Error(`account ${number} is missing from the books`);
	return account.id;
}

/** Stores a checked voucher: postings with automatic VAT, numbers when sent to ledger. */
export function bookVoucher(books: Books, draft: VoucherDraft, sendToLedger: boolean, extra: Record<string, unknown> = {}): Rec {
	const voucherId = books.nextId();
	const year = yearOf(draft.date);
	const postingIds: number[] = [];
	const systemRows: PostingDraft[] = [];
	for (const p of draft.postings) {
		const vat = books.get('VatType', p.vatTypeId);
		const percentage = (vat?.percentage as number | undefined) ?? 0;
		const vatAccountNumber = vat?._vatAccountNumber as number | null | undefined;
		if (percentage > 0 && vatAccountNumber) {
			const net = p.netOre ?? netOfGross(p.grossOre, percentage);
			const netCurrency = p.netOre ?? netOfGross(p.grossCurrencyOre, percentage);
			postingIds.push(postingRecord(books, voucherId, p, { amount: net, amountCurrency: netCurrency }, false).id);
			systemRows.push({
				...p,
				row: 0,
				accountId: accountIdByNumber(books, vatAccountNumber),
				grossOre: p.grossOre - net,
				grossCurrencyOre: p.grossCurrencyOre - netCurrency,
				vatTypeId: NO_VAT_ID,
				customerId: undefined,
				supplierId: undefined,
				employeeId: undefined,
				productId: undefined,
				invoiceNumber: '',
				termOfPayment: null,
				netOre: undefined,
			});
		} else {
			postingIds.push(postingRecord(books, voucherId, p, { amount: p.grossOre, amountCurrency: p.grossCurrencyOre }, false).id);
		}
	}
	for (const s of systemRows) {
		postingIds.push(postingRecord(books, voucherId, s, { amount: s.grossOre, amountCurrency: s.grossCurrencyOre }, true).id);
	}

	const tempNumber = books.nextInYear(books.counters.tempNumber, year);
	const voucher = books.insert('Voucher', {
		id: voucherId,
		version: 1,
		date: draft.date,
		number: 0,
		tempNumber,
		year,
		description: draft.description,
		voucherType: draft.voucherTypeId === undefined ? null : ref(draft.voucherTypeId),
		reverseVoucher: null,
		postings: postingIds.map(ref),
		document: null,
		attachment: null,
		externalVoucherNumber: draft.externalVoucherNumber,
		ediDocument: null,
		supplierVoucherType: null,
		wasAutoMatched: false,
		vendorInvoiceNumber: draft.vendorInvoiceNumber,
		displayName: '',
		numberAsString: '',
		_posted: false,
		_source: draft.source,
		...extra,
	});
	if (sendToLedger) postVoucher(books, voucher);
	else describeNumber(voucher);
	return voucher;
}

function describeNumber(voucher: Rec): void {
	voucher.numberAsString = voucher._posted
		? `${String(voucher.number)}-${String(voucher.year)}`
		: `<Ikke bokført ${String(voucher.tempNumber)}>`;
	voucher.displayName = voucher.numberAsString;
}

/** Sends a voucher to the ledger: it gets the next number of its year. */
export function postVoucher(books: Books, voucher: Rec): void {
	if (voucher._posted) return;
	voucher.number = books.nextInYear(books.counters.voucherNumber, voucher.year as number);
	voucher._posted = true;
	describeNumber(voucher);
}

export function postingsOf(books: Books, voucher: Rec): Rec[] {
	return (voucher.postings as Array<{ id: number }>).map((p) => books.get('Posting', p.id)).filter((p): p is Rec => !!p);
}

/** A new voucher with every user posting negated; VAT rows are regenerated negated. */
export function reverseVoucher(books: Books, voucher: Rec, date: string): Rec {
	if (!voucher._posted) throw fieldError('id', 'Bilaget er ikke bokført og kan ikke reverseres.');
	if (voucher.reverseVoucher) throw fieldError('id', 'Bilaget er allerede reversert.');
	const userPostings = postingsOf(books, voucher).filter((p) => p.systemGenerated !== true);
	const draft: VoucherDraft = {
		date,
		description: `Reversering av bilag ${String(voucher.numberAsString)}`,
		voucherTypeId: refId(voucher.voucherType),
		externalVoucherNumber: '',
		vendorInvoiceNumber: '',
		source: 'reversal',
		postings: userPostings.map((p) => ({
			row: p.row as number,
			date,
			description: p.description as string,
			accountId: refId(p.account)!,
			grossOre: -toOre(p.amountGross as number),
			grossCurrencyOre: -toOre(p.amountGrossCurrency as number),
			currencyId: refId(p.currency) ?? NOK_CURRENCY_ID,
			vatTypeId: refId(p.vatType) ?? NO_VAT_ID,
			customerId: refId(p.customer),
			supplierId: refId(p.supplier),
			employeeId: refId(p.employee),
			productId: refId(p.product),
			invoiceNumber: p.invoiceNumber as string,
			termOfPayment: (p.termOfPayment as string | null) ?? null,
		})),
	};
	const reversal = bookVoucher(books, draft, true, { reverseVoucher: ref(voucher.id) });
	voucher.reverseVoucher = ref(reversal.id);
	voucher.version = (voucher.version as number) + 1;
	return reversal;
}

/** Deletes a manual voucher; invoice/payment vouchers and reversed pairs stay. */
export function deleteVoucher(books: Books, voucher: Rec): void {
	if (voucher._source === 'invoice' || voucher._source === 'payment') {
		throw fieldError('id', 'Bilaget er knyttet til en faktura eller innbetaling og kan ikke slettes. Bruk kreditnota.');
	}
	if (voucher.reverseVoucher) throw fieldError('id', 'Bilaget er reversert eller er en reversering og kan ikke slettes.');
	for (const p of voucher.postings as Array<{ id: number }>) books.remove('Posting', p.id);
	books.remove('Voucher', voucher.id);
}
