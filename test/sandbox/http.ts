import { Agent, request } from 'undici';

import type { Sandbox } from '../../sandbox';
import { SandboxControl } from '../../sandbox/client';

/** One emulator answer, read whole. */
export interface HttpResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	buffer: Buffer;
	json: any;
}

/** What every harness's `call` accepts; each vendor's harness adds its own way of authenticating. */
export interface RequestOptions {
	body?: unknown;
	/** Raw body with its own content type (multipart etc.). */
	rawBody?: Buffer | string;
	contentType?: string;
	headers?: Record<string, string>;
}

/** One emulator of a started sandbox, reached through its own agent. */
export interface EmulatorConnection {
	sandbox: Sandbox;
	base: string;
	control: SandboxControl;
	agent: Agent;
	/** Closes the agent, then stops the sandbox. */
	close(): Promise<void>;
}

export function connectTo(
	sandbox: Sandbox,
	emulator: 'tripletex' | 'procountor' | 'posti',
	agentOptions: Agent.Options = {},
): EmulatorConnection {
	const agent = new Agent({ keepAliveTimeout: 1000, keepAliveMaxTimeout: 1000, ...agentOptions });
	const handle = sandbox[emulator];
	return {
		sandbox,
		base: handle.baseUrl,
		control: new SandboxControl(handle.controlUrl, agent),
		agent,
		async close() {
			await agent.close();
			await sandbox.stop();
		},
	};
}

/**
 * Sends one request through `agent`: `body` as JSON, or `rawBody` as given. `authorization`, when
 * not undefined, is sent as the Authorization header (over any in `options.headers`).
 */
export async function send(
	agent: Agent,
	method: string,
	url: string,
	options: RequestOptions,
	authorization: string | undefined,
): Promise<HttpResult> {
	const headers: Record<string, string> = { ...options.headers };
	if (authorization !== undefined) headers.authorization = authorization;
	let body: Buffer | string | undefined;
	if (options.rawBody !== undefined) {
		body = options.rawBody;
		if (options.contentType) headers['content-type'] = options.contentType;
	} else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = options.contentType ?? 'application/json';
	}
	const res = await request(url, { method: method as never, headers, body, dispatcher: agent });
	const buffer = Buffer.from(await res.body.arrayBuffer());
	const text = buffer.toString('utf8');
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.statusCode, headers: res.headers, text, buffer, json };
}

/** A URL-encoded form of the fields that are not undefined (token endpoints). */
export function formBody(fields: Record<string, string | undefined>): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.set(k, v);
	return params.toString();
}
