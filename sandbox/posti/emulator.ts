/**
 * OmaPosti Pro (Posti) emulator: the production-like gateway at the root of the port and a
 * demo-like one under /demo (x-gateway-secret), the OAuth token endpoint, shipping order
 * v1 (raw API key) and v2 (Bearer) with real PDF labels behind expiring links, and the
 * 2025-04 pickup-point API. 50 requests/s per remote address, then 429 with Retry-After.
 */
import { Router } from '../framework/router';
import type { Clock, RateLimitConfig, RateLimitStyle, SandboxRequest, SandboxResponse, VendorEmulator } from '../framework/types';
import { checkGatewaySecret, type PostiCore } from './api';
import { defaultPostiConfig, mergePostiConfig, type PostiConfig } from './config';
import { errorForStatus, messageResponse } from './errors';
import { registerAuthRoutes } from './routes/auth';
import { registerLabelRoutes } from './routes/labels';
import { registerPickupPointRoutes } from './routes/pickupPoints';
import { registerShipmentRoutes } from './routes/shipments';
import { TrackingLogins, TrackingTokenStore, registerTrackingRoutes } from './routes/tracking';
import { sampleShipment } from './tracking';
import type { Shipment } from './state';
import { PICKUP_POINTS } from './seed';
import { ShipmentStore } from './state';
import { bearerToken, TokenStore } from './tokens';
import { EmulatorError } from '../framework/types';

export class PostiEmulator implements VendorEmulator<PostiConfig>, PostiCore {
	readonly name = 'posti';
	/** Posti paths start at the gateway root (`/shippingapi/…`, `/2025-04/…`, `/api/v1/token`); /demo is handled by the routes. */
	readonly basePath = '';
	readonly router = new Router();
	/** Posti: 50 requests per second per client IP. */
	readonly defaultRateLimit: RateLimitConfig = { enabled: true, limit: 50, windowMs: 1000 };
	readonly redaction = {
		queryParams: ['client_secret', 'access_token'],
		bodyFields: ['client_secret', 'access_token'],
		headers: ['x-gateway-secret'],
	};
	readonly rateLimitStyle: RateLimitStyle = {
		headers: () => ({}),
		limited: (state) => messageResponse(429, 'Too Many Requests', { 'retry-after': String(Math.max(1, state.resetSeconds)) }),
	};
	readonly tokens = new TokenStore();
	/** Tracking API service-account tokens and failed logins. */
	readonly trackingTokens = new TrackingTokenStore();
	readonly trackingLogins = new TrackingLogins();
	store = new ShipmentStore();
	trackingSamples: Shipment[] = [];
	config: PostiConfig;
	private clock: Clock = { now: () => Date.now() };

	constructor(config: Partial<PostiConfig> = {}) {
		this.config = mergePostiConfig(defaultPostiConfig(), config as Record<string, unknown>);
		registerAuthRoutes(this.router, this);
		registerShipmentRoutes(this.router, this);
		registerLabelRoutes(this.router, this);
		registerPickupPointRoutes(this.router, this);
		registerTrackingRoutes(this.router, this);
		this.trackingSamples = [sampleShipment(this.now())];
	}

	now(): number {
		return this.clock.now();
	}

	attachClock(clock: Clock): void {
		this.clock = clock;
		this.trackingSamples = [sampleShipment(this.now())];
	}

	errorResponse(status: number, req: SandboxRequest, message?: string): SandboxResponse {
		return errorForStatus(status, req.path, message);
	}

	/** Under /demo, CloudFront refuses a request without the gateway secret before it looks at the path. */
	unmatchedRoute(req: SandboxRequest): SandboxResponse | undefined {
		try {
			if (!/^\/demo\/api\/v1\/token\/?$/.test(req.path)) checkGatewaySecret(this, req);
		} catch (error) {
			if (error instanceof EmulatorError) return error.response;
			throw error;
		}
		return undefined;
	}

	decorate(res: SandboxResponse): SandboxResponse {
		return res;
	}

	/** Posti limits per client IP. */
	rateLimitKey(req: SandboxRequest): string {
		return `ip:${req.remoteAddress ?? 'unknown'}`;
	}

	expireSession(req: SandboxRequest): void {
		const token = bearerToken(req.headers.authorization);
		this.tokens.expire(token);
		this.trackingTokens.expire(token);
	}

	reset(options: { keepSessions?: boolean } = {}): void {
		this.store = new ShipmentStore();
		this.trackingSamples = [sampleShipment(this.now())];
		this.trackingLogins.reset();
		if (!options.keepSessions) {
			this.tokens.clear();
			this.trackingTokens.clear();
		}
	}

	snapshot(): unknown {
		const now = this.now();
		return {
			shipments: this.store.snapshot(now),
			pickupPoints: PICKUP_POINTS.map((p) => ({ id: p.id, publicName: p.name, type: p.type, postcode: p.postcode, city: p.city, active: p.active })),
			tokens: this.tokens.snapshot(now),
			tracking: {
				tokens: this.trackingTokens.snapshot(now),
				lockedAccounts: this.trackingLogins.snapshot(now),
				samples: this.trackingSamples.map((s) => ({ trackingNumber: s.parcels[0].parcelNo, createdAt: new Date(s.createdAt).toISOString() })),
			},
		};
	}

	getConfig(): PostiConfig {
		return structuredClone(this.config);
	}

	configure(patch: Record<string, unknown>): PostiConfig {
		this.config = mergePostiConfig(this.config, patch);
		return this.getConfig();
	}
}

export function createPostiEmulator(config?: Partial<PostiConfig>): PostiEmulator {
	return new PostiEmulator(config);
}
