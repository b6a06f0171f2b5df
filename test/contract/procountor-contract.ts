/**
 * The Procountor contract check the node's tests run: every request the node sends (recorded
 * where n8n-core hands it to axios, whether nock or the sandbox answers) is held to the facts
 * of Procountor's API description (sandbox/procountor/contract.ts), and must be one of the
 * endpoints below, so a new endpoint cannot slip in without saying whether the file confirms it.
 * The workflow tests also hold every answer of the emulator to the response schemas.
 */
import axios from 'axios';

import { apiPath, matchOperation, requestViolations, responseViolations } from '../../sandbox/procountor/contract';
import { splitTemplate } from '../../sandbox/framework/router';

/** Every endpoint the Procountor node and credential use, with what uses it. */
export const PROCOUNTOR_ENDPOINTS: Record<string, string> = {
	'POST /oauth/token': 'credential: access token (client credentials + API key)',
	'GET /sessioninfo': 'credential test',
	'GET /invoices': 'Invoice → Get Many; the look-up by original invoice number; Procountor Trigger (invoice events)',
	'POST /invoices': 'Invoice → Create',
	'GET /invoices/{invoiceId}': 'Invoice → Get; reads after writes',
	'PUT /invoices/{invoiceId}/approve': 'Invoice → Approve',
	'PUT /invoices/{invoiceId}/send': 'Invoice → Send',
	'GET /invoices/{invoiceId}/paymentevents': 'Invoice → Mark Paid (payments already made); Procountor Trigger (Invoice Paid)',
	'PUT /invoices/{invoiceId}/paymentevents/markpaid': 'Invoice → Mark Paid',
	'POST /attachments': 'Invoice → Add Attachment',
	'GET /businesspartners': 'Business Partner → Get Many, Find or Create; customer look-ups; list search; Procountor Trigger (partners)',
	'POST /businesspartners': 'Business Partner → Create, Find or Create; Invoice → Create (new customer)',
	'GET /businesspartners/{id}': 'Business Partner → Get',
	'GET /products': 'Product → Get Many; product look-up by code; list search',
	'GET /products/{productIds}': 'Product → Get',
	'GET /vats/default': 'VAT pre-check, VAT status options',
	'GET /company': "the company's VAT country, when /vats/default lists several",
	'GET /bankaccounts': 'bank account options, the seller account of an invoice',
	'GET /company/invoicetemplates': 'invoice template options',
	'GET /integrations/{requestId}': 'Integration → Get Activation Request, Respond',
	'PUT /integrations/{requestId}': 'Integration → Respond',
};

/**
 * Operations of the facts file that are the web client's (SOURCE.md), not the public API's
 * endpoint of the same shape: a request that matches only these is unconfirmed.
 */
const WEB_CLIENT_OPERATIONS = new Set(['GET /products/{group}', 'POST /token', 'POST /login', 'POST /login/companies']);

/** The node's endpoint a request belongs to (`METHOD /template`), or undefined. */
export function endpointOf(method: string, url: string): string | undefined {
	const segments = apiPath(url).split('/').filter(Boolean);
	return Object.keys(PROCOUNTOR_ENDPOINTS).find((endpoint) => {
		const [m, template] = endpoint.split(' ');
		const parts = splitTemplate(template);
		return m === method.toUpperCase() && parts.length === segments.length && parts.every((part, i) => !('literal' in part) || part.literal === segments[i]);
	});
}

/** Whether the facts file confirms an endpoint of the table (an operation of the same method and path shape). */
export function isConfirmed(endpoint: string): boolean {
	const [method, template] = endpoint.split(' ');
	const sample = template.replace(/\{[^}]+\}/g, '1');
	const match = matchOperation(method, sample);
	return !!match && !WEB_CLIENT_OPERATIONS.has(match.key);
}

export function unconfirmedEndpoints(): string[] {
	return Object.keys(PROCOUNTOR_ENDPOINTS).filter((endpoint) => !isConfirmed(endpoint));
}

export interface RecordedRequest {
	method: string;
	url: string;
	contentType: string;
	body: unknown;
}

export interface RecordedAnswer {
	method: string;
	url: string;
	status: number;
	contentType: string;
	body: unknown;
}

let installed = false;
const watched = new Map<string, RecordedRequest[]>();

function headerOf(headers: unknown, name: string): string {
	if (!headers || typeof headers !== 'object') return '';
	const entry = Object.entries(headers as Record<string, unknown>).find(([key]) => key.toLowerCase() === name);
	return entry ? String(entry[1]) : '';
}

function bodyOf(data: unknown, contentType: string): unknown {
	if (data === undefined || data === null || data === '') return undefined;
	if (typeof data === 'string') {
		if (!contentType.includes('json')) return { notJson: contentType };
		try {
			return JSON.parse(data) as unknown;
		} catch {
			return data;
		}
	}
	if (Buffer.isBuffer(data) && contentType.startsWith('multipart/form-data')) return { multipart: data };
	if (Buffer.isBuffer(data) || typeof (data as { pipe?: unknown }).pipe === 'function' || typeof (data as { getBoundary?: unknown }).getBoundary === 'function') {
		return { notJson: contentType || 'stream' };
	}
	return data;
}

/** Starts recording every request to `baseUrl` (…/api); returns the list it fills. */
export function recordProcountorRequests(baseUrl: string): RecordedRequest[] {
	if (!installed) {
		installed = true;
		axios.interceptors.request.use((config) => {
			let url: string;
			try {
				url = axios.getUri(config);
			} catch {
				url = `${config.baseURL ?? ''}${config.url ?? ''}`;
			}
			for (const [base, list] of watched) {
				if (!url.startsWith(base)) continue;
				const contentType = headerOf(config.headers, 'content-type');
				list.push({ method: (config.method ?? 'get').toUpperCase(), url, contentType, body: bodyOf(config.data, contentType) });
			}
			return config;
		});
	}
	const list: RecordedRequest[] = [];
	watched.set(baseUrl.replace(/\/+$/, ''), list);
	return list;
}

export function stopRecording(baseUrl: string): void {
	watched.delete(baseUrl.replace(/\/+$/, ''));
}

/** Everything in the requests that contradicts the facts file or is not an endpoint of the table. */
export function requestContractViolations(requests: RecordedRequest[]): string[] {
	return requests.flatMap((request) => {
		const endpoint = endpointOf(request.method, request.url);
		if (!endpoint) return [`${request.method} ${apiPath(request.url)}: not an endpoint of PROCOUNTOR_ENDPOINTS (add it, and say whether the facts file confirms it)`];
		if (!isConfirmed(endpoint)) return [];
		const raw = typeof request.body === 'object' && request.body !== null ? (request.body as { notJson?: string; multipart?: Buffer }) : undefined;
		if (raw?.multipart) return requestViolations({ method: request.method, url: request.url, contentType: request.contentType, multipart: raw.multipart });
		const json = request.body !== undefined && !raw?.notJson ? request.body : undefined;
		return requestViolations({ method: request.method, url: request.url, contentType: request.contentType, body: json });
	});
}

/** Everything in the emulator's answers that contradicts the response schemas. */
export function answerContractViolations(answers: RecordedAnswer[]): string[] {
	return answers.flatMap((answer) => {
		const endpoint = endpointOf(answer.method, answer.url);
		if (endpoint && !isConfirmed(endpoint)) return [];
		return responseViolations(answer.method, answer.url, answer.status, answer.body, answer.contentType);
	});
}
