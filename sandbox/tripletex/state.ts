/**
 * The emulator's records. Each company (the token owner's and each accountant client)
 * has its own books; ids are unique across all of them, as in Tripletex. Records are
 * stored in API shape with references as `{id}`; internal bookkeeping lives in
 * properties starting with `_`, which the DTO schemas do not have and so never render.
 */
export type Rec = Record<string, unknown> & { id: number; version: number };

export interface Ref {
	id: number;
}

export function ref(id: number): Ref {
	return { id };
}

export function refId(value: unknown): number | undefined {
	if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number') {
		return (value as { id: number }).id;
	}
	return undefined;
}

export class IdAllocator {
	constructor(private nextId: number) {}
	next(): number {
		return this.nextId++;
	}
}

export interface BooksCounters {
	voucherNumber: Map<number, number>;
	tempNumber: Map<number, number>;
	invoiceNumber: number;
	orderNumber: number;
}

export class Books {
	private readonly tables = new Map<string, Map<number, Rec>>();
	readonly counters: BooksCounters = {
		voucherNumber: new Map(),
		tempNumber: new Map(),
		invoiceNumber: 10001,
		orderNumber: 1,
	};

	constructor(
		readonly companyId: number,
		private readonly ids: IdAllocator,
	) {}

	table(schemaName: string): Map<number, Rec> {
		let table = this.tables.get(schemaName);
		if (!table) {
			table = new Map();
			this.tables.set(schemaName, table);
		}
		return table;
	}

	get(schemaName: string, id: number | undefined): Rec | undefined {
		return id === undefined ? undefined : this.tables.get(schemaName)?.get(id);
	}

	all(schemaName: string): Rec[] {
		return [...this.table(schemaName).values()];
	}

	/** Stores a record; without an id one is allocated. Version starts at 1 unless given. */
	insert<T extends Record<string, unknown>>(schemaName: string, record: T): Rec & T {
		const id = typeof record.id === 'number' ? record.id : this.ids.next();
		const stored = { ...record, id, version: typeof record.version === 'number' ? record.version : 1 } as Rec & T;
		this.table(schemaName).set(id, stored);
		return stored;
	}

	remove(schemaName: string, id: number): void {
		this.table(schemaName).delete(id);
	}

	nextId(): number {
		return this.ids.next();
	}

	/** Next value of a per-year sequence (voucher numbers, temporary numbers). */
	nextInYear(sequence: Map<number, number>, year: number): number {
		const next = (sequence.get(year) ?? 0) + 1;
		sequence.set(year, next);
		return next;
	}

	snapshot(): Record<string, Rec[]> {
		return Object.fromEntries([...this.tables.entries()].map(([name, table]) => [name, [...table.values()]]));
	}
}
