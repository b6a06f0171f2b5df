import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { createOnce } from '../../../shared/createOnce';
import { toIsoDate } from '../../../shared/dates';
import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fromMinorUnits } from '../../../shared/money';
import { fail, parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { applyCharacterSet, readCharacterSetMode } from '../../charset';
import { findInvoiceByOriginalNumber, getPartner, getVatDefaults, resolveProduct } from '../../lookups';
import {
	blankToUndefined,
	limitedText,
	moneyAmount,
	optionalBusinessId,
	optionalCountry,
	optionalEmail,
	optionalIban,
	optionalId,
	optionalText,
	percentage,
} from '../../schemas';
import { procountorRequest, resultsOf } from '../../transport';
import type { PartnerInput } from '../businessPartner/shared';
import { buildPartnerBody, findExistingPartner, LANGUAGES, languageOptions, PAYMENT_METHODS, paymentMethodOptions } from '../businessPartner/shared';
import { characterSetOption, concurrencyOption } from '../common.descriptions';
import type { RowInput } from './rows';
import { checkArithmetic, rowsFromCollection, rowsInputSchema } from './rows';
import type { Address, InvoicePayload } from './shared';
import { channelFromData, channelProblems, invoicePayloadSchema } from './shared';

const addressFields = (withName: boolean): INodeProperties[] => [
	{ displayName: 'City', name: 'city', type: 'string', default: '', placeholder: 'e.g. Helsinki' },
	{
		displayName: 'Country',
		name: 'country',
		type: 'string',
		default: '',
		placeholder: 'e.g. FINLAND',
		description: 'As Procountor names it (FINLAND, SWEDEN...), or a common two-letter code such as FI or SE',
	},
	...(withName
		? [{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Recipient, if not the customer' } as INodeProperties]
		: []),
	{ displayName: 'Postcode', name: 'zip', type: 'string', default: '', placeholder: 'e.g. 00100' },
	{ displayName: 'Street', name: 'street', type: 'string', default: '', placeholder: 'e.g. Mannerheimintie 1' },
];

const properties: INodeProperties[] = [
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Kahvila Oy',
		description: 'The buyer: a company or a person',
	},
	{
		displayName: 'Customer Details',
		name: 'customer',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Business ID',
				name: 'businessId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1234567-8',
				description: 'Finnish business ID (Y-tunnus), checked before anything is sent; used to find the customer in the register',
			},
			{ displayName: 'Contact Person', name: 'contactPersonName', type: 'string', default: '' },
			{
				displayName: 'Customer Number',
				name: 'customerNumber',
				type: 'string',
				default: '',
				description: 'Used first to find the customer in the register',
			},
			{ displayName: 'E-Invoice Address', name: 'einvoiceAddress', type: 'string', default: '', placeholder: 'e.g. 003712345678' },
			{
				displayName: 'E-Invoice Operator',
				name: 'einvoiceOperator',
				type: 'string',
				default: '',
				placeholder: 'e.g. 003721291126',
				description: 'Operator (intermediator) code; required for an e-invoice to a Finnish address',
			},
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
		],
	},
	{
		displayName: 'Billing Address',
		name: 'billingAddress',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: addressFields(false),
	},
	{
		displayName: 'Delivery Address',
		name: 'deliveryAddress',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Leave empty when it is the billing address',
		options: addressFields(true),
	},
	{
		displayName: 'Invoice Date',
		name: 'invoiceDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-15',
		description: 'YYYY-MM-DD',
	},
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-07-29',
		description: 'YYYY-MM-DD. Leave empty to use the payment term.',
	},
	{
		displayName: 'Payment Term (Days)',
		name: 'paymentTermDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 14,
		description: 'Days from the invoice date to the due date, when no due date is given',
		displayOptions: { show: { dueDate: [''] } },
	},
	{
		displayName: 'Order Number',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1001',
		description:
			"The store's order number. Stored as the invoice's original invoice number and order reference, and used to find the invoice again.",
	},
	{
		displayName: 'Skip If It Already Exists',
		name: 'skipIfExists',
		type: 'boolean',
		default: true,
		description:
			'Whether to look for a sales invoice with this order number first and return it (marked alreadyExisted) instead of creating it twice',
		displayOptions: { hide: { reference: [''] } },
	},
	{
		displayName: 'Customer Register',
		name: 'customerRegister',
		type: 'options',
		options: [
			{
				name: 'Keep Order Data Only',
				value: 'none',
				description: 'Do not look in the business partner register; the invoice carries the order\'s customer data',
			},
			{
				name: 'Link or Create Partner',
				value: 'linkOrCreate',
				description: 'Link the invoice to the partner with this customer number or business ID; create the partner first when there is none',
			},
			{
				name: 'Link to Existing Partner',
				value: 'link',
				description: 'Link the invoice to the partner with this customer number or business ID, if there is one',
			},
		],
		default: 'linkOrCreate',
	},
	{
		displayName: 'Invoice Data From',
		name: 'dataSource',
		type: 'options',
		options: [
			{ name: 'Order', value: 'order', description: 'Name, addresses, email and e-invoice address as the order gives them' },
			{
				name: 'Register',
				value: 'register',
				description: 'As the linked business partner has them in Procountor; the order fills what the register lacks',
			},
		],
		default: 'order',
		displayOptions: { hide: { customerRegister: ['none'] } },
	},
	{
		displayName: 'Invoice Channel',
		name: 'invoiceChannel',
		type: 'options',
		options: [
			{ name: 'E-Invoice', value: 'ELECTRONIC_INVOICE' },
			{ name: 'Email', value: 'EMAIL' },
			{
				name: 'From the Data',
				value: 'auto',
				description: 'E-invoice address → e-invoice; email → email; full postal address → mail; otherwise no sending',
			},
			{ name: 'Mail', value: 'MAIL' },
			{ name: 'No Sending', value: 'NO_SENDING' },
		],
		default: 'auto',
		description: 'How Procountor sends the invoice once it is approved and sent',
	},
	{
		displayName: 'Prices Include VAT',
		name: 'pricesIncludeVat',
		type: 'boolean',
		default: true,
		description: 'Whether the unit prices include VAT, as web-store prices usually do',
	},
	{
		displayName: 'Rows Input',
		name: 'rowsSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Enter each invoice row in the node' },
			{
				name: 'From JSON',
				value: 'json',
				description: "Take an array of rows from the item, e.g. the store order's line items",
			},
		],
		default: 'fields',
	},
	{
		displayName: 'Invoice Rows',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Invoice Row',
		displayOptions: { show: { rowsSource: ['fields'] } },
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{ displayName: 'Comment', name: 'comment', type: 'string', default: '', description: 'Extra text on the row (up to 512 characters)' },
					{
						displayName: 'Discount (%)',
						name: 'discountPercent',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
						default: 0,
					},
					{
						displayName: 'Product Code',
						name: 'productCode',
						type: 'string',
						default: '',
						description: 'The SKU. With Match Products by Code on, links the row to the product with exactly this code.',
					},
					{
						displayName: 'Product Name',
						name: 'product',
						type: 'string',
						default: '',
						description: "The row text. May be left empty when the row is matched to a product by code (the product's name is used).",
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'number',
						typeOptions: { numberPrecision: 4 },
						default: 1,
					},
					{
						displayName: 'Unit',
						name: 'unit',
						type: 'options',
						options: [
							{ name: 'Hour', value: 'HOUR' },
							{ name: 'Kilogram', value: 'KILOGRAM' },
							{ name: 'No Unit', value: 'NO_UNIT' },
							{ name: 'Piece', value: 'PIECE' },
						],
						default: 'PIECE',
						description: 'Procountor unit; other units (Procountor has over 100) can be given as an expression, e.g. LITER',
					},
					{
						displayName: 'Unit Price',
						name: 'unitPrice',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12.50',
						description: 'Price per unit, including VAT when Prices Include VAT is on',
					},
					{
						displayName: 'VAT Percent Name or ID',
						name: 'vatPercent',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getVatPercentages' },
						default: '',
						description:
							'A VAT rate active in the company, e.g. 25.5. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	},
	{
		displayName: 'Invoice Rows (JSON)',
		name: 'rowsJson',
		type: 'json',
		default:
			'[\n  { "product": "Coffee cup", "productCode": "CUP-1", "quantity": 2, "unitPrice": 12.5, "vatPercent": 25.5 },\n  { "product": "Shipping", "quantity": 1, "unitPrice": 5.9, "vatPercent": 25.5 }\n]',
		description:
			'Array of rows with keys product (row text), productCode, quantity, unit, unitPrice, vatPercent, discountPercent, comment, and optionally total (the store\'s line total, to check the arithmetic)',
		displayOptions: { show: { rowsSource: ['json'] } },
	},
	{
		displayName: 'Bank Account Name or ID',
		name: 'bankAccount',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBankAccounts' },
		default: '',
		description:
			'The IBAN the customer pays to. Empty uses the company\'s default (or first) bank account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'VAT Status Name or ID',
		name: 'vatStatus',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getVatStatuses' },
		default: '',
		description:
			'How VAT is handled, e.g. 1 (domestic sales). Empty means 1. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Information',
				name: 'additionalInformation',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Text printed on the invoice',
			},
			{ displayName: 'Currency', name: 'currency', type: 'string', default: 'EUR', description: 'Three-letter code' },
			{
				displayName: 'Currency Rate',
				name: 'currencyRate',
				type: 'number',
				typeOptions: { numberPrecision: 6, minValue: 0 },
				default: 1,
			},
			{
				displayName: 'Generate Bank Reference',
				name: 'generateBankReference',
				type: 'boolean',
				default: true,
				description: 'Whether Procountor generates the payment reference (viitenumero) for the invoice',
			},
			{
				displayName: 'Invoice Discount (%)',
				name: 'discountPercent',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
				default: 0,
			},
			{
				displayName: 'Invoice Template Name or ID',
				name: 'invoiceTemplateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getInvoiceTemplates' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
			{ displayName: 'Language', name: 'language', type: 'options', options: languageOptions, default: 'FINNISH' },
			{ displayName: 'Notes', name: 'notes', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Internal notes, not printed' },
			{
				displayName: 'Order Total',
				name: 'orderTotal',
				type: 'string',
				default: '',
				placeholder: 'e.g. 30.90',
				description: "The store's order total incl. VAT; the rows must add up to it, checked in cents before sending.",
			},
			{
				displayName: 'Payment Method',
				name: 'paymentMethod',
				type: 'options',
				options: paymentMethodOptions,
				default: 'BANK_TRANSFER',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			characterSetOption,
			concurrencyOption,
			{
				displayName: 'Match Products by Code',
				name: 'matchProducts',
				type: 'boolean',
				default: false,
				description:
					'Whether to link rows to the product register by exact product code (Procountor\'s own filter matches substrings). Rows without a match stay free-text rows.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const orderInputSchema = z
	.object({
		customerName: z.string({ required_error: 'is required' }).trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
		customer: z
			.object({
				businessId: optionalBusinessId,
				contactPersonName: optionalText,
				customerNumber: limitedText(40),
				einvoiceAddress: optionalText,
				einvoiceOperator: optionalText,
				email: optionalEmail,
			})
			.strict(),
		billingAddress: z.object({ street: optionalText, zip: optionalText, city: optionalText, country: optionalCountry }).strict(),
		deliveryAddress: z
			.object({ name: optionalText, street: optionalText, zip: optionalText, city: optionalText, country: optionalCountry })
			.strict(),
		reference: limitedText(40),
		bankAccount: optionalIban,
		vatStatus: z.preprocess(blankToUndefined, z.coerce.number().int('must be a VAT status code such as 1').default(1)),
		additionalFields: z
			.object({
				additionalInformation: limitedText(10000),
				currency: z.preprocess(
					blankToUndefined,
					z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR').default('EUR'),
				),
				currencyRate: z.preprocess(blankToUndefined, z.coerce.number().positive('must be positive').default(1)),
				generateBankReference: z.boolean().default(true),
				discountPercent: z.preprocess(blankToUndefined, percentage.default(0)),
				invoiceTemplateId: optionalId,
				language: z.preprocess(blankToUndefined, z.enum(LANGUAGES).default('FINNISH')),
				notes: limitedText(10000),
				orderTotal: z.preprocess(blankToUndefined, moneyAmount.optional()),
				paymentMethod: z.preprocess(blankToUndefined, z.enum(PAYMENT_METHODS).default('BANK_TRANSFER')),
			})
			.strict(),
	})
	.strict();

type OrderInput = z.output<typeof orderInputSchema>;

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

function nonEmptyAddress(address: Address): Address | undefined {
	const cleaned = withoutUndefined(address);
	return Object.values(cleaned).some((value) => value !== undefined && value !== '') ? cleaned : undefined;
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

/** The invoice as the order alone describes it; register data and product matches are merged in later. */
function draftFromOrder(
	order: OrderInput,
	rows: RowInput[],
	dates: { date: string; dueDate: string },
	pricesIncludeVat: boolean,
	channel: string,
): InvoicePayload {
	const { customer, additionalFields } = order;
	const counterPartyAddress = withoutUndefined({ name: order.customerName, ...order.billingAddress });
	const billingAddress = nonEmptyAddress(order.billingAddress) ? counterPartyAddress : undefined;
	const delivery = nonEmptyAddress(order.deliveryAddress);
	const draft = {
		type: 'SALES_INVOICE' as const,
		date: dates.date,
		counterParty: withoutUndefined({
			counterPartyAddress,
			contactPersonName: customer.contactPersonName,
			identifier: customer.businessId,
			customerNumber: customer.customerNumber,
			email: customer.email,
			einvoiceAddress: customer.einvoiceAddress
				? withoutUndefined({ address: customer.einvoiceAddress, operator: customer.einvoiceOperator })
				: undefined,
		}),
		billingAddress,
		deliveryAddress: delivery ? { name: order.customerName, ...delivery } : undefined,
		paymentInfo: withoutUndefined({
			paymentMethod: additionalFields.paymentMethod,
			currency: additionalFields.currency,
			dueDate: dates.dueDate,
			currencyRate: additionalFields.currencyRate,
			bankAccount: order.bankAccount ? { accountNumber: order.bankAccount } : undefined,
			// "" asks Procountor to generate the reference; leaving it out means no reference.
			bankReferenceCode: additionalFields.generateBankReference ? '' : undefined,
		}),
		extraInfo: { accountingByRow: false, unitPricesIncludeVat: pricesIncludeVat },
		discountPercent: additionalFields.discountPercent,
		invoiceRows: rows.map((row) =>
			withoutUndefined({
				product: row.product ?? '',
				productCode: row.productCode,
				quantity: row.quantity,
				unit: row.unit,
				unitPrice: row.unitPrice === undefined ? undefined : fromMinorUnits(row.unitPrice),
				discountPercent: row.discountPercent,
				vatPercent: row.vatPercent as number,
				comment: row.comment,
			}),
		),
		vatStatus: order.vatStatus,
		invoiceChannel: 'NO_SENDING' as InvoicePayload['invoiceChannel'],
		language: additionalFields.language,
		originalInvoiceNumber: order.reference,
		orderReference: order.reference,
		additionalInformation: additionalFields.additionalInformation,
		notes: additionalFields.notes,
		invoiceTemplateId: additionalFields.invoiceTemplateId,
	};
	draft.invoiceChannel = channel === 'auto' ? channelFromData(draft) : (channel as InvoicePayload['invoiceChannel']);
	return withoutUndefined(draft) as InvoicePayload;
}

function failChannel(this: IExecuteFunctions, invoice: InvoicePayload, itemIndex: number): void {
	const problems = channelProblems(invoice);
	if (!problems.length) return;
	const [first] = problems;
	const path = first.path.join('.');
	fail(
		this.getNode(),
		`${path} in item ${itemIndex} ${first.message} (invoice channel ${invoice.invoiceChannel})`,
		itemIndex,
		[
			...problems.map((problem) => `• ${problem.path.join('.')}: ${problem.message}`),
			'Map the missing data, or choose another Invoice Channel (From the Data picks one the order can satisfy). Nothing was sent.',
		].join('\n'),
	);
}

/** Rows need a text, a price and a VAT rate, unless a matched product supplies them. */
function rowGaps(invoice: InvoicePayload): Array<{ path: Array<string | number>; message: string }> {
	const gaps: Array<{ path: Array<string | number>; message: string }> = [];
	invoice.invoiceRows.forEach((row, index) => {
		if (!row.product) gaps.push({ path: ['rows', index, 'product'], message: 'is required (the row text), or match the row to a product by code' });
		if (row.unitPrice === undefined) gaps.push({ path: ['rows', index, 'unitPrice'], message: 'is required' });
		if (row.vatPercent === undefined) gaps.push({ path: ['rows', index, 'vatPercent'], message: 'is required' });
	});
	return gaps;
}

function failGaps(this: IExecuteFunctions, gaps: Array<{ path: Array<string | number>; message: string }>, itemIndex: number): void {
	if (!gaps.length) return;
	const name = (path: Array<string | number>) => path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
	fail(
		this.getNode(),
		`Invalid ${name(gaps[0].path)} in item ${itemIndex}: ${gaps[0].message}`,
		itemIndex,
		[...gaps.slice(0, 10).map((gap) => `• ${name(gap.path)}: ${gap.message}`), 'Nothing was sent.'].join('\n'),
	);
}

interface PartnerOutcome {
	id: number;
	matchedBy: 'customerNumber' | 'businessId' | null;
	created: boolean;
	record: IDataObject;
}

/** Finds (and, if asked, creates) the customer; one lookup per customer per execution. */
async function linkPartner(
	this: IExecuteFunctions,
	cache: LookupCache,
	order: OrderInput,
	draft: InvoicePayload,
	mode: string,
	itemIndex: number,
): Promise<PartnerOutcome | undefined> {
	const keys = { customerNumber: draft.counterParty.customerNumber, businessId: draft.counterParty.identifier };
	if (!keys.customerNumber && !keys.businessId) return undefined;
	const key = `partner:${keys.customerNumber ?? ''}|${keys.businessId ?? ''}|${mode}`;
	return await cache.get(key, async () => {
		const found = await findExistingPartner.call(this, keys, itemIndex);
		if (found) {
			return { id: Number(found.partner.id), matchedBy: found.matchedBy, created: false, record: found.partner };
		}
		if (mode !== 'linkOrCreate') return undefined;
		const address = draft.counterParty.counterPartyAddress;
		const input: PartnerInput = {
			name: address.name,
			type: 'CUSTOMER',
			businessId: keys.businessId,
			customerNumber: keys.customerNumber,
			email: draft.counterParty.email,
			einvoiceAddress: draft.counterParty.einvoiceAddress?.address,
			einvoiceOperator: draft.counterParty.einvoiceAddress?.operator,
			invoiceChannel: draft.invoiceChannel,
			language: draft.language,
			paymentMethod: order.additionalFields.paymentMethod,
			street: address.street,
			zip: address.zip,
			city: address.city,
			country: address.country,
		};
		const created = await procountorRequest.call(this, 'POST', '/businesspartners', { body: buildPartnerBody(input), itemIndex });
		return { id: Number(created.id), matchedBy: null, created: true, record: created };
	});
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

/** The register's customer data over the order's (the order fills what the register lacks). */
function mergeRegisterData(draft: InvoicePayload, partner: IDataObject, channel: string): InvoicePayload {
	const address = (partner.address ?? {}) as IDataObject;
	const invoicingInfo = (partner.invoicingInfo ?? {}) as IDataObject;
	const orderAddress = draft.counterParty.counterPartyAddress;
	const counterPartyAddress = withoutUndefined({
		name: text(partner.name) ?? orderAddress.name,
		specifier: text(address.specifier) ?? orderAddress.specifier,
		street: text(address.street) ?? orderAddress.street,
		zip: text(address.zip) ?? orderAddress.zip,
		city: text(address.city) ?? orderAddress.city,
		country: text(address.country) ?? orderAddress.country,
	});
	const einvoiceAddress = text(invoicingInfo.einvoiceAddress);
	const merged: InvoicePayload = {
		...draft,
		counterParty: withoutUndefined({
			...draft.counterParty,
			counterPartyAddress,
			identifier: text(invoicingInfo.identifier) ?? draft.counterParty.identifier,
			customerNumber: text(invoicingInfo.customerNumber) ?? draft.counterParty.customerNumber,
			email: text(invoicingInfo.email) ?? draft.counterParty.email,
			einvoiceAddress: einvoiceAddress
				? withoutUndefined({ address: einvoiceAddress, operator: text(invoicingInfo.einvoiceOperator) })
				: draft.counterParty.einvoiceAddress,
		}),
		billingAddress: draft.billingAddress || counterPartyAddress.street ? counterPartyAddress : undefined,
	};
	merged.invoiceChannel = channel === 'auto' ? channelFromData(merged) : merged.invoiceChannel;
	return withoutUndefined(merged);
}

/** Rows with a product code get the product with exactly that code: its id, and its name/unit/VAT where the row has none. */
async function matchProducts(this: IExecuteFunctions, cache: LookupCache, invoice: InvoicePayload, itemIndex: number): Promise<InvoicePayload> {
	const rows = [];
	for (const row of invoice.invoiceRows) {
		if (!row.productCode) {
			rows.push(row);
			continue;
		}
		const product = await resolveProduct.call(this, cache, row.productCode, itemIndex);
		if (!product) {
			rows.push(row);
			continue;
		}
		rows.push(
			withoutUndefined({
				...row,
				productId: Number(product.id),
				product: row.product || text(product.name) || '',
				unit: row.unit,
				unitPrice: row.unitPrice === undefined && typeof product.price === 'number' ? product.price : row.unitPrice,
				vatPercent: row.vatPercent ?? (typeof product.vat === 'number' ? product.vat : undefined),
			}) as InvoicePayload['invoiceRows'][number],
		);
	}
	return { ...invoice, invoiceRows: rows };
}

async function defaultBankAccount(this: IExecuteFunctions, cache: LookupCache, itemIndex: number): Promise<string> {
	const accountNumber = await cache.get('bankAccount:default', async () => {
		const accounts = resultsOf(await procountorRequest.call(this, 'GET', '/bankaccounts', { itemIndex }));
		const usable = accounts.filter((account) => text(account.accountNumber));
		return text((usable.find((account) => account.defaultAccount === true) ?? usable[0])?.accountNumber);
	});
	if (!accountNumber) {
		fail(
			this.getNode(),
			`Item ${itemIndex} needs a bank account for a bank transfer, and the company has none in Procountor`,
			itemIndex,
			'Add a bank account in Procountor, or choose Bank Account in the node. Nothing was sent.',
		);
	}
	return accountNumber.replace(/\s/g, '');
}

async function checkVat(this: IExecuteFunctions, cache: LookupCache, invoice: InvoicePayload, itemIndex: number): Promise<void> {
	const { percentages, statuses } = await getVatDefaults.call(this, cache, itemIndex);
	const problems: Array<{ path: Array<string | number>; message: string }> = [];
	invoice.invoiceRows.forEach((row, index) => {
		if (row.vatPercent !== undefined && percentages.length && !percentages.includes(row.vatPercent)) {
			problems.push({
				path: ['rows', index, 'vatPercent'],
				message: `${row.vatPercent} % is not a VAT rate Procountor offers (${percentages.join(', ')})`,
			});
		}
	});
	if (statuses.length && !statuses.some((status) => status.vatStatus === invoice.vatStatus)) {
		problems.push({
			path: ['vatStatus'],
			message: `${invoice.vatStatus} is not a sales VAT status Procountor offers (${statuses.map((status) => status.vatStatus).join(', ')})`,
		});
	}
	failGaps.call(this, problems, itemIndex);
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
			if (!matchByCode) failGaps.call(this, rowGaps(invoice), itemIndex);
			const complete = rows.every((row) => row.unitPrice !== undefined && row.vatPercent !== undefined);
			if (complete) {
				const problems = checkArithmetic(
					rows as Array<RowInput & { unitPrice: number; vatPercent: number }>,
					pricesIncludeVat,
					order.additionalFields.discountPercent,
					order.additionalFields.orderTotal,
				);
				failGaps.call(this, problems, itemIndex);
			}
			// Register data may still supply what the order lacks for its channel.
			if (dataSource === 'order') failChannel.call(this, invoice, itemIndex);

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
					failGaps.call(this, rowGaps(invoice), itemIndex);
					await checkVat.call(this, cache, invoice, itemIndex);
				}
				if (invoice.paymentInfo.paymentMethod === 'BANK_TRANSFER' && !invoice.paymentInfo.bankAccount) {
					invoice.paymentInfo.bankAccount = { accountNumber: await defaultBankAccount.call(this, cache, itemIndex) };
				}
				failChannel.call(this, invoice, itemIndex);
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
