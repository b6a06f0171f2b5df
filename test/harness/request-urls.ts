/**
 * Every URL the code under test asks n8n's HTTP client for, and the check that none of them
 * carries a secret (issue 10: "no token is ever put in a URL"). n8n-core sends node and
 * credential requests through the shared default axios instance, so one request
 * interceptor sees them all, whether nock or a sandbox answers.
 */
import axios from 'axios';

const recorded: string[] = [];
let installed = false;

/** Idempotent: starts recording the full URL (base, path and query) of every request. */
export function installRequestUrlRecorder(): void {
	if (installed) return;
	installed = true;
	axios.interceptors.request.use((config) => {
		try {
			recorded.push(axios.getUri(config));
		} catch {
			recorded.push(`${config.baseURL ?? ''}${config.url ?? ''}`);
		}
		return config;
	});
}

/** How many URLs were recorded so far (a mark to slice from). */
export function requestUrlCount(): number {
	return recorded.length;
}

/** URLs recorded since `mark`. */
export function requestUrlsSince(mark: number): string[] {
	return recorded.slice(mark);
}

/** Query parameter names that only ever hold a secret. */
const SECRET_PARAMETER =
	/^(access_token|refresh_token|id_token|client_secret|api[_-]?key|password|passwd|secret|token|consumertoken|employeetoken|sessiontoken|authorization|x-gateway-secret|gatewaysecret)$/i;

/** Credential fields that hold a secret (all three credential types name theirs this way). */
const SECRET_FIELD = /token|secret|password|api_?key/i;

/** The secret values of credential data, for `secretsInUrl`. */
export function secretValuesOf(data: Record<string, unknown>): string[] {
	return Object.entries(data)
		.filter(([name, value]) => SECRET_FIELD.test(name) && typeof value === 'string' && value.length >= 4)
		.map(([, value]) => value as string);
}

/**
 * What in `url` is a secret: a query parameter named like one, user info with a password, or
 * any of `secrets` as given or URL-encoded. Empty when the URL is clean.
 */
export function secretsInUrl(url: string, secrets: string[] = []): string[] {
	const found: string[] = [];
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (parsed) {
		if (parsed.password) found.push('password in the user info');
		for (const name of new Set(parsed.searchParams.keys())) {
			if (SECRET_PARAMETER.test(name)) found.push(`query parameter "${name}"`);
		}
	}
	let decoded = url;
	try {
		decoded = decodeURIComponent(url);
	} catch {
		// keep the raw form
	}
	for (const secret of secrets) {
		if (url.includes(secret) || url.includes(encodeURIComponent(secret)) || decoded.includes(secret)) {
			found.push(`a credential secret (${secret.slice(0, 3)}…)`);
		}
	}
	return found;
}

/** Throws naming each URL that carries a secret (without repeating the secret itself). */
export function assertNoSecretsInUrls(urls: string[], secrets: string[]): void {
	const offending = urls
		.map((url) => ({ url, found: secretsInUrl(url, secrets) }))
		.filter((entry) => entry.found.length > 0);
	if (!offending.length) return;
	const masked = (url: string) =>
		secrets.reduce((text, secret) => text.split(secret).join('[secret]').split(encodeURIComponent(secret)).join('[secret]'), url.split('?')[0]);
	const lines = offending.map(({ url, found }) => `  ${masked(url)}: ${found.join(', ')}`);
	throw new Error(`A request carried a secret in its URL (issue 10: never put a token in a URL):\n${lines.join('\n')}`);
}
