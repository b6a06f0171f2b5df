import { sniffFileType } from '../../framework/file-sniff';
import { renderTextPdf } from '../../framework/pdf';
import type { Router } from '../../framework/router';
import { addRoute, type RequestContext, type TripletexCore } from '../api';
import { bookVoucher, deleteVoucher, draftFromBody, postingsOf, postVoucher, reverseVoucher } from '../bookkeeping';
import { fieldError, tlxError, validationFailed } from '../errors';
import { parseFields } from '../render';
import { refId, type Rec } from '../state';

/** Write responses show postings in full (the real API does; GET shows stubs unless `fields` asks). */
const WITH_POSTINGS = parseFields('*,postings(*)')!;

const ATTACHMENT_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

function voucher(ctx: RequestContext, id: number): Rec {
	return ctx.find('Voucher', id);
}

function checkDateRange(ctx: RequestContext, fromName: string, toName: string): { from: string; to: string } {
	const from = ctx.query.date(fromName)!;
	const to = ctx.query.date(toName)!;
	// dateTo is exclusive, so equal dates would select nothing; the API refuses it.
	if (from >= to) throw validationFailed([{ field: toName, message: `${toName} må være etter ${fromName}.`, path: toName }]);
	return { from, to };
}

function voucherPdf(ctx: RequestContext, v: Rec): Buffer {
	const lines = [
		'Sandbox Handel AS - Bilag',
		'',
		`Bilag: ${String(v.numberAsString)}`,
		`Dato: ${String(v.date)}`,
		`Beskrivelse: ${String(v.description)}`,
		`Eksternt bilagsnummer: ${String(v.externalVoucherNumber || '-')}`,
		'',
		'Rad  Konto                                   Beløp',
	];
	for (const p of postingsOf(ctx.books, v)) {
		const account = ctx.books.get('Account', refId(p.account));
		const label = `${String(account?.number ?? '')} ${String(account?.name ?? '')}`.slice(0, 38).padEnd(38);
		lines.push(`${String(p.row).padStart(3)}  ${label}  ${(p.amountGross as number).toFixed(2).padStart(12)}`);
	}
	return renderTextPdf(lines, { title: `Bilag ${String(v.numberAsString)}` });
}

