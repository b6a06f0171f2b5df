import type { RouteHandler } from './types';

/**
 * Routes are OpenAPI-style templates: `/ledger/voucher/{id}/:reverse`. `{name}` is one
 * path parameter; everything else (including `:reverse` and `>whoAmI`) is literal.
 * Matching runs on percent-decoded segments, so `%3E` and `>` are the same.
 */
interface Route {
	method: string;
	template: string;
	segments: Segment[];
	handler: RouteHandler;
}

type Segment = { literal: string } | { param: string };

export type RouteMatch =
	| { kind: 'found'; template: string; params: Record<string, string>; handler: RouteHandler }
	| { kind: 'method-not-allowed'; allowed: string[] }
	| { kind: 'not-found' };

export function splitTemplate(template: string): Segment[] {
	return template
		.split('/')
		.filter((s) => s !== '')
		.map((s) => {
			const param = /^\{([^}]+)\}$/.exec(s);
			return param ? { param: param[1] } : { literal: s };
		});
}

/** Splits a path into percent-decoded segments; a malformed escape is kept as it is. */
export function decodeSegments(path: string): string[] {
	return path
		.split('/')
		.filter((s) => s !== '')
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
}

function matchSegments(segments: Segment[], actual: string[]): Record<string, string> | undefined {
	if (segments.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		if ('literal' in segment) {
			if (segment.literal !== actual[i]) return undefined;
		} else {
			params[segment.param] = actual[i];
		}
	}
	return params;
}

/** Literal segments beat parameters, left to right: `/voucher/>externalVoucherNumber` beats `/voucher/{id}`. */
function specificity(segments: Segment[]): string {
	return segments.map((s) => ('literal' in s ? '1' : '0')).join('');
}

export class Router {
	private readonly routes: Route[] = [];

	add(method: string, template: string, handler: RouteHandler): this {
		const route = { method: method.toUpperCase(), template, segments: splitTemplate(template), handler };
		this.routes.push(route);
		this.routes.sort((a, b) => specificity(b.segments).localeCompare(specificity(a.segments)));
		return this;
	}

	get(template: string, handler: RouteHandler): this {
		return this.add('GET', template, handler);
	}
	post(template: string, handler: RouteHandler): this {
		return this.add('POST', template, handler);
	}
	put(template: string, handler: RouteHandler): this {
		return this.add('PUT', template, handler);
	}
	delete(template: string, handler: RouteHandler): this {
		return this.add('DELETE', template, handler);
	}

	templates(): Array<{ method: string; template: string }> {
		return this.routes.map(({ method, template }) => ({ method, template }));
	}

	match(method: string, path: string): RouteMatch {
		const actual = decodeSegments(path);
		const allowed = new Set<string>();
		const upper = method.toUpperCase();
		for (const route of this.routes) {
			const params = matchSegments(route.segments, actual);
			if (!params) continue;
			if (route.method === upper || (upper === 'HEAD' && route.method === 'GET')) {
				return { kind: 'found', template: route.template, params, handler: route.handler };
			}
			allowed.add(route.method);
		}
		return allowed.size > 0 ? { kind: 'method-not-allowed', allowed: [...allowed] } : { kind: 'not-found' };
	}
}

/**
 * Glob for fault and journal filters: `{x}` or `*` is one segment, `**` any number of
 * segments, anything else literal. Matches the decoded path.
 */
export function pathMatchesPattern(pattern: string, path: string): boolean {
	const want = decodeSegments(pattern);
	const have = decodeSegments(path);
	const walk = (i: number, j: number): boolean => {
		if (i === want.length) return j === have.length;
		const token = want[i];
		if (token === '**') {
			for (let k = j; k <= have.length; k++) if (walk(i + 1, k)) return true;
			return false;
		}
		if (j >= have.length) return false;
		if (token === '*' || /^\{[^}]+\}$/.test(token) || token === have[j]) return walk(i + 1, j + 1);
		return false;
	};
	return walk(0, 0);
}
