/**
 * Request validation against Tripletex's own OpenAPI 3.0 spec (openapi.json beside this
 * file), for the emulator and for the node's contract tests.
 *
 * The spec marks nothing `required` and never sets `additionalProperties`, but the real
 * API maps bodies strictly: an unknown property is answered with 422/16000 "Request
 * mapping failed" and "Feltet eksisterer ikke i objektet." So every object schema is
 * closed here (additionalProperties: false). `null` is accepted for any property, as the
 * server's JSON mapper does. readOnly properties are accepted (the server ignores them).
 * Schemas are compiled on first use and cached: the spec holds ~2,100 schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

import { closeObjects, specAjv } from '../framework/json-schema';
import { decodeSegments, splitTemplate } from '../framework/router';

export const TRIPLETEX_SPEC_FILE = join(__dirname, 'openapi.json');
export const TRIPLETEX_BASE_PATH = '/v2';

export interface SchemaObject {
	type?: string;
	$ref?: string;
	properties?: Record<string, SchemaObject>;
	items?: SchemaObject;
	additionalProperties?: boolean | SchemaObject;
	enum?: unknown[];
	readOnly?: boolean;
	format?: string;
	required?: string[];
	[keyword: string]: unknown;
}

export interface ParameterObject {
	name: string;
	in: 'query' | 'path' | 'header' | 'cookie';
	required?: boolean;
	schema?: SchemaObject;
	description?: string;
}

export interface OperationObject {
	summary?: string;
	parameters?: ParameterObject[];
	requestBody?: { content?: Record<string, { schema?: SchemaObject }>; required?: boolean };
	responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
	info: { version: string };
	paths: Record<string, Record<string, OperationObject>>;
	components: { schemas: Record<string, SchemaObject> };
}

let cachedSpec: OpenApiDocument | undefined;

export function loadTripletexSpec(): OpenApiDocument {
	cachedSpec ??= JSON.parse(readFileSync(TRIPLETEX_SPEC_FILE, 'utf8')) as OpenApiDocument;
	return cachedSpec;
}

export function schemaNameOf(schema: SchemaObject | undefined): string | undefined {
	const ref = schema?.$ref;
	return ref?.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : undefined;
}

// ---------------------------------------------------------------------------
// Paths

interface PathEntry {
	template: string;
	segments: ReturnType<typeof splitTemplate>;
	rank: string;
}

let pathIndex: PathEntry[] | undefined;

function buildPathIndex(): PathEntry[] {
	pathIndex ??= Object.keys(loadTripletexSpec().paths)
		.map((template) => {
			const segments = splitTemplate(template);
			return { template, segments, rank: segments.map((s) => ('literal' in s ? '1' : '0')).join('') };
		})
		.sort((a, b) => (a.rank < b.rank ? 1 : a.rank > b.rank ? -1 : 0));
	return pathIndex;
}

export interface PathMatch {
	template: string;
	params: Record<string, string>;
	/** Methods the spec defines for the template (upper case). */
	methods: string[];
	/** Whether `method` is one of them. */
	methodDefined: boolean;
}

/**
 * The spec path template for an actual path: `/v2/ledger/voucher/123/%3Areverse?x=1` ->
 * `/ledger/voucher/{id}/:reverse`. Accepts full URLs, the /v2 prefix or none, and
 * percent-encoded `:` and `>`. Literal segments win over parameters.
 */
