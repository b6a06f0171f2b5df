/**
 * Posti's Tracking API v7 and the service-account token endpoint it is used with:
 * - POST /oauth/token?grant_type=client_credentials, HTTP Basic `accountname:secret`; five
 *   failed logins lock the account for an hour;
 * - GET /tracking/7/shipments/trackingnumber/{n}, …/trackingnumbers/{a,b,…};
 * - GET /tracking/7/shipments/event/date?from&to (from inclusive, to exclusive), restricted:
 *   only accounts with the event search; `start`/`limit`, at most 100 shipments per answer.
 * "Normal" (external) accounts see only their contracts' shipments, "public" ones any, without
 * reasons. Errors are bodiless, as Posti's description declares them.
 */
import { randomBytes } from 'node:crypto';

import type { Router } from '../../framework/router';
import { BearerTokenStore, bearerToken, type IssuedToken } from '../../framework/tokens';
import { EmulatorError, type SandboxRequest, type SandboxResponse } from '../../framework/types';
import type { PostiConfig, PostiTrackingAccount } from '../config';
import { oauthError } from '../errors';
import type { Shipment, ShipmentStore } from '../state';
import { eventsAt, parcelShipment } from '../tracking';

const LOCK_AFTER_FAILURES = 5;
const LOCK_MS = 3_600_000;
const MAX_SHIPMENTS_PER_ANSWER = 100;

export interface TrackingToken extends IssuedToken {
	accountName: string;
	access: 'external' | 'public';
	contracts: string[];
	eventSearch: boolean;
}

export class TrackingTokenStore extends BearerTokenStore<TrackingToken> {
	issue(account: PostiTrackingAccount, now: number, lifetimeMs: number): TrackingToken {
		const fields = { accountName: account.accountName, access: account.access, contracts: [...account.contracts], eventSearch: account.eventSearch };
		return this.add(randomBytes(32).toString('base64url'), fields, now, lifetimeMs);
	}

	protected describe(t: TrackingToken): Record<string, unknown> {
		return { accountName: t.accountName, access: t.access };
	}
}

/** Failed logins per account name, and until when it is locked. */
export class TrackingLogins {
	private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

	locked(name: string, now: number): boolean {
		return (this.failures.get(name)?.lockedUntil ?? 0) > now;
	}

	fail(name: string, now: number): void {
		const entry = this.failures.get(name) ?? { count: 0, lockedUntil: 0 };
		entry.count++;
		if (entry.count >= LOCK_AFTER_FAILURES) {
			entry.lockedUntil = now + LOCK_MS;
			entry.count = 0;
		}
		this.failures.set(name, entry);
	}

	succeed(name: string): void {
		this.failures.delete(name);
	}

	reset(): void {
		this.failures.clear();
	}

	snapshot(now: number): unknown[] {
		return [...this.failures.entries()].filter(([, entry]) => entry.lockedUntil > now).map(([accountName, entry]) => ({ accountName, lockedUntil: new Date(entry.lockedUntil).toISOString() }));
	}
}

export interface TrackingCore {
	readonly config: PostiConfig;
	readonly store: ShipmentStore;
	/** Parcels of the contract the sandbox did not book (the sample delivery). */
	readonly trackingSamples: Shipment[];
	readonly trackingTokens: TrackingTokenStore;
	readonly trackingLogins: TrackingLogins;
	now(): number;
}

const bodiless = (status: number) => new EmulatorError({ status }, `HTTP ${status}`);

