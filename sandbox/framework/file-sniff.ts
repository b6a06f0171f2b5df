/** File type from the first bytes, the way upload endpoints check content rather than names. */
export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'image/gif' | 'application/zip';

export function sniffFileType(data: Buffer): SniffedType | undefined {
	const starts = (bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);
	// A PDF header may follow a little junk; readers look in the first 1024 bytes.
	if (data.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts([0x49, 0x49, 0x2a, 0x00]) || starts([0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
	if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
	if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
	return undefined;
}
