import type { Router } from '../../framework/router';
import { addRoute, type ProcountorCore } from '../api';
import { oauthError } from '../errors';
import { COMPANIES } from '../seed';

/** Secrets must never travel in the URL (Procountor's M2M page warns about exactly these). */
const URL_SECRETS = ['client_secret', 'api_key', 'password', 'refresh_token', 'code'];

/**
 * POST /oauth/token: M2M client credentials with an API key. Form-encoded, and the
 * Content-Type must not carry a charset parameter (Procountor release-notes reminder);
 * what the real service answers then is not documented, so the sandbox gives an
 * OAuth-style 400 invalid_request.
 */
export function registerAuthRoutes(router: Router, core: ProcountorCore): void {
	addRoute(
		router,
		core,
		'POST',
		'/oauth/token',
		(ctx) => {
			const req = ctx.req;
			const contentType = req.headers['content-type'] ?? '';
			const [media, ...params] = contentType.split(';').map((s) => s.trim());
			if (media.toLowerCase() !== 'application/x-www-form-urlencoded') {
				throw oauthError(400, 'invalid_request', `Content-Type must be application/x-www-form-urlencoded, got '${contentType}'`);
			}
			if (params.some((p) => p !== '')) {
				throw oauthError(
					400,
					'invalid_request',
					`Content-Type must be exactly application/x-www-form-urlencoded without parameters (got '${contentType}'): remove the charset`,
				);
			}
			const inUrl = URL_SECRETS.filter((name) => req.query.has(name));
			if (inUrl.length) {
				throw oauthError(400, 'invalid_request', `Credentials must be sent in the request body, not in URL parameters (${inUrl.join(', ')})`);
			}
			const fields = req.body.kind === 'form' ? req.body.fields : {};
			const grantType = fields.grant_type;
			if (!grantType) throw oauthError(400, 'invalid_request', 'Missing grant_type');
			if (grantType !== 'client_credentials') {
				throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
			}
			const { client_id: clientId, client_secret: clientSecret, api_key: apiKey } = fields;
			if (!clientId) throw oauthError(400, 'invalid_request', 'Missing client_id');
			const client = core.config.clients.find((c) => c.clientId === clientId);
			if (!client || client.clientSecret !== clientSecret) throw oauthError(401, 'invalid_client', 'Bad client credentials');
			if (!apiKey) throw oauthError(400, 'invalid_request', 'Missing api_key');
			const grant = core.apiKeyGrant(apiKey);
			if (!grant || grant.clientId !== clientId) throw oauthError(401, 'invalid_grant', 'Invalid API key');
			const company = COMPANIES.find((c) => c.id === grant.companyId);
			const lifetimeMs = core.config.tokenLifetimeMs;
			const token = core.tokens.issue(grant, grant.userId ?? company?.userId ?? 50000, ctx.now(), lifetimeMs);
			return {
				status: 200,
				headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
				body: { access_token: token.token, token_type: 'bearer', expires_in: Math.max(1, Math.round(lifetimeMs / 1000)) },
			};
		},
		{ auth: false, body: 'none' },
	);

	addRoute(router, core, 'GET', '/sessioninfo', (ctx) => {
		const company = ctx.books.company;
		return {
			status: 200,
			body: {
				companyId: company.id,
				name: company.name,
				country: 'FINLAND',
				productVersion: 'PROCOUNTOR_ACCOUNTING',
				userId: ctx.token.userId,
				userName: company.userName,
				companySettings: { currency: 'EUR', businessId: company.businessId, unitPricesIncludeVatSales: false },
			},
		};
	});
}
