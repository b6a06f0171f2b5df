import type { IncomingMessage } from 'node:http';

import type { MultipartPart, ParsedBody } from './types';

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > limit) throw new BodyTooLargeError(`body exceeds ${limit} bytes`);
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function headerParameter(header: string, name: string): string | undefined {
	const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(header);
	return match ? (match[1] ?? match[2]) : undefined;
}

export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
	if (raw.length === 0) return { kind: 'empty' };
	const type = mediaType(contentType);
	if (type === 'application/json' || type.endsWith('+json')) {
		const text = raw.toString('utf8');
		try {
			return { kind: 'json', value: JSON.parse(text) };
		} catch (error) {
			return { kind: 'invalid-json', text, error: (error as Error).message };
		}
	}
	if (type === 'multipart/form-data') {
		const boundary = headerParameter(contentType ?? '', 'boundary');
		if (boundary) return { kind: 'multipart', parts: parseMultipart(raw, boundary) };
	}
	if (type === 'application/x-www-form-urlencoded') {
		return { kind: 'form', fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
	}
	if (type.startsWith('text/')) return { kind: 'text', text: raw.toString('utf8') };
	return { kind: 'binary', data: raw };
}

/** RFC 7578 multipart/form-data; parts whose headers cannot be read are skipped. */
export function parseMultipart(raw: Buffer, boundary: string): MultipartPart[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: MultipartPart[] = [];
	let start = raw.indexOf(delimiter);
	while (start !== -1) {
		let partStart = start + delimiter.length;
		if (raw.subarray(partStart, partStart + 2).toString() === '--') break;
		if (raw.subarray(partStart, partStart + 2).toString() === '\r\n') partStart += 2;
		const next = raw.indexOf(delimiter, partStart);
		if (next === -1) break;
		// The CRLF before the next delimiter belongs to the delimiter, not to the data.
		let partEnd = next;
		if (raw.subarray(partEnd - 2, partEnd).toString() === '\r\n') partEnd -= 2;
		const part = parsePart(raw.subarray(partStart, partEnd));
		if (part) parts.push(part);
		start = next;
	}
	return parts;
}

function parsePart(chunk: Buffer): MultipartPart | undefined {
	const headerEnd = chunk.indexOf('\r\n\r\n');
	if (headerEnd === -1) return undefined;
	const headers = new Map<string, string>();
	for (const line of chunk.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const disposition = headers.get('content-disposition');
	if (!disposition) return undefined;
	const name = headerParameter(disposition, 'name');
	if (name === undefined) return undefined;
	const filename = headerParameter(disposition, 'filename');
	return {
		name,
		...(filename !== undefined ? { filename } : {}),
		...(headers.has('content-type') ? { contentType: headers.get('content-type') } : {}),
		data: Buffer.from(chunk.subarray(headerEnd + 4)),
	};
}
