/**
 * Procountor's contract, as far as the facts of a public OpenAPI description
 * (procountor-api.facts.json beside this file, see SOURCE.md) confirm it: the method and path
 * template of a request, its query and path parameters (type, format, enum, range), its JSON
 * body (the request schema: types, enums, lengths, required) and the JSON body of a 2xx answer
 * (the response schema).
 *
 * The file is a curated subset: an operation it lacks is *unconfirmed* (reported as such,
 * never as a violation). Where it has the operation, objects are closed (a property the schema
 * does not name is a violation), `null` counts as "not given", and `readOnly` properties are
 * accepted in requests (the server ignores them). Date-times are accepted with or without a
 * zone (Procountor's own form is `2017-01-30T15:20:00`). Error answers are not checked: the
 * file's ErrorResponse is the web client's, not the public API's `{errors: [...]}`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

import { parseBody } from '../framework/body';
import { closeObjects, specAjv } from '../framework/json-schema';
import { decodeSegments, splitTemplate } from '../framework/router';

export const PROCOUNTOR_FACTS_FILE = join(__dirname, 'procountor-api.facts.json');
export const PROCOUNTOR_API_BASE_PATH = '/api';

interface Schema {
	$ref?: string;
	type?: string;
	properties?: Record<string, Schema>;
	additionalProperties?: boolean | Schema;
	items?: Schema;
	[keyword: string]: unknown;
}

interface Parameter {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
}

interface Operation {
	operationId?: string;
	parameters?: Array<Parameter | { $ref: string }>;
	requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
	responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
}

interface FactsDocument {
	info: { version: string };
	paths: Record<string, Record<string, Operation>>;
	components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; responses: Record<string, unknown> };
}

let facts: FactsDocument | undefined;

export function loadProcountorFacts(): FactsDocument {
	facts ??= JSON.parse(readFileSync(PROCOUNTOR_FACTS_FILE, 'utf8')) as FactsDocument;
	return facts;
}

/** Every operation the file confirms, as `METHOD /template`. */
export function confirmedOperations(): string[] {
	return Object.entries(loadProcountorFacts().paths).flatMap(([template, methods]) =>
		Object.keys(methods).map((method) => `${method.toUpperCase()} ${template}`),
	);
}

// ---------------------------------------------------------------------------
// Paths

export interface OperationMatch {
	/** `METHOD /template`, e.g. `GET /invoices/{invoiceId}`. */
	key: string;
	template: string;
	params: Record<string, string>;
	operation: Operation;
}

