import type { ServerResponse } from 'node:http';

import type { SandboxResponse } from './types';

/** Writes a SandboxResponse: buffers and strings as they are, anything else as JSON. */
export function write(res: ServerResponse, response: SandboxResponse, headOnly: boolean): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload: Buffer | undefined;
	if (response.body === undefined || response.status === 204 || response.status === 304) {
		payload = undefined;
	} else if (Buffer.isBuffer(response.body)) {
		payload = response.body;
	} else if (typeof response.body === 'string') {
		payload = Buffer.from(response.body, 'utf8');
	} else {
		payload = Buffer.from(JSON.stringify(response.body), 'utf8');
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['content-type'] = 'application/json;charset=utf-8';
		}
	}
	if (payload) headers['content-length'] = String(payload.length);
	res.writeHead(response.status, headers);
	res.end(headOnly ? undefined : payload);
}
