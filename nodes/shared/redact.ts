/**
 * Secrets never leave the node: not in error messages, descriptions, or output.
 * A Redactor knows the credential's secret values (and the encodings they travel in)
 * and also masks anything shaped like an Authorization header.
 */

const REDACTED = '[redacted]';
const MIN_SECRET_LENGTH = 4;

const AUTH_PATTERNS: RegExp[] = [
	/(authorization["']?\s*[:=]\s*["']?)(?:basic|bearer|token)?\s*[^\s"',}]+/gi,
	/\b(basic|bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
	// key=value (query strings, form bodies) and "key":"value" (JSON); not a prose label like "employeeToken: Unknown".
	/((?:access_token|refresh_token|client_secret|api_key|apikey|consumerToken|employeeToken|sessionToken|token)(?:=|"\s*:\s*"))[^\s"'&,}]+/gi,
];

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
	private readonly secrets: string[];

	constructor(secretValues: unknown[]) {
		const variants = new Set<string>();
		for (const value of secretValues) {
			if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
			variants.add(value);
			variants.add(encodeURIComponent(value));
			variants.add(Buffer.from(value).toString('base64'));
		}
		// Longest first, so a secret that contains another is masked whole.
		this.secrets = [...variants].sort((a, b) => b.length - a.length);
	}

	/** Adds encodings that embed a secret, e.g. base64("0:" + sessionToken) of a Basic header. */
	withDerived(derived: string[]): Redactor {
		return new Redactor([...this.secrets, ...derived]);
	}

	text(input: string): string {
		let output = input;
		for (const secret of this.secrets) {
			output = output.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
		}
		output = output.replace(AUTH_PATTERNS[0], `$1${REDACTED}`);
		output = output.replace(AUTH_PATTERNS[1], `$1 ${REDACTED}`);
		output = output.replace(AUTH_PATTERNS[2], `$1${REDACTED}`);
		return output;
	}

	/** Deep copy of a JSON-like value with every string redacted. */
	value<T>(input: T): T {
		return this.walk(input, new WeakSet()) as T;
	}

	private walk(input: unknown, seen: WeakSet<object>): unknown {
		if (typeof input === 'string') return this.text(input);
		if (input === null || typeof input !== 'object') return input;
		if (Buffer.isBuffer(input)) return input;
		if (seen.has(input)) return '[circular]';
		seen.add(input);
		if (Array.isArray(input)) return input.map((entry) => this.walk(entry, seen));
		const output: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(input)) {
			output[key] = /^(authorization|cookie|set-cookie|x-gateway-secret)$/i.test(key)
				? REDACTED
				: this.walk(entry, seen);
		}
		return output;
	}
}