export function matchPath(method: string, actualPath: string): PathMatch | null {
	let path = actualPath;
	if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
	path = path.split(/[?#]/)[0];
	let segments = decodeSegments(path);
	if (`/${segments[0]}` === TRIPLETEX_BASE_PATH) segments = segments.slice(1);
	const spec = loadTripletexSpec();
	const lower = method.toLowerCase();
	let fallback: PathMatch | null = null;
	for (const entry of buildPathIndex()) {
		if (entry.segments.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const ok = entry.segments.every((s, i) => {
			if ('literal' in s) return s.literal === segments[i];
			params[s.param] = segments[i];
			return true;
		});
		if (!ok) continue;
		const methods = Object.keys(spec.paths[entry.template]).map((m) => m.toUpperCase());
		const match = { template: entry.template, params, methods, methodDefined: lower in spec.paths[entry.template] };
		if (match.methodDefined) return match;
		fallback ??= match;
	}
	return fallback;
}

export function getOperation(method: string, template: string): OperationObject | undefined {
	return loadTripletexSpec().paths[template]?.[method.toLowerCase()];
}

// ---------------------------------------------------------------------------
// Bodies

export type ValidationIssueKind = 'unknown-field' | 'type' | 'enum' | 'range' | 'length' | 'required' | 'other';

export interface ValidationIssue {
	/** Dotted field path without indexes, as Tripletex's `field`: `postings.account.id`. */
	field: string | null;
	/** With indexes, as Tripletex's `path`: `postings[1].account.id`. */
	path: string | null;
	message: string;
	kind: ValidationIssueKind;
}

export interface ValidationResult {
	valid: boolean;
	errors: ValidationIssue[];
}

export interface ValidateOptions {
	/** Report properties the schema does not define. Default true (the server rejects them). */
	rejectUnknownProperties?: boolean;
}

const SCHEMA_ROOT_ID = 'tripletex';
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function getAjv(): Ajv {
	ajv ??= specAjv(SCHEMA_ROOT_ID, loadTripletexSpec().components.schemas);
	return ajv;
}

function compile(key: string, schema: SchemaObject): ValidateFunction {
	let validate = validators.get(key);
	if (!validate) {
		const instance = getAjv();
		const name = schemaNameOf(schema);
		if (name) {
			validate = instance.getSchema(`${SCHEMA_ROOT_ID}#/components/schemas/${name}`);
			if (!validate) throw new Error(`schema ${name} is not in the Tripletex spec`);
		} else {
			const inline = structuredClone(schema);
			closeObjects(inline);
			validate = instance.compile(rewriteRefs(inline) as SchemaObject);
		}
		validators.set(key, validate);
	}
	return validate;
}

function rewriteRefs(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(rewriteRefs);
	if (!node || typeof node !== 'object') return node;
	return Object.fromEntries(
		Object.entries(node).map(([k, v]) => [
			k,
			k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SCHEMA_ROOT_ID}${v}` : rewriteRefs(v),
		]),
	);
}

/** The JSON media type entry of an operation's request body, if it takes JSON. */
export function jsonRequestSchema(method: string, template: string): SchemaObject | undefined {
	const content = getOperation(method, template)?.requestBody?.content ?? {};
	const key = Object.keys(content).find((type) => type.toLowerCase().startsWith('application/json'));
	return key ? content[key].schema : undefined;
}

/** A JSON Schema for a spec component, e.g. `validateAgainstSchema('Voucher', body)`. */
export function validateAgainstSchema(schemaName: string, body: unknown, options: ValidateOptions = {}): ValidationResult {
	const validate = compile(`#${schemaName}`, { $ref: `#/components/schemas/${schemaName}` });
	return runValidator(validate, body, options);
}

/**
 * Validates a JSON request body for `method` + spec `pathTemplate` (e.g. 'POST',
 * '/ledger/voucher'). Operations without a JSON body validate anything as valid.
 */
export function validateRequestBody(
	method: string,
	pathTemplate: string,
	body: unknown,
	options: ValidateOptions = {},
): ValidationResult {
	if (!getOperation(method, pathTemplate)) {
		throw new Error(`${method.toUpperCase()} ${pathTemplate} is not an operation in the Tripletex spec`);
	}
	const schema = jsonRequestSchema(method, pathTemplate);
	if (!schema) return { valid: true, errors: [] };
	const validate = compile(`${method.toUpperCase()} ${pathTemplate}`, schema);
	return runValidator(validate, body, options);
}

function runValidator(validate: ValidateFunction, body: unknown, options: ValidateOptions): ValidationResult {
	validate(withoutNulls(body));
	let errors = (validate.errors ?? []).map(toIssue);
	if (options.rejectUnknownProperties === false) errors = errors.filter((e) => e.kind !== 'unknown-field');
	const seen = new Set<string>();
	errors = errors.filter((e) => {
		const key = `${e.path}|${e.message}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
	return { valid: errors.length === 0, errors };
}

/** The server's mapper treats `null` as "not given" for every property. */
function withoutNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutNulls);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([, v]) => v !== null)
			.map(([k, v]) => [k, withoutNulls(v)]),
	);
}

function pointerToPaths(pointer: string, extra?: string): { field: string | null; path: string | null } {
	const parts = pointer
		.split('/')
		.slice(1)
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
	if (extra !== undefined) parts.push(extra);
	if (parts.length === 0) return { field: null, path: null };
	const field = parts.filter((p) => !/^\d+$/.test(p)).join('.');
	const path = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
	return { field: field || null, path };
}

function toIssue(error: ErrorObject): ValidationIssue {
	const params = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'additionalProperties':
			return {
				...pointerToPaths(error.instancePath, String(params.additionalProperty)),
				message: 'Feltet eksisterer ikke i objektet.',
				kind: 'unknown-field',
			};
		case 'type':
		case 'format':
			return {
				...pointerToPaths(error.instancePath),
				message: `Verdien er ikke av korrekt type for dette feltet (forventet ${String(params.type ?? params.format)}).`,
				kind: 'type',
			};
		case 'enum':
			return {
				...pointerToPaths(error.instancePath),
				message: `Ugyldig verdi. Gyldige verdier: ${(params.allowedValues as unknown[]).join(', ')}.`,
				kind: 'enum',
			};
		case 'minimum':
		case 'exclusiveMinimum':
			return { ...pointerToPaths(error.instancePath), message: `Må være minimum ${String(params.limit)}.`, kind: 'range' };
		case 'maximum':
		case 'exclusiveMaximum':
			return { ...pointerToPaths(error.instancePath), message: `Må være maksimum ${String(params.limit)}.`, kind: 'range' };
		case 'minLength':
		case 'maxLength':
			return {
				...pointerToPaths(error.instancePath),
				message: `Lengden må være ${error.keyword === 'minLength' ? 'minst' : 'høyst'} ${String(params.limit)} tegn.`,
				kind: 'length',
			};
		case 'required':
			return {
				...pointerToPaths(error.instancePath, String(params.missingProperty)),
				message: 'Feltet må fylles ut.',
				kind: 'required',
			};
		default:
			return { ...pointerToPaths(error.instancePath), message: error.message ?? 'Ugyldig verdi.', kind: 'other' };
	}
}
