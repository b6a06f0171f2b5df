import { randomBytes } from 'crypto';

export interface MultipartFile {
	field: string;
	/** Omitted for a plain (non-file) part, e.g. a JSON `meta` part. */
	fileName?: string;
	mimeType: string;
	data: Buffer;
}

/**
 * A multipart/form-data body as one Buffer. Unlike a stream or FormData, a Buffer can be
 * sent again when n8n refreshes an expired session and retries the request.
 */
export function buildMultipart(files: MultipartFile[]): { body: Buffer; contentType: string } {
	const boundary = `----n8nNordicCommerce${randomBytes(12).toString('hex')}`;
	const parts: Buffer[] = [];
	for (const file of files) {
		const fileName = file.fileName === undefined ? '' : `; filename="${file.fileName.replace(/["\r\n]/g, '_')}"`;
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"${fileName}\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** File type from the first bytes, not from the (user-editable) file name or MIME type. */
export function sniffFileType(data: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | undefined {
	if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
	if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
	if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
	const tiffHeader = data.subarray(0, 4).toString('hex');
	if (tiffHeader === '49492a00' || tiffHeader === '4d4d002a') return 'image/tiff';
	return undefined;
}
