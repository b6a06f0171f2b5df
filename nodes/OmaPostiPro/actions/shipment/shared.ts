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
