import type { ICredentialTestFunctions } from 'n8n-workflow';

export interface FullResponse {
	statusCode: number;
	body: unknown;
}

const TIMEOUT_MS = 30_000;

/**
 * The credential-test context (ICredentialTestFunctions, n8n 1.x and 2.x alike) offers only
 * the legacy `request` helper: the `httpRequest` that the no-deprecated-workflow-functions
 * rule suggests does not exist there. It still goes through n8n's HTTP client (proxy, SSRF
 * and egress settings). With `simple: false` it answers every status instead of throwing;
 * undefined when there was no answer.
 */
export async function sendTestRequest(this: ICredentialTestFunctions, options: Record<string, unknown>): Promise<FullResponse | undefined> {
	const { helpers } = this;
	try {
		return (await helpers.request({ ...options, simple: false, resolveWithFullResponse: true, timeout: TIMEOUT_MS })) as FullResponse;
	} catch {
		return undefined;
	}
}
