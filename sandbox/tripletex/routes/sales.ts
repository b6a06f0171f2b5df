import { renderTextPdf } from '../../framework/pdf';
import type { Router } from '../../framework/router';
import { addRoute, type RequestContext, type TripletexCore } from '../api';
import { validationFailed, type ValidationMessage } from '../errors';
import { assertValid, checkOrderBody, invoiceOrder, registerPayment, storeOrderLine, type Prepayment } from '../invoicing';
import { toOre } from '../money';
import { NOK_CURRENCY_ID } from '../seed';
import { ref, refId, type Rec } from '../state';
import { copyWritable } from '../writable';

function dateRange(ctx: RequestContext, fromName: string, toName: string): { from: string; to: string } {
	const from = ctx.query.date(fromName)!;
	const to = ctx.query.date(toName)!;
	if (from >= to) throw validationFailed([{ field: toName, message: `${toName} må være etter ${fromName}.`, path: toName }]);
	return { from, to };
}

function paymentType(ctx: RequestContext, id: number, field: string, messages: ValidationMessage[]): Rec | undefined {
	const type = ctx.books.get('PaymentType', id);
	if (!type) messages.push({ field, message: `Betalingstypen med id ${id} finnes ikke.`, path: field });
	return type;
}

function invoicePdf(ctx: RequestContext, invoice: Rec): Buffer {
	const customer = ctx.books.get('Customer', refId(invoice.customer));
	const lines = [
		'Sandbox Handel AS',
		'',
		`Faktura ${String(invoice.invoiceNumber)}`,
		`Fakturadato: ${String(invoice.invoiceDate)}`,
		`Forfallsdato: ${String(invoice.invoiceDueDate)}`,
		`Kunde: ${String(customer?.name ?? '')} (${String(customer?.customerNumber ?? '')})`,
		'',
	];
	for (const l of (invoice.orderLines as Array<{ id: number }>).map((r) => ctx.books.get('OrderLine', r.id))) {
		if (!l) continue;
		const amount = (l.amountIncludingVatCurrency as number).toFixed(2);
		lines.push(`${String(l.description).slice(0, 40).padEnd(40)} ${String(l.count).padStart(6)}  ${amount.padStart(12)}`);
	}
	const nok = (value: unknown) => `${(value as number).toFixed(2)} NOK`;
	lines.push('', `Sum eks. mva: ${nok(invoice.amountExcludingVat)}`, `Å betale: ${nok(invoice.amount)}`);
	lines.push(`Utestående: ${nok(invoice.amountOutstanding)}`);
	return renderTextPdf(lines, { title: `Faktura ${String(invoice.invoiceNumber)}` });
}

