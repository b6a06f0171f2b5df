/**
 * Business partners. `GET /businesspartners` filters by query parameters, except name
 * and business identifier, which Procountor takes from HTTP headers `name` and
 * `identifier` ("supports name and identifier parameters in HTTP header"); the same
 * names as query parameters are ignored.
 */
import type { Router } from '../../framework/router';
import { addRoute, orderById, type Ctx, type ProcountorCore } from '../api';
import { invalid, notFound } from '../errors';
import { publicView, type Rec } from '../state';
import { isValidBusinessId, localTime } from '../text';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const CHANNELS = ['EMAIL', 'MAIL', 'ELECTRONIC_INVOICE', 'EDIFACT', 'PAPER_INVOICE', 'NO_SENDING'];
/** Identifier types the sandbox treats as a Finnish business ID (Y-tunnus). */
// Free text in the API description; FI (Finnish business ID) is from its BusinessIdentifier.brnType list.
const BUSINESS_ID_TYPES = ['', 'FI'];

/** Header values arrive as latin1 (Node's reading); UTF-8 bytes sent raw are decoded back. */
export function headerText(value: string | string[] | undefined): string | undefined {
	const v = Array.isArray(value) ? value[0] : value;
	if (v === undefined || v.trim() === '') return undefined;
	const utf8 = Buffer.from(v, 'latin1').toString('utf8');
	return (utf8 !== v && !utf8.includes('\uFFFD') ? utf8 : v).trim();
}

function normalizeIdentifier(v: string): string {
	return v.replace(/[\s-]/g, '').toUpperCase();
}

function basicInfo(p: Rec): Record<string, unknown> {
	const inv = (p.invoicingInfo as Obj) ?? {};
	return {
		id: p.id,
		type: p.type,
		name: p.name,
		billingAddress: p.billingAddress ?? p.address ?? null,
		invoicingInfo: { customerNumber: inv.customerNumber ?? '', identifier: inv.identifier ?? '', identifierType: inv.identifierType ?? '' },
		registryInfo: { active: (p.registryInfo as Obj)?.active !== false },
		version: p.version,
	};
}

function search(ctx: Ctx) {
	const name = headerText(ctx.req.headers.name)?.toLowerCase();
	const identifier = headerText(ctx.req.headers.identifier);
	const customerNumber = ctx.q('customerNumber');
	const identifierType = ctx.q('identifierType');
	const type = ctx.q('type');
	if (type && !['CUSTOMER', 'SUPPLIER', 'PERSON'].includes(type)) throw invalid([{ field: 'type', message: `Invalid value: ${type}` }]);
	const active = ctx.bool('active') ?? true;
	const versionStart = ctx.dateTime('versionStartDate');
	const versionEnd = ctx.dateTime('versionEndDate');
	const matches = [...ctx.books.partners.values()].filter((p) => {
		const inv = (p.invoicingInfo as Obj) ?? {};
		const version = localTime(String(p.version));
		return (
			(!versionStart || version >= versionStart) &&
			(!versionEnd || version <= versionEnd) &&
			(!type || p.type === type) &&
			((p.registryInfo as Obj)?.active !== false) === active &&
			(!customerNumber || inv.customerNumber === customerNumber) &&
			(!identifierType || inv.identifierType === identifierType) &&
			(!name || String(p.name).toLowerCase().includes(name)) &&
			(!identifier || (typeof inv.identifier === 'string' && normalizeIdentifier(inv.identifier) === normalizeIdentifier(identifier)))
		);
	});
	return ctx.page(orderById(ctx, matches), basicInfo);
}