export function registerVoucherRoutes(router: Router, core: TripletexCore): void {
	addRoute(router, core, 'POST', '/ledger/voucher', (ctx) => {
		const draft = draftFromBody(ctx.books, ctx.body);
		const created = bookVoucher(ctx.books, draft, ctx.query.bool('sendToLedger') ?? true);
		ctx.publish('voucher.create', created);
		return ctx.single('Voucher', created, 201, WITH_POSTINGS);
	});

	addRoute(router, core, 'GET', '/ledger/voucher/{id}', (ctx) => ctx.single('Voucher', voucher(ctx, ctx.pathId())));

	addRoute(router, core, 'GET', '/ledger/voucher', (ctx) => {
		const { from, to } = checkDateRange(ctx, 'dateFrom', 'dateTo');
		const q = ctx.query;
		const ids = q.idList('id');
		const numbers = q.list('number');
		const typeIds = q.idList('typeId');
		const numberFrom = q.int('numberFrom');
		const numberTo = q.int('numberTo');
		const vouchers = ctx.books.all('Voucher').filter(
			(v) =>
				v._posted === true &&
				(v.date as string) >= from &&
				(v.date as string) < to &&
				(!ids || ids.includes(v.id)) &&
				(!numbers || numbers.includes(String(v.number))) &&
				(!typeIds || typeIds.includes(refId(v.voucherType) ?? -1)) &&
				(numberFrom === undefined || (v.number as number) >= numberFrom) &&
				(numberTo === undefined || (v.number as number) < numberTo),
		);
		return ctx.list('Voucher', vouchers);
	});

	addRoute(router, core, 'GET', '/ledger/voucher/>externalVoucherNumber', (ctx) => {
		const wanted = ctx.query.string('externalVoucherNumber');
		const vouchers = ctx.books
			.all('Voucher')
			.filter((v) => v._posted === true && (wanted === undefined || v.externalVoucherNumber === wanted));
		return ctx.list('Voucher', vouchers);
	});

	addRoute(router, core, 'GET', '/ledger/voucher/>nonPosted', (ctx) => {
		const from = ctx.query.date('dateFrom');
		const to = ctx.query.date('dateTo');
		const vouchers = ctx.books
			.all('Voucher')
			.filter((v) => v._posted !== true && (!from || (v.date as string) >= from) && (!to || (v.date as string) < to));
		return ctx.list('Voucher', vouchers);
	});

	addRoute(router, core, 'PUT', '/ledger/voucher/{id}/:sendToLedger', (ctx) => {
		const v = voucher(ctx, ctx.pathId());
		const version = ctx.query.int('version');
		if (version !== undefined && version !== v.version) {
			throw tlxError(409, 8000, 'Bilaget er endret av en annen bruker.', { developerMessage: 'REVISION_ERROR' });
		}
		if (v._posted) throw fieldError('id', 'Bilaget er allerede bokført.');
		postVoucher(ctx.books, v);
		v.version = (v.version as number) + 1;
		ctx.publish('voucher.update', v);
		return ctx.single('Voucher', v, 200, WITH_POSTINGS);
	});

	addRoute(router, core, 'PUT', '/ledger/voucher/{id}/:reverse', (ctx) => {
		const original = voucher(ctx, ctx.pathId());
		const reversal = reverseVoucher(ctx.books, original, ctx.query.date('date')!);
		ctx.publish('voucher.create', reversal);
		ctx.publish('voucher.update', original);
		return ctx.single('Voucher', reversal, 200, WITH_POSTINGS);
	});

	addRoute(router, core, 'DELETE', '/ledger/voucher/{id}', (ctx) => {
		const deleted = voucher(ctx, ctx.pathId());
		deleteVoucher(ctx.books, deleted);
		ctx.publish('voucher.delete', deleted);
		return { status: 204 };
	});

	addRoute(router, core, 'POST', '/ledger/voucher/{voucherId}/attachment', (ctx) => {
		const v = voucher(ctx, ctx.pathId('voucherId'));
		const body = ctx.req.body;
		if (body.kind !== 'multipart') throw tlxError(415, null, 'Unsupported Media Type: send multipart/form-data with the field "file"');
		const file = body.parts.find((p) => p.name === 'file');
		if (!file || file.data.length === 0) throw fieldError('file', 'Feltet må fylles ut.');
		const type = sniffFileType(file.data);
		if (!type || !ATTACHMENT_TYPES.has(type)) {
			throw fieldError('file', 'Ugyldig filformat. Gyldige formater er PDF, PNG, JPEG og TIFF.');
		}
		const existing = ctx.books.get('Document', refId(v.attachment));
		if (existing) {
			// Later uploads are appended to the same document as new pages.
			existing.size = (existing.size as number) + file.data.length;
			existing._pages = (existing._pages as number) + 1;
			(existing._parts as string[]).push(type);
			existing.version = (existing.version as number) + 1;
		} else {
			const document = ctx.books.insert('Document', {
				version: 0,
				fileName: file.filename ?? 'vedlegg.pdf',
				size: file.data.length,
				// Images are converted to PDF on upload.
				mimeType: 'application/pdf',
				_pages: 1,
				_parts: [type],
			});
			v.attachment = { id: document.id };
		}
		v.version = (v.version as number) + 1;
		return ctx.single('Voucher', v, 201, WITH_POSTINGS);
	});

	addRoute(router, core, 'GET', '/ledger/voucher/{voucherId}/pdf', (ctx) => {
		const v = voucher(ctx, ctx.pathId('voucherId'));
		const name = `bilag-${String(v.number || `temp-${String(v.tempNumber)}`)}-${String(v.year)}.pdf`;
		return {
			status: 200,
			// The spec declares application/octet-stream for this download.
			headers: { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"` },
			body: voucherPdf(ctx, v),
		};
	});
}