export function registerSalesRoutes(router: Router, core: TripletexCore): void {
	addRoute(router, core, 'POST', '/order', (ctx) => {
		const books = ctx.books;
		const body = ctx.body;
		const { messages, lines } = checkOrderBody(books, body);
		assertValid(messages);
		const customer = books.get('Customer', refId(body.customer))!;
		const order: Record<string, unknown> = {
			reference: '',
			invoiceComment: '',
			deliveryComment: '',
			receiverEmail: (customer.invoiceEmail as string) || (customer.email as string) || '',
			invoicesDueIn: customer.invoicesDueIn,
			invoicesDueInType: customer.invoicesDueInType ?? 'DAYS',
			isShowOpenPostsOnInvoices: false,
			isClosed: false,
			isSubscription: false,
			orderLineSorting: 'ID',
			discountPercentage: 0,
			currency: ref(NOK_CURRENCY_ID),
		};
		copyWritable('Order', body, order, ['orderLines', 'orderGroups', 'number', 'customer']);
		const created = books.insert('Order', {
			...order,
			customer: ref(customer.id),
			number: String(books.counters.orderNumber++),
			isPrioritizeAmountsIncludingVat: body.isPrioritizeAmountsIncludingVat === true,
			customerName: customer.name,
			displayName: '',
			orderLines: [] as Array<{ id: number }>,
			_invoiceId: null,
		});
		created.displayName = `${String(created.number)} ${String(customer.name)}`;
		created.orderLines = lines.map((line, i) => ref(storeOrderLine(books, created.id, line, i).id));
		ctx.publish('order.create', created);
		return ctx.single('Order', created, 201);
	});

	addRoute(router, core, 'GET', '/order/{id}', (ctx) => ctx.single('Order', ctx.find('Order', ctx.pathId())));

	addRoute(router, core, 'GET', '/order', (ctx) => {
		const { from, to } = dateRange(ctx, 'orderDateFrom', 'orderDateTo');
		const ids = ctx.query.idList('id');
		const customerIds = ctx.query.idList('customerId');
		const number = ctx.query.string('number');
		const isClosed = ctx.query.bool('isClosed');
		const orders = ctx.books.all('Order').filter(
			(o) =>
				(o.orderDate as string) >= from &&
				(o.orderDate as string) < to &&
				(!ids || ids.includes(o.id)) &&
				(!customerIds || customerIds.includes(refId(o.customer) ?? -1)) &&
				(number === undefined || o.number === number) &&
				(isClosed === undefined || o.isClosed === isClosed),
		);
		return ctx.list('Order', orders);
	});

	addRoute(router, core, 'GET', '/order/orderline/{id}', (ctx) => ctx.single('OrderLine', ctx.find('OrderLine', ctx.pathId())));

	addRoute(router, core, 'PUT', '/order/{id}/:invoice', (ctx) => {
		const order = ctx.find('Order', ctx.pathId());
		const q = ctx.query;
		const invoiceDate = q.date('invoiceDate')!;
		const paymentTypeId = q.int('paymentTypeId') ?? 0;
		const paidAmount = q.number('paidAmount');
		const messages: ValidationMessage[] = [];
		let prepayment: Prepayment | undefined;
		// paymentTypeId and paidAmount are optional, but only together.
		if (paymentTypeId > 0 && paidAmount === undefined) {
			messages.push({ field: 'paidAmount', message: 'Kan ikke være null når paymentTypeId er angitt.', path: 'paidAmount' });
		}
		if (paymentTypeId <= 0 && paidAmount !== undefined && paidAmount !== 0) {
			messages.push({ field: 'paymentTypeId', message: 'Kan ikke være null når paidAmount er angitt.', path: 'paymentTypeId' });
		}
		if (paymentTypeId > 0 && paidAmount !== undefined) {
			const type = paymentType(ctx, paymentTypeId, 'paymentTypeId', messages);
			if (type && paidAmount !== 0) prepayment = { paymentType: type, paidOre: toOre(paidAmount) };
		}
		if (messages.length) throw validationFailed(messages);
		const invoice = invoiceOrder(ctx.books, order, invoiceDate, prepayment, q.bool('sendToCustomer') ?? true);
		ctx.publish('invoice.charged', invoice);
		return ctx.single('Invoice', invoice);
	});

	addRoute(router, core, 'GET', '/invoice/{id}', (ctx) => ctx.single('Invoice', ctx.find('Invoice', ctx.pathId())));

	addRoute(router, core, 'GET', '/invoice', (ctx) => {
		const { from, to } = dateRange(ctx, 'invoiceDateFrom', 'invoiceDateTo');
		const q = ctx.query;
		const ids = q.idList('id');
		const voucherIds = q.idList('voucherId');
		const invoiceNumber = q.string('invoiceNumber');
		const customerId = q.int('customerId');
		const kid = q.string('kid');
		const invoices = ctx.books.all('Invoice').filter(
			(i) =>
				(i.invoiceDate as string) >= from &&
				(i.invoiceDate as string) < to &&
				(!ids || ids.includes(i.id)) &&
				(!voucherIds || voucherIds.includes(refId(i.voucher) ?? -1)) &&
				(invoiceNumber === undefined || String(i.invoiceNumber) === invoiceNumber) &&
				(customerId === undefined || refId(i.customer) === customerId) &&
				(kid === undefined || i.kid === kid),
		);
		return ctx.list('Invoice', invoices);
	});

	addRoute(router, core, 'GET', '/invoice/{invoiceId}/pdf', (ctx) => {
		const invoice = ctx.find('Invoice', ctx.pathId('invoiceId'));
		return {
			status: 200,
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="faktura-${String(invoice.invoiceNumber)}.pdf"`,
			},
			body: invoicePdf(ctx, invoice),
		};
	});

	addRoute(router, core, 'PUT', '/invoice/{id}/:payment', (ctx) => {
		const invoice = ctx.find('Invoice', ctx.pathId());
		const q = ctx.query;
		const paymentDate = q.date('paymentDate')!;
		const paidAmount = q.number('paidAmount')!;
		const messages: ValidationMessage[] = [];
		const type = paymentType(ctx, q.int('paymentTypeId')!, 'paymentTypeId', messages);
		if (paidAmount === 0) messages.push({ field: 'paidAmount', message: 'Beløpet kan ikke være 0.', path: 'paidAmount' });
		if (messages.length || !type) throw validationFailed(messages);
		registerPayment(ctx.books, invoice, paymentDate, type, toOre(paidAmount));
		return ctx.single('Invoice', invoice);
	});
}
