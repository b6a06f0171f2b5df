import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Tripletex's delivery signature: base64(HMAC-SHA512(idempotency-key + "&" + body)), keyed with
 * the subscription's `hmacSharedSecret`, over the body exactly as it arrived.
 */
export function deliverySignature(secret: string, idempotencyKey: string, rawBody: Buffer): string {
	return createHmac('sha512', secret).update(idempotencyKey).update('&').update(rawBody).digest('base64');
}

/**
 * Compares in constant time. The text is compared, not the decoded bytes: base64 decoding
 * skips characters it does not know, so a signature with junk added would decode the same.
 */
export function signatureMatches(secret: string, idempotencyKey: string, rawBody: Buffer, signature: string): boolean {
	const expected = Buffer.from(deliverySignature(secret, idempotencyKey, rawBody));
	const given = Buffer.from(signature.trim());
	return given.length === expected.length && timingSafeEqual(given, expected);
}
