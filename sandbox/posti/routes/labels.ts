/**
 * Address labels: a real one-page PDF per shipment, and
 * GET /shippingapi/api/{v1|v2}/shipments/{contract}/pdfs/{id} with the same auth as the
 * create. A link answers for labelLifetimeMs (1 h) after the create, then 404.
 */
import { renderTextPdf } from '../../framework/pdf';
import type { Router } from '../../framework/router';
import { addRoute, type Ctx, type PostiCore } from '../api';
import { labelNotFound } from '../errors';
import type { Media } from '../seed';
import type { Label, Shipment } from '../state';
import { labelText } from '../text';

/** Page size in points per print medium. */
const PAGE_SIZES: Record<Media, { width: number; height: number }> = {
	'laser-a4': { width: 595, height: 842 },
	'laser-a5': { width: 420, height: 595 },
	'thermo-se': { width: 303, height: 539 }, // 107 x 190 mm
	'thermo-225': { width: 303, height: 638 }, // 107 x 225 mm
};

function addressLines(party: Record<string, unknown>): string[] {
	const s = (k: string) => (typeof party[k] === 'string' ? (party[k] as string) : '');
	return [s('name'), s('address1'), s('address2'), `${s('zipcode')} ${s('city')}`.trim(), s('country')].filter((l) => l !== '');
}

export function renderLabel(shipment: Shipment, media: Media): Buffer {
	const lines = [
		'POSTI - ADDRESS LABEL (SANDBOX)',
		`${shipment.service.id} ${shipment.service.name}`,
		'',
		'TO:',
		...addressLines(shipment.receiver),
		...(shipment.agent ? [`Pickup point: ${shipment.agent.quickId}`] : []),
		'',
		'FROM:',
		...addressLines(shipment.sender),
		'',
		`Shipment: ${shipment.shipmentNo}`,
		...shipment.parcels.map((p, i) => `Parcel ${i + 1}/${shipment.parcels.length}: ${p.parcelNo}${typeof p.weight === 'number' ? `  ${p.weight} kg` : ''}`),
		...(shipment.orderNo ? [`Order: ${shipment.orderNo}`] : []),
		...(shipment.senderReference && shipment.senderReference !== shipment.orderNo ? [`Reference: ${shipment.senderReference}`] : []),
		`Contract: ${shipment.contract}`,
	].map(labelText);
	const size = PAGE_SIZES[media];
	return renderTextPdf(lines, { ...size, fontSize: media === 'laser-a4' ? 12 : 10, title: `Posti label ${shipment.parcels[0]?.parcelNo ?? shipment.shipmentNo}` });
}

export function registerLabelRoutes(router: Router, core: PostiCore): void {
	for (const version of ['v1', 'v2'] as const) {
		addRoute(
			router,
			core,
			'GET',
			`/shippingapi/api/${version}/shipments/{contract}/pdfs/{pdfId}`,
			(ctx) => {
				const label = findLabel(ctx, version);
				return {
					status: 200,
					headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${label.id}.pdf"` },
					body: label.pdf,
				};
			},
			version === 'v1' ? { auth: 'apiKey' } : { auth: 'bearer', role: 'shippingapi' },
		);
	}
}

function findLabel(ctx: Ctx, version: 'v1' | 'v2'): Label {
	const label = ctx.core.store.labels.get(ctx.req.params.pdfId);
	if (
		!label ||
		label.apiVersion !== version ||
		label.environment !== ctx.environment ||
		label.contract !== ctx.req.params.contract ||
		!ctx.caller.contracts.includes(label.contract) ||
		ctx.now() >= label.expiresAt
	) {
		throw labelNotFound();
	}
	return label;
}
