import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fail } from '../../../shared/validation';
import { postiGatewayUrl } from '../../environments';
import { omaPostiProRequest } from '../../transport';

/** One entry of `prints` (v2) or `pdfs` (v1) in Posti's create answer. */
export interface PostiPrint {
	id?: string;
	href?: string;
	description?: string;
	media?: string;
	pdf_type?: string;
	/** v2 inline base64 (returnFile=true). */
	data?: string;
	/** v1 inline base64 (returnFile=true). */
	pdf?: string;
}

/** One element of the array Posti answers a create with. */
export interface PostiShipmentResult {
	id?: string;
	status?: string;
	shipmentNo?: string;
	orderNo?: string;
	parcels?: Array<{ parcelNo?: string }>;
	prints?: PostiPrint[];
	pdfs?: PostiPrint[];
}

export function printsOf(result: PostiShipmentResult): PostiPrint[] {
	return result.prints ?? result.pdfs ?? [];
}

/** The label links without the inline PDF data (that goes into the binary). */
export function labelLinks(prints: PostiPrint[]): IDataObject[] {
	return prints.map((print) => {
		const link: IDataObject = { id: print.id, href: print.href, description: print.description, media: print.media, type: print.pdf_type };
		for (const key of Object.keys(link)) if (link[key] === undefined) delete link[key];
		return link;
	});
}

/**
 * A label link is fetched with the credential's key or token, so it must point at the
 * credential's own gateway (same origin and path prefix): never send the key elsewhere.
 */
export async function labelPath(this: IExecuteFunctions, href: string, itemIndex: number): Promise<string> {
	const credentials = await this.getCredentials('omaPostiProApi');
	const gateway = new URL(postiGatewayUrl(credentials));
	let link: URL;
	try {
		link = new URL(href);
	} catch {
		return fail(
			this.getNode(),
			`The label link in item ${itemIndex} is not a URL`,
			itemIndex,
			'Give the href of a label exactly as Shipment → Create returned it (labels[0].href). Nothing was sent.',
		);
	}
	const prefix = gateway.pathname.replace(/\/+$/, '');
	const samePrefix = prefix === '' || link.pathname === prefix || link.pathname.startsWith(`${prefix}/`);
	if (link.origin !== gateway.origin || !samePrefix || link.username || link.password) {
		return fail(
			this.getNode(),
			`The label link in item ${itemIndex} is not on the credential's Posti gateway (${gateway.origin}${prefix})`,
			itemIndex,
			"Label links are downloaded with the credential's key or token, so only links on its own gateway are followed. Check the environment and Base URL override of the credential, or the link. Nothing was sent.",
		);
	}
	return `${link.pathname.slice(prefix.length)}${link.search}`;
}

export async function downloadLabel(this: IExecuteFunctions, href: string, itemIndex: number): Promise<Buffer> {
	const path = await labelPath.call(this, href, itemIndex);
	const pdf = (await omaPostiProRequest.call(this, 'GET', path, {
		binary: true,
		itemIndex,
		headers: { Accept: 'application/pdf' },
	})) as unknown as Buffer;
	if (!isPdf(pdf)) {
		fail(this.getNode(), `OmaPosti Pro answered the label link in item ${itemIndex} with something other than a PDF`, itemIndex, 'Check the link; it should end in /pdfs/<id>.');
	}
	return pdf;
}

export function isPdf(data: Buffer): boolean {
	return data.subarray(0, 5).toString('latin1') === '%PDF-';
}

export async function labelBinary(this: IExecuteFunctions, pdf: Buffer, fileName: string): Promise<IBinaryData> {
	return await this.helpers.prepareBinaryData(pdf, fileName, 'application/pdf');
}
