import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { BOUNDS } from '../../../shared/bounds';
import { addDays, readDateParameter } from '../../../shared/dates';
import type { InputFormat } from '../../../shared/inputFormat';
import { readInputFormat } from '../../../shared/inputFormat';
import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fail, parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { applyCharacterSet, readCharacterSetMode } from '../../charset';
import { findInvoiceByOriginalNumber, getPartner } from '../../lookups';
import { procountorRequest, procountorService } from '../../transport';
import { channelProblems } from './channel';
import { checkVat, defaultBankAccount } from './companySettings';
import { createFields } from './createFields';
import type { PartnerOutcome } from './customerRegister';
import { linkPartner, mergeRegisterData } from './customerRegister';
import type { OrderInput } from './order';
import { draftFromOrder, orderInputSchemaFor } from './order';
import type { Problem } from './problems';
import { failOnChannelProblems, failOnProblems } from './problems';
import { matchProducts } from './productRegister';
import type { RowInput } from './rows';
import { checkArithmetic, rowGaps, rowsFromCollection, rowsInputSchemaFor } from './rows';
import type { InvoicePayload } from './shared';
import { invoicePayloadSchema } from './shared';

const displayOptions = { show: { resource: ['invoice'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, createFields);

function readRows(this: IExecuteFunctions, itemIndex: number, format: InputFormat): RowInput[] {
	const raw = readListParameter.call(this, itemIndex, {
		source: 'rowsSource',
		json: 'rowsJson',
		collection: 'rows',
		entry: 'row',
		label: 'Invoice Rows (JSON)',
		example: '[{"product": "Coffee cup", "quantity": 2, "unitPrice": 12.5, "vatPercent": 25.5}]',
		fromCollection: rowsFromCollection,
	});
	return parseOrThrow(this.getNode(), rowsInputSchemaFor(format), { rows: raw }, itemIndex).rows;
}

function readDates(this: IExecuteFunctions, itemIndex: number): { date: string; dueDate: string } {
	const date = readDateParameter.call(this, 'invoiceDate', 'Invoice Date', itemIndex, { required: true }) as string;
	const dueDate = readDateParameter.call(this, 'dueDate', 'Due Date', itemIndex);
	if (dueDate !== undefined) return { date, dueDate };
	const days = Number(this.getNodeParameter('paymentTermDays', itemIndex, 14));
	if (!Number.isInteger(days) || days < 0 || days > BOUNDS.paymentTermDays) {
		fail(
			this.getNode(),
			`Payment Term (Days) in item ${itemIndex} must be a whole number of days from 0 to ${BOUNDS.paymentTermDays}`,
			itemIndex,
			'Give the days until the due date, or a Due Date. Nothing was sent.',
		);
	}
	return { date, dueDate: addDays(date, days) };
}

/**
 * The draft against Procountor's invoice schema (lengths, due date after the invoice date, ...),
 * before any request. Left out: what the lookups may still supply, i.e. the company's default bank
 * account, a matched product's text, price and VAT, and register data for the invoice channel.
 */
function failOnDraftProblems(
	this: IExecuteFunctions,
	invoice: InvoicePayload,
	itemIndex: number,
	later: { matchByCode: boolean; dataSource: string },
): void {
	// Stand-ins for what the lookups supply, so zod checks everything else (it skips its
	// refinements, such as the due date's, while a field has the wrong type).
	const probe = withoutUndefined(invoice);
	probe.paymentInfo.bankAccount ??= { accountNumber: 'from the company settings' };
	if (later.matchByCode) {
		for (const row of probe.invoiceRows) {
			row.product ||= 'from the product register';
			row.unitPrice ??= 0;
			row.vatPercent ??= 0;
		}
	}
	const result = invoicePayloadSchema.safeParse(probe);
	if (result.success) return;
	const channelKeys = new Set(channelProblems(probe).map((problem) => `${problem.path.join('.')} ${problem.message}`));
	const problems: Problem[] = result.error.issues
		// Register data may still supply what the invoice channel needs.
		.filter((issue) => !(later.dataSource === 'register' && channelKeys.has(`${issue.path.join('.')} ${issue.message}`)))
		// The names the user gives: "rows", "dueDate".
		.map((issue) => ({
			path: issue.path.join('.') === 'paymentInfo.dueDate' ? ['dueDate'] : issue.path.map((part) => (part === 'invoiceRows' ? 'rows' : part)),
			message: issue.message,
		}));
	failOnProblems.call(this, problems, itemIndex);
}

function readOrder(this: IExecuteFunctions, itemIndex: number, format: InputFormat): OrderInput {
	return parseOrThrow(
		this.getNode(),
		orderInputSchemaFor(format),
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
			const format = readInputFormat.call(this, itemIndex);
			const order = readOrder.call(this, itemIndex, format);
			const rows = readRows.call(this, itemIndex, format);
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
			failOnDraftProblems.call(this, invoice, itemIndex, { matchByCode, dataSource });

			// 2. Checks against the company's settings (reads only).
			await checkVat.call(this, cache, invoice, itemIndex);

			const reference = invoice.originalInvoiceNumber;
			const skipIfExists = reference ? (this.getNodeParameter('skipIfExists', itemIndex, true) as boolean) : false;
			const find = reference ? async () => await findInvoiceByOriginalNumber.call(this, reference, itemIndex) : undefined;

			// 3. Under the lock on the order number: the register, products and bank account, then the invoice.
			const result = await writeOnce<IDataObject>(this, {
				service: procountorService,
				itemIndex,
				kind: 'invoice',
				reference,
				payload: invoice,
				skipIfExists,
				find,
				write: async () => {
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
					const created = await procountorRequest.call(this, 'POST', '/invoices', { body: payload as unknown as IDataObject, itemIndex });
					const businessPartner = partner ? { id: partner.id, matchedBy: partner.matchedBy, created: partner.created } : null;
					return { ...created, businessPartner };
				},
				whereToCheck: reference
					? `Procountor's sales invoices for original invoice number ${reference}`
					: `Procountor's sales invoices for ${invoice.counterParty.counterPartyAddress.name} dated ${invoice.date}`,
			});
			// Found by the lookup: the register was not consulted. From the ledger: as it was when written.
			return { ...result.record, alreadyExisted: result.existed, businessPartner: result.record.businessPartner ?? null };
		},
		concurrency,
	);
}
