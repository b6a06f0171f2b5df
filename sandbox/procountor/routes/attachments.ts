/**
 * POST /attachments: multipart/form-data with a `meta` JSON part `{name (with extension),
 * referenceType, referenceId, sendWithInvoice}` and a `file` part, max 10,000,000 bytes.
 */
import type { Router } from '../../framework/router';
import { addRoute, assertCp1252, type ProcountorCore } from '../api';
import { invalid, notFound, pcError } from '../errors';
import { publicView, type Rec } from '../state';

export const MAX_ATTACHMENT_BYTES = 10_000_000;
const MIME: Record<string, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	txt: 'text/plain',
	csv: 'text/csv',
	xml: 'application/xml',
	zip: 'application/zip',
};
const REFERENCE_TYPES = ['INVOICE', 'LEDGERRECEIPT', 'BANKSTATEMENTEVENT', 'SALES_PRODUCT_REGISTER', 'CUSTOMER_BUSINESS_PARTNER_REGISTER'];

export function registerAttachmentRoutes(router: Router, core: ProcountorCore): void {
	addRoute(
		router,
		core,
		'POST',
		'/attachments',
		(ctx) => {
			const body = ctx.req.body;
			if (body.kind !== 'multipart') throw pcError(415, 'Use multipart/form-data with parts meta and file');
			const metaPart = body.parts.find((p) => p.name === 'meta');
			const filePart = body.parts.find((p) => p.name === 'file');
			if (!metaPart) throw invalid([{ field: 'meta', message: 'Part meta is missing' }]);
			let meta: Record<string, unknown>;
			try {
				meta = JSON.parse(metaPart.data.toString('utf8')) as Record<string, unknown>;
			} catch {
				throw invalid([{ field: 'meta', message: 'Part meta is not valid JSON' }]);
			}
			if (!meta || typeof meta !== 'object' || Array.isArray(meta)) throw invalid([{ field: 'meta', message: 'Part meta must be a JSON object' }]);
			assertCp1252(meta);
			const problems: Array<{ field: string; message: string }> = [];
			const name = typeof meta.name === 'string' ? meta.name : '';
			const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
			if (!name) problems.push({ field: 'name', message: "Value of 'name' cannot be blank" });
			else if (!ext) problems.push({ field: 'name', message: 'The name must include a file extension, e.g. invoice.pdf' });
			if (!REFERENCE_TYPES.includes(meta.referenceType as string)) problems.push({ field: 'referenceType', message: `Invalid value: ${String(meta.referenceType)}` });
			if (!Number.isInteger(meta.referenceId)) problems.push({ field: 'referenceId', message: "Value of 'referenceId' cannot be blank" });
			if (typeof meta.sendWithInvoice !== 'boolean') problems.push({ field: 'sendWithInvoice', message: "Value of 'sendWithInvoice' cannot be blank" });
			if (!filePart || filePart.data.length === 0) problems.push({ field: 'file', message: 'Part file is missing or empty' });
			else if (filePart.data.length > MAX_ATTACHMENT_BYTES) problems.push({ field: 'file', message: `The file is larger than ${MAX_ATTACHMENT_BYTES} bytes` });
			if (problems.length) throw invalid(problems);
			let invoice: Rec | undefined;
			if (meta.referenceType === 'INVOICE') {
				invoice = ctx.books.invoices.get(meta.referenceId as number);
				if (!invoice) throw notFound(`Invoice ${String(meta.referenceId)} not found`);
			}
			const attachment: Rec & { _data?: Buffer } = {
				id: ctx.core.nextId(),
				name,
				referenceType: meta.referenceType,
				referenceId: meta.referenceId,
				mimeType: MIME[ext!] ?? 'application/octet-stream',
				sendWithInvoice: meta.sendWithInvoice,
				_data: filePart!.data,
				_size: filePart!.data.length,
			};
			ctx.books.attachments.set(attachment.id, attachment);
			if (invoice) (invoice.attachments as unknown[]).push({ id: attachment.id, name, mimeType: attachment.mimeType, sendWithInvoice: meta.sendWithInvoice });
			return { status: 200, body: publicView(attachment) };
		},
		{ body: 'none' },
	);
	addRoute(router, core, 'GET', '/attachments/{attachmentId}/content', (ctx) => {
		const a = ctx.books.attachments.get(ctx.pathId('attachmentId'));
		if (!a) throw notFound('Attachment not found');
		return {
			status: 200,
			headers: { 'content-type': String(a.mimeType), 'content-disposition': `attachment; filename="${String(a.name)}"` },
			body: a._data ?? Buffer.alloc(0),
		};
	});
	addRoute(router, core, 'DELETE', '/attachments/{attachmentId}', (ctx) => {
		const id = ctx.pathId('attachmentId');
		const a = ctx.books.attachments.get(id);
		if (!a) throw notFound('Attachment not found');
		ctx.books.attachments.delete(id);
		if (a.referenceType === 'INVOICE') {
			const inv = ctx.books.invoices.get(a.referenceId as number);
			if (inv) inv.attachments = (inv.attachments as Array<{ id: number }>).filter((x) => x.id !== id);
		}
		return { status: 204 };
	});
}