/** The path below /api: accepts full URLs, the /api prefix or none; drops the query. */
export function apiPath(actual: string): string {
	let path = actual;
	if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
	path = path.split(/[?#]/)[0];
	const segments = decodeSegments(path);
	const apiAt = segments.indexOf(PROCOUNTOR_API_BASE_PATH.slice(1));
	return `/${(apiAt >= 0 ? segments.slice(apiAt + 1) : segments).join('/')}`;
}

/** The operation of the facts file for a request, or null when the file does not have it (unconfirmed). */
export function matchOperation(method: string, actualPath: string): OperationMatch | null {
	const segments = decodeSegments(apiPath(actualPath));
	const lower = method.toLowerCase();
	const candidates = Object.keys(loadProcountorFacts().paths)
		.map((template) => ({ template, parts: splitTemplate(template) }))
		.filter(({ parts }) => parts.length === segments.length)
		// Literal segments win over parameters, left to right.
		.sort((a, b) => rank(b.parts).localeCompare(rank(a.parts)));
	for (const { template, parts } of candidates) {
		const params: Record<string, string> = {};
		const ok = parts.every((part, i) => ('literal' in part ? part.literal === segments[i] : ((params[part.param] = segments[i]), true)));
		if (!ok) continue;
		const operation = loadProcountorFacts().paths[template][lower];
		if (operation) return { key: `${method.toUpperCase()} ${template}`, template, params, operation };
	}
	return null;
}

function rank(parts: ReturnType<typeof splitTemplate>): string {
	return parts.map((part) => ('literal' in part ? '1' : '0')).join('');
}

// ---------------------------------------------------------------------------
// Schemas

const ROOT = 'procountor';
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** Date-time as Procountor writes it: zone optional, fraction optional. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function getAjv(): Ajv {
	if (ajv) return ajv;
	const instance = specAjv(ROOT, loadProcountorFacts().components.schemas, { verbose: true });
	instance.addFormat('date-time', DATE_TIME);
	instance.addFormat('multi', true);
	ajv = instance;
	return instance;
}

function rewriteRefs(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(rewriteRefs);
	if (!node || typeof node !== 'object') return node;
	return Object.fromEntries(
		Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${ROOT}${v}` : rewriteRefs(v)]),
	);
}

function compile(key: string, schema: Schema): ValidateFunction {
	let validate = compiled.get(key);
	if (!validate) {
		const inline = structuredClone(schema);
		closeObjects(inline);
		validate = getAjv().compile(rewriteRefs(inline) as Schema);
		compiled.set(key, validate);
	}
	return validate;
}

/** `null` counts as "not given" (as the server's mapper reads it). */
function withoutNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutNulls);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([, v]) => v !== null)
			.map(([k, v]) => [k, withoutNulls(v)]),
	);
}

function describe(error: ErrorObject): string {
	const params = error.params as Record<string, unknown>;
	const at =
		error.instancePath
			.split('/')
			.slice(1)
			.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '') || '(body)';
	switch (error.keyword) {
		case 'additionalProperties':
			return `${at === '(body)' ? '' : `${at}.`}${String(params.additionalProperty)}: not a property in the facts file`;
		case 'enum':
			return `${at}: ${JSON.stringify(error.data)} is not one of ${(params.allowedValues as unknown[]).join(', ')}`;
		case 'required':
			return `${at === '(body)' ? '' : `${at}.`}${String(params.missingProperty)}: required`;
		default:
			// The value, for type and format errors (a too-long value is not repeated).
			return `${at}: ${error.message ?? 'invalid'}${['type', 'format', 'pattern'].includes(error.keyword) && typeof error.data !== 'object' ? ` (${JSON.stringify(error.data)})` : ''}`;
	}
}

function run(validate: ValidateFunction, body: unknown): string[] {
	validate(withoutNulls(body));
	const messages = (validate.errors ?? []).map(describe);
	return [...new Set(messages)];
}

// ---------------------------------------------------------------------------
// Requests and answers

export interface ContractRequest {
	method: string;
	/** Full URL or path; a query string in it is read too. */
	url: string;
	/** Query parameters besides those in `url`. */
	query?: Record<string, string | string[]>;
	contentType?: string;
	/** The JSON body (parsed), or undefined. */
	body?: unknown;
	/** A multipart/form-data body as sent; its parts are checked as the form's fields. */
	multipart?: Buffer;
}

/** A multipart body as the form object its schema describes: JSON parts parsed, files as "(binary)". */
function formOf(contentType: string, raw: Buffer): Record<string, unknown> | string {
	const parsed = parseBody(contentType, raw);
	if (parsed.kind !== 'multipart') return 'is not a readable multipart/form-data body';
	const form: Record<string, unknown> = {};
	for (const part of parsed.parts) {
		if (part.filename !== undefined || !(part.contentType ?? '').includes('json')) {
			form[part.name] = '(binary)';
			continue;
		}
		try {
			form[part.name] = JSON.parse(part.data.toString('utf8')) as unknown;
		} catch {
			return `part ${part.name} is not JSON`;
		}
	}
	return form;
}

function resolveParameter(parameter: Parameter | { $ref: string }): Parameter {
	if ('$ref' in parameter) {
		const name = parameter.$ref.split('/').pop()!;
		return loadProcountorFacts().components.parameters[name];
	}
	return parameter;
}

/** A query or path value as the schema's type reads it. */
function typedValue(schema: Schema, raw: string): unknown {
	switch (schema.type) {
		case 'integer':
		case 'number':
			return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
		case 'boolean':
			return raw === 'true' ? true : raw === 'false' ? false : raw;
		default:
			return raw;
	}
}

function queryOf(request: ContractRequest): Map<string, string[]> {
	const query = new Map<string, string[]>();
	const add = (key: string, value: string) => query.set(key, [...(query.get(key) ?? []), value]);
	const search = /^https?:\/\//i.test(request.url) ? new URL(request.url).searchParams : new URLSearchParams(request.url.split('?')[1] ?? '');
	for (const [key, value] of search) add(key, value);
	for (const [key, value] of Object.entries(request.query ?? {})) for (const v of [value].flat()) add(key, String(v));
	return query;
}

/**
 * What in a request contradicts the facts file; empty when it agrees or when the file does
 * not have the operation (see `matchOperation` for that).
 */
export function requestViolations(request: ContractRequest): string[] {
	const match = matchOperation(request.method, request.url);
	if (!match) return [];
	const where = `${request.method.toUpperCase()} ${apiPath(request.url)}`;
	const violations: string[] = [];
	const parameters = (match.operation.parameters ?? []).map(resolveParameter);
	for (const parameter of parameters.filter((p) => p.in === 'path')) {
		const value = match.params[parameter.name];
		const problems = parameter.schema ? run(compile(`path:${match.key}:${parameter.name}`, parameter.schema), typedValue(parameter.schema, value)) : [];
		violations.push(...problems.map((problem) => `${where}: path parameter ${parameter.name}${problem.replace(/^\(body\)/, '')}`));
	}
	const query = queryOf(request);
	for (const [name, values] of query) {
		const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
		if (!parameter) {
			violations.push(`${where}: query parameter ${name} is not a parameter of ${match.key} in the facts file`);
			continue;
		}
		const schema = parameter.schema ?? {};
		const value =
			schema.type === 'array'
				? values.flatMap((v) => v.split(',')).map((v) => typedValue(schema.items ?? {}, v))
				: values.length > 1
					? values
					: typedValue(schema, values[0]);
		for (const problem of run(compile(`query:${match.key}:${name}`, schema), value)) {
			violations.push(`${where}: query parameter ${name}${problem.replace(/^\(body\)/, '').replace(/^\[(\d+)\]/, '[$1]')}`);
		}
	}
	for (const parameter of parameters.filter((p) => p.in === 'query' && p.required)) {
		if (!query.has(parameter.name)) violations.push(`${where}: query parameter ${parameter.name} is required`);
	}
	const content = match.operation.requestBody?.content ?? {};
	const jsonType = Object.keys(content).find((type) => type.startsWith('application/json'));
	const sentJson = request.body !== undefined && (request.contentType ?? 'application/json').includes('json');
	if (sentJson) {
		if (!jsonType) violations.push(`${where}: sends a JSON body, but ${match.key} takes ${Object.keys(content).join(', ') || 'no body'}`);
		else {
			const schema = content[jsonType].schema ?? {};
			violations.push(...run(compile(`body:${match.key}`, schema), request.body).map((problem) => `${where}: ${problem}`));
		}
	} else if (request.multipart && (request.contentType ?? '').startsWith('multipart/form-data')) {
		const schema = content['multipart/form-data']?.schema;
		const form = formOf(request.contentType ?? '', request.multipart);
		if (!schema) violations.push(`${where}: sends multipart/form-data, but ${match.key} takes ${Object.keys(content).join(', ') || 'no body'}`);
		else if (typeof form === 'string') violations.push(`${where}: ${form}`);
		else violations.push(...run(compile(`multipart:${match.key}`, schema), form).map((problem) => `${where}: ${problem}`));
	} else if (jsonType && match.operation.requestBody?.required && request.body === undefined && !request.contentType) {
		violations.push(`${where}: ${match.key} requires a JSON body`);
	}
	return violations;
}

/**
 * What in a JSON answer contradicts the response schema of its operation (2xx only; empty for
 * unconfirmed operations, error answers and answers that are not JSON).
 */
export function responseViolations(method: string, url: string, status: number, body: unknown, contentType = 'application/json'): string[] {
	const match = matchOperation(method, url);
	if (!match || status < 200 || status > 299) return [];
	const where = `${method.toUpperCase()} ${apiPath(url)} → ${status}`;
	const responses = match.operation.responses ?? {};
	const declared = responses[String(status)];
	if (!declared) {
		const codes = Object.keys(responses).filter((code) => code !== 'default');
		return [`${where}: ${match.key} answers ${codes.join(' or ')} in the facts file, not ${status}`];
	}
	const content = declared.$ref ? undefined : declared.content;
	const jsonType = Object.keys(content ?? {}).find((type) => type.startsWith('application/json'));
	if (!jsonType || !contentType.includes('json')) return [];
	const schema = content![jsonType].schema ?? {};
	return run(compile(`response:${match.key}:${status}`, schema), body).map((problem) => `${where}: ${problem}`);
}
