import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOnce } from '../../../shared/createOnce';
import { toIsoDate } from '../../../shared/dates';
import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fail, parseOrThrow, readListParameter } from '../../../shared/validation';
import { applyCharacterSet, readCharacterSetMode } from '../../charset';
import { findInvoiceByOriginalNumber, getPartner } from '../../lookups';
import { procountorRequest } from '../../transport';
import { checkVat, defaultBankAccount } from './companySettings';
import { createFields } from './createFields';
import type { PartnerOutcome } from './customerRegister';
import { linkPartner, mergeRegisterData } from './customerRegister';
import type { OrderInput } from './order';
import { draftFromOrder, orderInputSchema } from './order';
import { failOnChannelProblems, failOnProblems } from './problems';
import { matchProducts } from './productRegister';
import type { RowInput } from './rows';
import { checkArithmetic, rowGaps, rowsFromCollection, rowsInputSchema } from './rows';
import type { InvoicePayload } from './shared';
import { invoicePayloadSchema } from './shared';

const displayOptions = { show: { resource: ['invoice'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, createFields);

function readRows(this: IExecuteFunctions, itemIndex: number): RowInput[] {
	const raw = readListParameter.call(this, itemIndex, {
		source: 'rowsSource',
		json: 'rowsJson',
		collection: 'rows',
		entry: 'row',
		label: 'Invoice Rows (JSON)',
		example: '[{"product": "Coffee cup", "quantity": 2, "unitPrice": 12.5, "vatPercent": 25.5}]',
		fromCollection: rowsFromCollection,
	});
	return parseOrThrow(this.getNode(), rowsInputSchema, { rows: raw }, itemIndex).rows;
}

function readDates(this: IExecuteFunctions, itemIndex: number): { date: string; dueDate: string } {
	const date = toIsoDate(this.getNodeParameter('invoiceDate', itemIndex));
	if (!date) {
		fail(this.getNode(), `Invoice Date in item ${itemIndex} is missing or not a date`, itemIndex, 'Use YYYY-MM-DD, e.g. 2026-07-15. Nothing was sent.');
	}
	const rawDueDate = this.getNodeParameter('dueDate', itemIndex, '');
	let dueDate: string | undefined;
	if (rawDueDate === '' || rawDueDate === null || rawDueDate === undefined) {
		const days = Number(this.getNodeParameter('paymentTermDays', itemIndex, 14));
		if (!Number.isInteger(days) || days < 0) {
			fail(this.getNode(), `Payment Term (Days) in item ${itemIndex} must be a whole number of days`, itemIndex, 'Nothing was sent.');
		}
		const due = new Date(`${date}T00:00:00Z`);
		due.setUTCDate(due.getUTCDate() + days);
		dueDate = due.toISOString().slice(0, 10);
	} else {
		dueDate = toIsoDate(rawDueDate);
	}
	if (!dueDate) {
		fail(this.getNode(), `Due Date in item ${itemIndex} is not a date`, itemIndex, 'Use YYYY-MM-DD, or leave it empty to use the payment term. Nothing was sent.');
	}
	return { date, dueDate };
}

function readOrder(this: IExecuteFunctions, itemIndex: number): OrderInput {
	return parseOrThrow(
		this.getNode(),
		orderInputSchema,
		{
			customerName: this.getNodeParameter('customerName', itemIndex),
			customer: this.getNodeParameter('customer', itemIndex, {}),
			billingAddress: this.getNodeParameter('billingAddress', itemIndex, {}),
			deliveryAddress: this.getNodeParameter('deliveryAddress', itemIndex, {}),
			reference: this.getNodeParameter('reference', itemIndex, ''),
			bankAccount: this.getNodeParameter('bankAccount', itemIndex, ''),
			vatStatus: this.getNodeParameter('vatStatus', itemIndex, ''),
			additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}),
		},
		itemIndex,
	);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	cache: LookupCache,
): Promise<INodeExecutionData[]> {
	const concurrency = readConcurrency.call(this);
	return await processItems.call(
		this,
		items,
		async (itemIndex) => {
			// 1. Everything that can be checked without asking Procountor.
			const order = readOrder.call(this, itemIndex);
			const rows = readRows.call(this, itemIndex);
			const dates = readDates.call(this, itemIndex);
			const pricesIncludeVat = this.getNodeParameter('pricesIncludeVat', itemIndex, true) as boolean;
			const channel = this.getNodeParameter('invoiceChannel', itemIndex, 'auto') as string;
			const registerMode = this.getNodeParameter('customerRegister', itemIndex, 'linkOrCreate') as string;
			const dataSource = registerMode === 'none' ? 'order' : (this.getNodeParameter('dataSource', itemIndex, 'order') as string);
			const matchByCode = this.getNodeParameter('options.matchProducts', itemIndex, false) as boolean;

			let invoice = draftFromOrder(order, rows, dates, pricesIncludeVat, channel);
			invoice = applyCharacterSet.call(this, invoice, readCharacterSetMode.call(this, itemIndex), itemIndex) as InvoicePayload;
			if (!matchByCode) failOnProblems.call(this, rowGaps(invoice), itemIndex);
			const complete = rows.every((row) => row.unitPrice !== undefined && row.vatPercent !== undefined);
			if (complete) {
				const problems = checkArithmetic(
					rows as Array<RowInput & { unitPrice: number; vatPercent: number }>,
					pricesIncludeVat,
					order.additionalFields.discountPercent,
					order.additionalFields.orderTotal,
				);
				failOnProblems.call(this, problems, itemIndex);
			}
			// Register data may still supply what the order lacks for its channel.
			if (dataSource === 'order') failOnChannelProblems.call(this, invoice, itemIndex);

			// 2. Checks against the company's settings (reads only).
			await checkVat.call(this, cache, invoice, itemIndex);

			const reference = invoice.originalInvoiceNumber;
			const skipIfExists = reference ? (this.getNodeParameter('skipIfExists', itemIndex, true) as boolean) : false;
			const find = reference ? async () => await findInvoiceByOriginalNumber.call(this, reference, itemIndex) : undefined;

			const createInvoice = async (): Promise<IDataObject> => {
				if (skipIfExists && find) {
					const existing = await find();
					if (existing) return { ...existing, alreadyExisted: true, businessPartner: null };
				}

				// 3. Customer register, products, bank account.
				let partner: PartnerOutcome | undefined;
				if (registerMode !== 'none') {
					partner = await linkPartner.call(this, cache, order, invoice, registerMode, itemIndex);
					if (partner) {
						invoice.partnerId = partner.id;
						if (dataSource === 'register') {
							const record = partner.created ? partner.record : await getPartner.call(this, partner.id, itemIndex);
							invoice = mergeRegisterData(invoice, record, channel);
						}
					}
				}
				if (matchByCode) {
					invoice = await matchProducts.call(this, cache, invoice, itemIndex);
					failOnProblems.call(this, rowGaps(invoice), itemIndex);
					await checkVat.call(this, cache, invoice, itemIndex);
				}
				if (invoice.paymentInfo.paymentMethod === 'BANK_TRANSFER' && !invoice.paymentInfo.bankAccount) {
					invoice.paymentInfo.bankAccount = { accountNumber: await defaultBankAccount.call(this, cache, itemIndex) };
				}
				failOnChannelProblems.call(this, invoice, itemIndex);
				const payload = parseOrThrow(this.getNode(), invoicePayloadSchema, invoice, itemIndex);

				// 4. One invoice per order number, even when the answer to the POST is lost.
				const result = await createOnce<IDataObject>({
					skipIfExists: false,
					find,
					create: async () =>
						await procountorRequest.call(this, 'POST', '/invoices', { body: payload as unknown as IDataObject, itemIndex }),
				});
				return {
					...result.record,
					alreadyExisted: false,
					businessPartner: partner ? { id: partner.id, matchedBy: partner.matchedBy, created: partner.created } : null,
				};
			};

			if (!skipIfExists || !reference) return await createInvoice();
			// The same order twice in one batch (even with Concurrency above 1): one invoice.
			let first = false;
			const output = await cache.get(`invoice:${reference}`, async () => {
				first = true;
				return await createInvoice();
			});
			return first ? output : { ...output, alreadyExisted: true };
		},
		concurrency,
	);
}
