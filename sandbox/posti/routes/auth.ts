import { mediaType } from '../../framework/body';
import type { Router } from '../../framework/router';
import { addRoute, type PostiCore } from '../api';
import { oauthError } from '../errors';

/**
 * POST /api/v1/token (and /demo/api/v1/token, which needs no gateway secret): OAuth2
 * client_credentials, form-encoded. Answers the opaque `PostiExt.1.…` token with one
 * `posti_fi.targets` entry per role of the client.
 */
export function registerAuthRoutes(router: Router, core: PostiCore): void {
	addRoute(
		router,
		core,
		'POST',
		'/api/v1/token',
		(ctx) => {
			const req = ctx.req;
			if (mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
				throw oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
			}
			if (req.query.has('client_secret')) {
				throw oauthError(400, 'invalid_request', 'Credentials must be sent in the request body, not in URL parameters');
			}
			const fields = req.body.kind === 'form' ? req.body.fields : {};
			if (!fields.grant_type) throw oauthError(400, 'invalid_request', 'Missing grant_type');
			if (fields.grant_type !== 'client_credentials') {
				throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${fields.grant_type}`);
			}
			const client = core.config.clients.find((c) => c.clientId === fields.client_id);
			if (!client || !fields.client_secret || client.clientSecret !== fields.client_secret) {
				throw oauthError(401, 'invalid_client', 'Bad credentials');
			}
			const lifetimeMs = core.config.tokenLifetimeMs;
			const token = core.tokens.issue(client, ctx.environment, ctx.now(), lifetimeMs);
			const gateway = ctx.gateway();
			const targets = Object.fromEntries(client.roles.map((role) => [role, { url: `${gateway}/${role}`, tier: 0 }]));
			return {
				status: 200,
				headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
				body: {
					access_token: token.token,
					token_type: 'Bearer',
					expires_in: Math.max(1, Math.round(lifetimeMs / 1000)),
					posti_fi: { targets },
				},
			};
		},
		{ auth: 'none', noGatewaySecret: true },
	);
}
