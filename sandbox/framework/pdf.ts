/**
 * A minimal, valid one-page PDF 1.4 with lines of Helvetica text, written by hand:
 * catalog, pages, page, font, content stream, info, then an xref table whose byte
 * offsets readers use to find the objects.
 */
export interface TextPdfOptions {
	title?: string;
	/** Points; default A4 portrait. */
	width?: number;
	height?: number;
	fontSize?: number;
}

/** Latin-1 text for WinAnsiEncoding; characters outside it become '?'. */
function pdfString(text: string): string {
	const latin1 = [...text].map((c) => (c.charCodeAt(0) <= 0xff ? c : '?')).join('');
	return `(${latin1.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)').replace(/[\r\n]/g, ' ')})`;
}

export function renderTextPdf(lines: string[], options: TextPdfOptions = {}): Buffer {
	const width = options.width ?? 595;
	const height = options.height ?? 842;
	const fontSize = options.fontSize ?? 11;
	const leading = Math.round(fontSize * 1.45);
	const textOps = lines.map((line, i) => `${i === 0 ? '' : 'T* '}${pdfString(line)} Tj`).join('\n');
	const content = `BT\n/F1 ${fontSize} Tf\n${leading} TL\n50 ${height - 60} Td\n${textOps}\nET\n`;
	const contentBytes = Buffer.from(content, 'latin1');

	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Length ${contentBytes.length} >>\nstream\n${content}endstream`,
		`<< /Producer (n8n-nodes-nordic-commerce sandbox) /Title ${pdfString(options.title ?? lines[0] ?? '')} >>`,
	];

	const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let offset = chunks[0].length;
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(offset);
		const chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
		chunks.push(chunk);
		offset += chunk.length;
	});
	const xref = [
		'xref',
		`0 ${objects.length + 1}`,
		'0000000000 65535 f \n' + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join(''),
	].join('\n');
	const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
	chunks.push(Buffer.from(`${xref}${trailer}`, 'latin1'));
	return Buffer.concat(chunks);
}