function validatePartner(ctx: Ctx, body: Obj, replacing?: number): Array<{ field: string | null; message: string }> {
	const p: Array<{ field: string | null; message: string }> = [];
	if (typeof body.name !== 'string' || body.name.trim() === '') p.push({ field: 'name', message: "Value of 'name' cannot be blank" });
	else if (body.name.length > 80) p.push({ field: 'name', message: 'Length must be at most 80 characters' });
	if (body.type === undefined) p.push({ field: 'type', message: "Value of 'type' cannot be blank" });
	else if (body.type !== 'CUSTOMER' && body.type !== 'SUPPLIER') p.push({ field: 'type', message: 'Only CUSTOMER and SUPPLIER partners can be added' });
	if (!isObj(body.paymentInfo) || typeof body.paymentInfo.paymentMethod !== 'string') {
		p.push({ field: 'paymentInfo.paymentMethod', message: "Value of 'paymentInfo.paymentMethod' cannot be blank" });
	}
	if (body.type === 'CUSTOMER') {
		if (!isObj(body.address)) p.push({ field: 'address', message: 'Address is required for a customer' });
		else if (typeof body.address.name !== 'string' || body.address.name.trim() === '') p.push({ field: 'address.name', message: "Value of 'address.name' cannot be blank" });
	}
	const inv = isObj(body.invoicingInfo) ? body.invoicingInfo : {};
	const identifier = typeof inv.identifier === 'string' ? inv.identifier.trim() : '';
	const identifierType = typeof inv.identifierType === 'string' ? inv.identifierType : '';
	if (identifier && (BUSINESS_ID_TYPES.includes(identifierType) || /^\d{7}-?\d$/.test(identifier)) && !isValidBusinessId(identifier)) {
		p.push({ field: 'invoicingInfo.identifier', message: 'ERROR_BRN_CODE' });
	}
	if (inv.invoiceChannel !== undefined && !CHANNELS.includes(inv.invoiceChannel as string)) {
		p.push({ field: 'invoicingInfo.invoiceChannel', message: `Invalid value: ${String(inv.invoiceChannel)}` });
	}
	if (typeof inv.email === 'string' && inv.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(inv.email)) {
		p.push({ field: 'invoicingInfo.email', message: 'Invalid email address' });
	}
	if (typeof inv.customerNumber === 'string' && inv.customerNumber !== '') {
		const clash = [...ctx.books.partners.values()].find((x) => x.id !== replacing && (x.invoicingInfo as Obj)?.customerNumber === inv.customerNumber && x.type === body.type);
		if (clash) {
			const clashId = (clash.invoicingInfo as Obj).identifier;
			p.push({
				field: 'invoicingInfo.customerNumber',
				message:
					identifier && clashId && clashId !== identifier
						? `Customer number ${inv.customerNumber} is already used by a partner with a different business ID`
						: `Customer number ${inv.customerNumber} is already in use`,
			});
		}
	}
	return p;
}

function create(ctx: Ctx) {
	const body = ctx.object;
	const problems = validatePartner(ctx, body);
	if (problems.length) throw invalid(problems);
	const books = ctx.books;
	const inv = isObj(body.invoicingInfo) ? { ...body.invoicingInfo } : {};
	if (body.type === 'CUSTOMER' && (typeof inv.customerNumber !== 'string' || inv.customerNumber === '')) {
		inv.customerNumber = String(books.nextCustomerNumber++);
	}
	const { id: _id, version: _version, ...rest } = body;
	void _id;
	void _version;
	const partner: Rec = {
		...rest,
		id: ctx.core.nextId(),
		invoicingInfo: inv,
		registryInfo: { active: true, ...(isObj(body.registryInfo) ? body.registryInfo : {}) },
		version: ctx.version(),
	};
	books.partners.set(partner.id, partner);
	return { status: 200, body: publicView(partner) };
}

/** `PUT /businesspartners/{id}`: the partner replaced by the body (checked as on create); its `version` moves. */
function replace(ctx: Ctx) {
	const id = ctx.pathId('ids');
	const existing = ctx.books.partners.get(id);
	if (!existing) throw notFound(`No partner found for given id ${id}`);
	const body = ctx.object;
	const problems = validatePartner(ctx, body, id);
	if (problems.length) throw invalid(problems);
	const inv = isObj(body.invoicingInfo) ? { ...body.invoicingInfo } : {};
	if (body.type === 'CUSTOMER' && (typeof inv.customerNumber !== 'string' || inv.customerNumber === '')) {
		inv.customerNumber = (existing.invoicingInfo as Obj)?.customerNumber;
	}
	const { id: _id, version: _version, ...rest } = body;
	void _id;
	void _version;
	const partner: Rec = {
		...rest,
		id,
		invoicingInfo: inv,
		registryInfo: { active: true, ...(isObj(body.registryInfo) ? body.registryInfo : {}) },
		version: ctx.version(),
	};
	ctx.books.partners.set(id, partner);
	return { status: 200, body: publicView(partner) };
}

export function registerPartnerRoutes(router: Router, core: ProcountorCore): void {
	addRoute(router, core, 'GET', '/businesspartners', search);
	addRoute(router, core, 'POST', '/businesspartners', create);
	addRoute(router, core, 'PUT', '/businesspartners/{ids}', replace);
	addRoute(router, core, 'GET', '/businesspartners/{ids}', (ctx) => {
		const ids = ctx.pathIds('ids');
		const found = ids.map((id) => {
			const p = ctx.books.partners.get(id);
			if (!p) throw notFound(`No partner found for given id ${id}`);
			return publicView(p);
		});
		return { status: 200, body: ids.length === 1 ? found[0] : found };
	});
}
