/**
 * Self-service activation (March 2025): the integrator reads the activation request the
 * customer created through the activation link and approves or rejects each company.
 * Approval adds an API technical user and returns its API key, usable at /oauth/token
 * with the integrator's client credentials.
 */
import type { Router } from '../../framework/router';
import { addRoute, type Ctx, type ProcountorCore } from '../api';
import { invalid, notFound, pcError } from '../errors';
import { COMPANIES } from '../seed';
import { helsinkiDateTime } from '../text';

type Obj = Record<string, unknown>;

function activationRequest(ctx: Ctx) {
	const requestId = ctx.req.params.requestId;
	const request = ctx.core.config.activationRequests.find((r) => r.requestId === requestId);
	if (!request) throw notFound(`Activation request ${requestId} not found`);
	if (ctx.core.handledActivations.has(requestId)) throw pcError(410, 'The activation request has already been handled');
	const expires = ctx.core.activationExpiry(requestId);
	if (ctx.now() >= expires) throw pcError(410, 'The activation request has expired');
	return { request, expires };
}

export function registerIntegrationRoutes(router: Router, core: ProcountorCore): void {
	addRoute(router, core, 'GET', '/integrations/{requestId}', (ctx) => {
		const { request, expires } = activationRequest(ctx);
		return {
			status: 200,
			body: {
				integrationId: request.integrationId,
				expires: helsinkiDateTime(expires),
				initiator: { email: 'omistaja@example.fi', userFullName: 'Olli Omistaja' },
				companiesToIntegrate: request.companyIds.map((companyId) => {
					const company = COMPANIES.find((c) => c.id === companyId);
					return {
						companyId,
						extraInfo: { companyName: company?.name ?? `Yritys ${companyId}`, country: 'FINLAND', businessId: company?.businessId ?? '' },
					};
				}),
			},
		};
	});

	addRoute(router, core, 'PUT', '/integrations/{requestId}', (ctx) => {
		const { request } = activationRequest(ctx);
		const body = ctx.object;
		const approve = body.approve ?? [];
		const reject = body.reject ?? [];
		if (!Array.isArray(approve) || approve.some((id) => !Number.isInteger(id))) throw invalid([{ field: 'approve', message: 'Must be an array of company ids' }]);
		if (!Array.isArray(reject) || reject.some((r) => !r || typeof r !== 'object' || !Number.isInteger((r as Obj).companyId))) {
			throw invalid([{ field: 'reject', message: 'Must be an array of {companyId, reason}' }]);
		}
		const rejectIds = (reject as Obj[]).map((r) => r.companyId as number);
		const all = [...(approve as number[]), ...rejectIds];
		const expected = new Set(request.companyIds);
		if (all.length !== expected.size || new Set(all).size !== all.length || all.some((id) => !expected.has(id))) {
			throw invalid([
				{
					field: null,
					message: `Every company of the request must be approved or rejected exactly once: expected ${expected.size} (${[...expected].join(', ')}), got ${all.length}`,
				},
			]);
		}
		ctx.core.handledActivations.set(request.requestId, ctx.now());
		return {
			status: 200,
			body: {
				integrationId: request.integrationId,
				companiesIntegrated: (approve as number[]).map((companyId) => ({ companyId, apiKey: ctx.core.integrateCompany(ctx.token.clientId, companyId) })),
			},
		};
	});
}
