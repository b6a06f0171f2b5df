import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { fromMinorUnits } from '../../../shared/money';
import { parseOrThrow, withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { findProductByNumber, resolveVatType } from '../../lookups';
import { blankToUndefined, moneyAmount, optionalText, optionalVatCode } from '../../schemas';
import { tripletexRequest, tripletexService } from '../../transport';
import { concurrencyOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. City Bike 28"',
		description: 'Product names must be unique in Tripletex',
	},
	{
		displayName: 'Product Number',
		name: 'number',
		type: 'string',
		default: '',
		placeholder: 'e.g. SKU-1001',
		description: 'Your product number, such as the store SKU. Used to find the product again and to prevent duplicates.',
	},
	{
		displayName: 'Skip If It Already Exists',
		name: 'skipIfExists',
		type: 'boolean',
		default: true,
		description:
			'Whether to look up the product number first and return the existing product (marked alreadyExisted) instead of creating it twice',
		displayOptions: { hide: { number: [''] } },
	},
	{
		displayName: 'Price',
		name: 'price',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0 },
		default: 0,
		description: 'Sales price per unit, in the company currency',
	},
	{
		displayName: 'Price Includes VAT',
		name: 'priceIncludesVat',
		type: 'boolean',
		default: false,
		description: 'Whether Price includes VAT (sent as priceIncludingVatCurrency) or not (priceExcludingVatCurrency)',
	},
	{
		displayName: 'VAT Code Name or ID',
		name: 'vatCode',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getVatTypes' },
		default: '',
		description:
			'Tripletex VAT code for sales of this product (the code, e.g. 3 for 25 %, not an internal ID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Cost (Excl. VAT)',
				name: 'costExcludingVatCurrency',
				type: 'number',
				typeOptions: { numberPrecision: 2, minValue: 0 },
				default: 0,
				description: 'Purchase cost per unit, excluding VAT',
			},
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 2 }, default: '' },
			{
				displayName: 'EAN',
				name: 'ean',
				type: 'string',
				default: '',
				placeholder: 'e.g. 7038010055720',
				description: 'Barcode (GTIN/EAN, 8 or 12 to 14 digits)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [concurrencyOption],
	},
];

const displayOptions = { show: { resource: ['product'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const nonNegativeAmount = moneyAmount.refine((minor) => minor >= 0, 'must not be negative');

const productInputSchema = z
	.object({
		name: z.string({ required_error: 'is required' }).trim().min(1, 'is required'),
		number: optionalText,
		price: nonNegativeAmount,
		priceIncludesVat: z.boolean(),
		vatCode: optionalVatCode,
		costExcludingVatCurrency: z.preprocess(blankToUndefined, nonNegativeAmount.optional()),
		description: optionalText,
		ean: z.preprocess(
			blankToUndefined,
			z.coerce.string().trim().regex(/^(\d{8}|\d{12,14})$/, 'must be 8 or 12 to 14 digits').optional(),
		),
	})
	.strict();

type ProductInput = z.output<typeof productInputSchema>;

function readInput(this: IExecuteFunctions, itemIndex: number): ProductInput {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return parseOrThrow(
		this.getNode(),
		productInputSchema,
		{
			...additionalFields,
			name: this.getNodeParameter('name', itemIndex),
			number: this.getNodeParameter('number', itemIndex, ''),
			price: this.getNodeParameter('price', itemIndex, 0),
			priceIncludesVat: this.getNodeParameter('priceIncludesVat', itemIndex, false),
			vatCode: this.getNodeParameter('vatCode', itemIndex, ''),
		},
		itemIndex,
	);
}

async function buildBody(
	this: IExecuteFunctions,
	cache: LookupCache,
	input: ProductInput,
	itemIndex: number,
): Promise<IDataObject> {
	const vatType = input.vatCode
		? await resolveVatType.call(this, cache, input.vatCode, itemIndex, `VAT Code of item ${itemIndex}`)
		: undefined;
	const priceField = input.priceIncludesVat ? 'priceIncludingVatCurrency' : 'priceExcludingVatCurrency';
	const body: IDataObject = {
		name: input.name,
		number: input.number,
		description: input.description,
		ean: input.ean,
		[priceField]: fromMinorUnits(input.price),
		costExcludingVatCurrency:
			input.costExcludingVatCurrency === undefined ? undefined : fromMinorUnits(input.costExcludingVatCurrency),
		vatType: vatType ? { id: vatType.id } : undefined,
	};
	return withoutUndefined(body);
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
			const input = readInput.call(this, itemIndex);
			const productNumber = input.number;
			const skipIfExists = productNumber ? (this.getNodeParameter('skipIfExists', itemIndex, true) as boolean) : false;
			const result = await writeOnce<IDataObject>(this, {
				service: tripletexService,
				itemIndex,
				kind: 'product',
				reference: productNumber,
				payload: input,
				whereToCheck: productNumber ? `Tripletex's products for number ${productNumber}` : `Tripletex's products for ${input.name}`,
				skipIfExists,
				find: productNumber ? async () => await findProductByNumber.call(this, productNumber, itemIndex) : undefined,
				write: async () => {
					const body = await buildBody.call(this, cache, input, itemIndex);
					const response = await tripletexRequest.call(this, 'POST', '/product', { body, itemIndex });
					return response.value as IDataObject;
				},
			});
			return { ...result.record, alreadyExisted: result.existed };
		},
		concurrency,
	);
}
