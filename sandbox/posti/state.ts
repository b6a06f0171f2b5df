/**
 * The shipments the sandbox created and their labels. Ids are a deterministic sequence of
 * UUID-shaped strings after each reset (tests can predict them); shipmentNo and parcel
 * numbers count up too.
 */
import { FIRST_SHIPMENT_NO, type Media } from './seed';
import type { PostiEnvironment } from './tokens';

export interface Label {
	id: string;
	shipmentId: string;
	/** Contract number in the link path (`/shipments/{contract}/pdfs/{id}`). */
	contract: string;
	apiVersion: 'v1' | 'v2';
	environment: PostiEnvironment;
	media: Media;
	pdf: Buffer;
	createdAt: number;
	expiresAt: number;
}

export interface Shipment {
	id: string;
	shipmentNo: string;
	status: 'PRINTED';
	apiVersion: 'v1' | 'v2';
	environment: PostiEnvironment;
	/** The API key (masked) or OAuth client that created it. */
	createdBy: string;
	contract: string;
	orderNo: string | null;
	senderReference: string | null;
	service: { id: string; name: string; addons: unknown[] };
	sender: Record<string, unknown>;
	receiver: Record<string, unknown>;
	agent: { quickId: string } | null;
	parcels: Array<Record<string, unknown> & { parcelNo: string }>;
	labelIds: string[];
	createdAt: number;
}

export class ShipmentStore {
	readonly shipments = new Map<string, Shipment>();
	readonly labels = new Map<string, Label>();
	private uuidSeq = 0;
	private shipmentSeq = 0;
	private parcelSeq = 0;

	nextUuid(): string {
		this.uuidSeq++;
		return `5a7d0000-0000-4000-8000-${this.uuidSeq.toString(16).padStart(12, '0')}`;
	}

	nextShipmentNo(): string {
		return String(FIRST_SHIPMENT_NO + this.shipmentSeq++);
	}

	/** `JJFI` + the contract's digits + an 11-digit sequence, e.g. JJFI65432100000000001. */
	nextParcelNo(contract: string): string {
		this.parcelSeq++;
		return `JJFI${contract.replace(/\D/g, '')}${String(this.parcelSeq).padStart(11, '0')}`;
	}

	snapshot(now: number): unknown[] {
		return [...this.shipments.values()].map((s) => ({
			id: s.id,
			shipmentNo: s.shipmentNo,
			status: s.status,
			apiVersion: s.apiVersion,
			environment: s.environment,
			createdBy: s.createdBy,
			contract: s.contract,
			orderNo: s.orderNo,
			senderReference: s.senderReference,
			service: s.service,
			sender: s.sender,
			receiver: s.receiver,
			agent: s.agent,
			parcels: s.parcels,
			createdAt: new Date(s.createdAt).toISOString(),
			labels: s.labelIds
				.map((id) => this.labels.get(id))
				.filter((l): l is Label => l !== undefined)
				.map((l) => ({
					id: l.id,
					media: l.media,
					path: labelPath(l),
					bytes: l.pdf.length,
					createdAt: new Date(l.createdAt).toISOString(),
					expiresAt: new Date(l.expiresAt).toISOString(),
					expired: now >= l.expiresAt,
				})),
		}));
	}
}

/** The label link's path, with /demo for demo labels. */
export function labelPath(label: Pick<Label, 'apiVersion' | 'environment' | 'contract' | 'id'>): string {
	const prefix = label.environment === 'demo' ? '/demo' : '';
	return `${prefix}/shippingapi/api/${label.apiVersion}/shipments/${encodeURIComponent(label.contract)}/pdfs/${label.id}`;
}
