import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { readDateParameter } from '../../../shared/dates';
import type { InputFormat } from '../../../shared/inputFormat';
import { readInputFormat } from '../../../shared/inputFormat';
import { processItems, readConcurrency } from '../../../shared/items';
import type { LookupCache } from '../../../shared/lookupCache';
import { formatMinorUnits, fromMinorUnits } from '../../../shared/money';
import { fail, parseOrThrow, readListParameter, withoutUndefined } from '../../../shared/validation';
import { writeOnce } from '../../../shared/writeOnce';
import { idRef, resolveAccounts, resolveVatType } from '../../lookups';
import { tripletexRequest, tripletexService } from '../../transport';
import { createFields } from './createFields';
import type { PostingInput, VoucherPayload } from './postings';
import { postingsFromCollection, postingsInputSchemaFor, voucherPayloadSchema } from './postings';
import { findVoucherByExternalNumber } from './shared';

const displayOptions = { show: { resource: ['voucher'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, createFields);

function readPostings(this: IExecuteFunctions, itemIndex: number, format: InputFormat): PostingInput[] {
	const raw = readListParameter.call(this, itemIndex, {
		source: 'postingsSource',
		json: 'postingsJson',
		collection: 'postings',
		entry: 'posting',
		label: 'Postings (JSON)',
		example: '[{"account": 1920, "amount": 100}]',
		fromCollection: postingsFromCollection,
	});
	return parseOrThrow(this.getNode(), postingsInputSchemaFor(format), raw, itemIndex);
}

/** Every date's postings must sum to exactly 0 øre, or Tripletex rejects the voucher. */
function assertBalanced(this: IExecuteFunctions, postings: PostingInput[], voucherDate: string, itemIndex: number) {
	const byDate = new Map<string, number>();
	for (const posting of postings) {
		const date = posting.date ?? voucherDate;
		byDate.set(date, (byDate.get(date) ?? 0) + posting.amount);
	}
	for (const [date, sum] of byDate) {
		if (sum === 0) continue;
		fail(
			this.getNode(),
			`The voucher in item ${itemIndex} does not balance: its postings on ${date} sum to ${formatMinorUnits(sum)} instead of 0`,
			itemIndex,
			'Debits (positive) and credits (negative) must cancel out per date, including VAT (amounts are gross). Nothing was sent.',
		);
	}
}

/** The voucher without its postings: checked with the postings before any lookup. */
const voucherHeaderSchema = voucherPayloadSchema.pick({
	date: true,
	description: true,
	externalVoucherNumber: true,
	vendorInvoiceNumber: true,
	voucherType: true,
});

type VoucherHeader = z.output<typeof voucherHeaderSchema>;

/** Everything about the item that needs no request: dates, postings, balance, header fields. */
function readVoucherInput(this: IExecuteFunctions, itemIndex: number): { header: VoucherHeader; postings: PostingInput[] } {
	const format = readInputFormat.call(this, itemIndex);
	const date = readDateParameter.call(this, 'date', 'Date', itemIndex, { required: true }) as string;
	const postings = readPostings.call(this, itemIndex, format);
	assertBalanced.call(this, postings, date, itemIndex);

	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const externalVoucherNumber = String(this.getNodeParameter('externalVoucherNumber', itemIndex, '')).trim();
	const voucherTypeId = options.voucherTypeId ? Number(options.voucherTypeId) : undefined;
	const header = parseOrThrow(
		this.getNode(),
		voucherHeaderSchema,
		withoutUndefined({
			date,
			description: String(this.getNodeParameter('description', itemIndex)),
			externalVoucherNumber: externalVoucherNumber || undefined,
			vendorInvoiceNumber: (options.vendorInvoiceNumber as string) || undefined,
			voucherType: voucherTypeId ? { id: voucherTypeId } : undefined,
		}),
		itemIndex,
	);
	return { header, postings };
}

async function buildPayload(
	this: IExecuteFunctions,
	cache: LookupCache,
	itemIndex: number,
): Promise<VoucherPayload> {
	// 1. Every check that needs no request, so a bad item costs no session and no lookup.
	const { header, postings } = readVoucherInput.call(this, itemIndex);
	const date = header.date;

	// 2. Lookups: account numbers and VAT codes to Tripletex ids.
	const accounts = await resolveAccounts.call(this, cache, postings.map((posting) => posting.account), itemIndex);
	const rows: VoucherPayload['postings'] = [];
	for (const [index, posting] of postings.entries()) {
		const where = `posting ${index + 1} of item ${itemIndex}`;
		const account = accounts.get(posting.account);
		if (!account) {
			fail(this.getNode(), `Account ${posting.account} does not exist in Tripletex (${where})`, itemIndex, 'Use an account number from the chart of accounts (Kontoplan). Nothing was sent.');
		}
		const needs = { CUSTOMER: posting.customerId, VENDOR: posting.supplierId, EMPLOYEE: posting.employeeId } as const;
		const ledgerType = account.ledgerType as keyof typeof needs | undefined;
		if (ledgerType && ledgerType in needs && needs[ledgerType] === undefined) {
			const field = { CUSTOMER: 'Customer ID', VENDOR: 'Supplier ID', EMPLOYEE: 'Employee ID' }[ledgerType];
			fail(this.getNode(), `Account ${account.number} (${account.name}) needs a ${field} (${where})`, itemIndex, `Tripletex requires a ${field} on postings to ${ledgerType.toLowerCase()} ledger accounts. Nothing was sent.`);
		}
		const vatType = posting.vatCode ? await resolveVatType.call(this, cache, posting.vatCode, itemIndex, where) : undefined;
		const gross = fromMinorUnits(posting.amount);
		rows.push({
			row: index + 1,
			date: posting.date ?? date,
			description: posting.description,
			account: { id: account.id },
			amountGross: gross,
			amountGrossCurrency: gross,
			vatType: vatType ? { id: vatType.id } : undefined,
			customer: idRef(posting.customerId) as { id: number } | undefined,
			supplier: idRef(posting.supplierId) as { id: number } | undefined,
			employee: idRef(posting.employeeId) as { id: number } | undefined,
			department: idRef(posting.departmentId) as { id: number } | undefined,
			project: idRef(posting.projectId) as { id: number } | undefined,
		});
	}

	return parseOrThrow(this.getNode(), voucherPayloadSchema, withoutUndefined({ ...header, postings: rows }), itemIndex);
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
			const payload = await buildPayload.call(this, cache, itemIndex);
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const reference = payload.externalVoucherNumber;
			const skipIfExists = reference ? (this.getNodeParameter('skipIfExists', itemIndex, true) as boolean) : false;
			const result = await writeOnce<IDataObject>(this, {
				service: tripletexService,
				itemIndex,
				kind: 'voucher',
				reference,
				payload,
				skipIfExists,
				find: async () => await findVoucherByExternalNumber.call(this, reference as string, itemIndex),
				write: async () => {
					const response = (await tripletexRequest.call(this, 'POST', '/ledger/voucher', {
						qs: { sendToLedger: options.sendToLedger !== false },
						body: payload as unknown as IDataObject,
						itemIndex,
					})) as IDataObject;
					return response.value as IDataObject;
				},
				whereToCheck: reference
					? `Tripletex for a voucher with external voucher number ${reference}`
					: `Tripletex's voucher list for ${payload.date} (${payload.description})`,
			});
			return { ...result.record, alreadyExisted: result.existed };
		},
		concurrency,
	);
}