function basicCredentials(header: string | undefined): { name: string; secret: string } | undefined {
	const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0 ? undefined : { name: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function handleToken(core: TrackingCore, req: SandboxRequest): SandboxResponse {
	const form = req.body.kind === 'form' ? req.body.fields : {};
	const grantType = req.query.get('grant_type') ?? form.grant_type;
	if (!grantType) throw oauthError(400, 'invalid_request', 'Missing grant type');
	if (grantType !== 'client_credentials') throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
	const given = basicCredentials(req.headers.authorization);
	if (!given) throw oauthError(401, 'unauthorized', 'Full authentication is required to access this resource');
	const now = core.now();
	if (core.trackingLogins.locked(given.name, now)) throw oauthError(401, 'unauthorized', 'Bad credentials');
	const account = core.config.trackingAccounts.find((a) => a.accountName === given.name);
	if (!account || account.secret !== given.secret) {
		core.trackingLogins.fail(given.name, now);
		throw oauthError(401, 'unauthorized', 'Bad credentials');
	}
	core.trackingLogins.succeed(given.name);
	const lifetimeMs = core.config.tokenLifetimeMs;
	const token = core.trackingTokens.issue(account, now, lifetimeMs);
	return {
		status: 200,
		headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
		body: { token_type: 'bearer', access_token: token.token, expires_in: Math.max(1, Math.round(lifetimeMs / 1000) - 1) },
	};
}

function authenticate(core: TrackingCore, req: SandboxRequest): TrackingToken {
	const token = core.trackingTokens.find(bearerToken(req.headers.authorization));
	if (!token || !core.trackingTokens.isActive(token, core.now())) throw bodiless(401);
	return token;
}

/** Every parcel number of every shipment, with its shipment, in creation order. */
function parcels(core: TrackingCore, token: TrackingToken): Array<{ parcelNo: string; shipment: Shipment }> {
	const visible = [...core.trackingSamples, ...core.store.shipments.values()].filter((s) => token.access === 'public' || token.contracts.includes(s.contract));
	return visible.flatMap((shipment) => shipment.parcels.map((parcel) => ({ parcelNo: parcel.parcelNo, shipment })));
}

function lookupValue(value: string): string {
	if (value.length < 3 || value.length > 60) throw bodiless(400);
	return value.toUpperCase();
}

function answer(core: TrackingCore, token: TrackingToken, list: Array<{ parcelNo: string; shipment: Shipment }>): SandboxResponse {
	const now = core.now();
	const parcelShipments = list.map(({ parcelNo, shipment }) => parcelShipment(shipment, parcelNo, now, token.access)).filter((p) => p !== null);
	return { status: 200, headers: { 'content-type': 'application/json' }, body: { parcelShipments, freightShipments: [] } };
}

function readInstant(value: string | null): number | undefined {
	if (value === null || value === '') return undefined;
	const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) ? Date.parse(value) : NaN;
	if (Number.isNaN(ms)) throw bodiless(400);
	return ms;
}

function readPaging(req: SandboxRequest): { start: number; limit: number } {
	const start = req.query.get('start') === null ? 0 : Number(req.query.get('start'));
	const limit = req.query.get('limit') === null ? 100 : Number(req.query.get('limit'));
	if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) throw bodiless(400);
	return { start, limit: Math.min(limit, MAX_SHIPMENTS_PER_ANSWER) };
}

export function registerTrackingRoutes(router: Router, core: TrackingCore): void {
	router.add('POST', '/oauth/token', (req) => handleToken(core, req));

	router.add('GET', '/tracking/7/shipments/trackingnumber/{trackingNumber}', (req) => {
		const token = authenticate(core, req);
		const wanted = lookupValue(req.params.trackingNumber);
		const found = parcels(core, token).filter((p) => p.parcelNo === wanted && p.shipment.createdAt <= core.now());
		if (found.length === 0) throw bodiless(404);
		return answer(core, token, found);
	});

	router.add('GET', '/tracking/7/shipments/trackingnumbers/{trackingNumbers}', (req) => {
		const token = authenticate(core, req);
		const wanted = new Set(req.params.trackingNumbers.split(',').map((v) => lookupValue(v.trim())));
		if (wanted.size > 100) throw bodiless(400);
		return answer(core, token, parcels(core, token).filter((p) => wanted.has(p.parcelNo)));
	});

	router.add('GET', '/tracking/7/shipments/event/date', (req) => {
		const token = authenticate(core, req);
		if (token.access !== 'external' || !token.eventSearch) throw bodiless(403);
		const from = readInstant(req.query.get('from')) ?? -Infinity;
		const to = readInstant(req.query.get('to')) ?? Infinity;
		const { start, limit } = readPaging(req);
		const now = core.now();
		const matching = parcels(core, token).filter(({ shipment }) => eventsAt(shipment, now).some((e) => e.timeMs >= from && e.timeMs < to));
		return answer(core, token, matching.slice(start, start + limit));
	});
}
