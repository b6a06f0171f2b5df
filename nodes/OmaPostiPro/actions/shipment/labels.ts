import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fail } from '../../../shared/validation';
import { postiGatewayUrl } from '../../environments';
import { omaPostiProRequest } from '../../transport';
import type { PostiPrint, PostiShipmentResult } from './shared';

export function printsOf(result: PostiShipmentResult): PostiPrint[] {
	return result.prints ?? result.pdfs ?? [];
}

/** The answer as the ledger keeps it: label links, not the PDFs (a retry downloads them again by link). */
export function withoutInlineLabels(result: PostiShipmentResult): IDataObject {
	const strip = (prints?: PostiPrint[]) =>
		prints?.map((print) => {
			const link = { ...print };
			delete link.data;
			delete link.pdf;
			return link;
		});
	return { ...result, prints: strip(result.prints), pdfs: strip(result.pdfs) } as unknown as IDataObject;
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

/**
 * The shipment exists by now: a failed label download must not invite a re-run that would
 * create it again, so the error names the shipment and the way to get its label.
 */
async function labelAfterCreate(this: IExecuteFunctions, href: string, shipment: IDataObject, itemIndex: number): Promise<Buffer> {
	try {
		return await downloadLabel.call(this, href, itemIndex);
	} catch (error) {
		const reason = (error as Error).message;
		throw new NodeOperationError(
			this.getNode(),
			`Shipment ${String(shipment.shipmentNo)} was created for item ${itemIndex}, but its label could not be downloaded`,
			{
				itemIndex,
				description:
					`${reason}\nDo not run this item again: that would create a second shipment. ` +
					`Download the label with Shipment → Get Label from ${href} within an hour, or print it in OmaPosti Pro. ` +
					`Tracking numbers: ${(shipment.trackingNumbers as string[]).join(', ') || 'none'}.`,
			},
		);
	}
}

/**
 * The labels of a created shipment as binary properties (`data`, `data_1`, ...): the PDFs
 * Posti returned inline, or else downloaded from their links.
 */
export async function labelsAsBinary(
	this: IExecuteFunctions,
	prints: PostiPrint[],
	shipment: IDataObject,
	binaryPropertyName: string,
	baseName: string,
	itemIndex: number,
): Promise<INodeExecutionData['binary']> {
	const binary: INodeExecutionData['binary'] = {};
	let index = 0;
	for (const print of prints) {
		const inline = print.data ?? print.pdf;
		let pdf: Buffer | undefined = inline ? Buffer.from(inline, 'base64') : undefined;
		if (!pdf || !isPdf(pdf)) {
			if (!print.href) continue;
			pdf = await labelAfterCreate.call(this, print.href, shipment, itemIndex);
		}
		const property = index === 0 ? binaryPropertyName : `${binaryPropertyName}_${index}`;
		binary[property] = await labelBinary.call(this, pdf, index === 0 ? `${baseName}.pdf` : `${baseName}-${index}.pdf`);
		index++;
	}
	return binary;
}
