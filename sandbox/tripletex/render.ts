/**
 * Turns stored records into API JSON the way Tripletex does: every property of the DTO
 * schema in spec order (missing ones null, arrays []), references to other objects as
 * `{id, url}` stubs unless the `fields` filter expands them (`*,postings(*,account(name))`),
 * and `url` as host + /v2/<resource>/<id> without a scheme.
 */
import { tlxError } from './errors';
import { loadTripletexSpec, schemaNameOf, type SchemaObject } from './openapi-validator';

export interface Selection {
	all: boolean;
	fields: Map<string, Selection | null>;
}

export const STAR: Selection = { all: true, fields: new Map() };

/** Resource path of each stored schema, for `url`. */
export const RESOURCE_PATHS: Record<string, string> = {
	Account: 'ledger/account',
	VatType: 'ledger/vatType',
	VoucherType: 'ledger/voucherType',
	Voucher: 'ledger/voucher',
	Posting: 'ledger/posting',
	Customer: 'customer',
	Supplier: 'supplier',
	Product: 'product',
	Order: 'order',
	OrderLine: 'order/orderline',
	Invoice: 'invoice',
	PaymentType: 'invoice/paymentType',
	Currency: 'currency',
	Employee: 'employee',
	Company: 'company',
	Document: 'document',
	Address: 'address',
	SessionToken: 'token/session',
	ConsumerToken: 'token/consumer',
	EmployeeToken: 'token/employee',
	Subscription: 'event/subscription',
};

function illegalField(name: string, schemaName: string): never {
	throw tlxError(400, 11000, `Illegal field in fields filter: ${name}. ${name} does not match a field in the model: ${schemaName}DTO`);
}

/** Parses `id,name,postings(*,account(number))`; `*` selects every property. */
export function parseFields(expression: string | null | undefined): Selection | undefined {
	if (expression === null || expression === undefined || expression.trim() === '') return undefined;
	let pos = 0;
	const text = expression.replace(/\s+/g, '');
	const parseList = (): Selection => {
		const selection: Selection = { all: false, fields: new Map() };
		for (;;) {
			const start = pos;
			while (pos < text.length && !',()'.includes(text[pos])) pos++;
			const name = text.slice(start, pos);
			let sub: Selection | null = null;
			if (text[pos] === '(') {
				pos++;
				sub = parseList();
				if (text[pos] !== ')') throw tlxError(400, 11000, `Illegal fields filter: ${expression}`);
				pos++;
			}
			if (name === '*') selection.all = true;
			else if (name) selection.fields.set(name, sub);
			else if (sub) throw tlxError(400, 11000, `Illegal fields filter: ${expression}`);
			if (text[pos] !== ',') return selection;
			pos++;
		}
	};
	const selection = parseList();
	if (pos !== text.length) throw tlxError(400, 11000, `Illegal fields filter: ${expression}`);
	return selection;
}

export type Lookup = (schemaName: string, id: number) => Record<string, unknown> | undefined;

export class Renderer {
	constructor(
		private readonly host: string,
		private readonly lookup: Lookup,
	) {}

	url(schemaName: string, id: unknown): string | null {
		const resource = RESOURCE_PATHS[schemaName];
		return resource && id !== undefined && id !== null ? `${this.host}/v2/${resource}/${String(id)}` : null;
	}

	stub(schemaName: string, id: number): { id: number; url: string | null } {
		return { id, url: this.url(schemaName, id) };
	}

	render(schemaName: string, record: Record<string, unknown>, selection: Selection = STAR): Record<string, unknown> {
		const schema = loadTripletexSpec().components.schemas[schemaName];
		if (!schema?.properties) return record;
		const properties = schema.properties;
		for (const name of selection.fields.keys()) if (!(name in properties)) illegalField(name, schemaName);
		const out: Record<string, unknown> = {};
		for (const [name, propertySchema] of Object.entries(properties)) {
			const explicit = selection.fields.has(name);
			if (!explicit && !(selection.all && name !== 'changes')) continue;
			const sub = selection.fields.get(name) ?? null;
			if (name === 'url') {
				out.url = this.url(schemaName, record.id);
				continue;
			}
			out[name] = this.renderValue(propertySchema, record[name], sub);
		}
		return out;
	}

	private renderValue(schema: SchemaObject, value: unknown, sub: Selection | null): unknown {
		if (schema.type === 'array') {
			if (value === undefined || value === null) return [];
			if (!Array.isArray(value) || !schema.items) return value;
			const items = schema.items;
			return value.map((v) => this.renderValue(items, v, sub));
		}
		const refName = schemaNameOf(schema);
		if (refName === undefined || value === undefined || value === null || typeof value !== 'object') {
			return value === undefined ? null : value;
		}
		const target = value as Record<string, unknown>;
		const id = typeof target.id === 'number' ? target.id : undefined;
		if (!sub) {
			// Objects without an identity of their own (no id) are embedded, not referenced.
			return id === undefined ? this.render(refName, target, STAR) : this.stub(refName, id);
		}
		const full = id === undefined ? target : (this.lookup(refName, id) ?? target);
		return this.render(refName, full, sub);
	}
}
