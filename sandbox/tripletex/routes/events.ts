/**
 * Webhooks: `GET /event` (the event keys), `GET /event/{eventType}` (an example payload) and
 * subscriptions at `/event/subscription` (search, create, get, change, delete), each tied to
 * the employee whose token made it. Deliveries are `webhooks.ts`'s. The `/event/subscription/list`
 * bulk operations are not emulated (501).
 */
import type { Router } from '../../framework/router';
import { addRoute, type RequestContext, type TripletexCore } from '../api';
import { notFound, validationFailed, type ValidationMessage } from '../errors';
import { parseFields } from '../render';
import type { Rec } from '../state';
import { copyWritable } from '../writable';
import { targetUrlProblem, TRIPLETEX_EVENTS } from '../webhooks';

const SUBSCRIPTION_STATUSES = ['ACTIVE', 'DISABLED', 'DISABLED_TOO_MANY_ERRORS', 'DISABLED_RATE_LIMIT_EXCEEDED', 'DISABLED_MISUSE'];
/** Write-only: kept by the hub, never stored on the record nor answered. */
const WRITE_ONLY = ['hmacSharedSecret', 'authHeaderValue'];

function employeeOf(ctx: RequestContext): number {
	return ctx.session!.grant.employeeId;
}

/** The caller's own subscription, or 404 (another employee's subscriptions are not visible). */
function ownSubscription(ctx: RequestContext): Rec {
	const subscription = ctx.find('Subscription', ctx.pathId());
	if (subscription._employeeId !== employeeOf(ctx)) throw notFound();
	return subscription;
}

function checkSubscription(ctx: RequestContext, subscription: Record<string, unknown>, messages: ValidationMessage[]): void {
	const event = subscription.event;
	if (typeof event !== 'string' || event === '') messages.push({ field: 'event', message: 'Feltet må fylles ut.' });
	else if (!TRIPLETEX_EVENTS[event]) messages.push({ field: 'event', message: `Ukjent hendelse: ${event}. Se GET /event.` });
	const urlProblem = targetUrlProblem(subscription.targetUrl);
	if (urlProblem) messages.push({ field: 'targetUrl', message: urlProblem });
	const schema = typeof event === 'string' ? TRIPLETEX_EVENTS[event]?.schema : undefined;
	// Fields that the event's object does not have are refused now (400/11000) rather than at delivery.
	if (typeof subscription.fields === 'string' && subscription.fields !== '' && schema) {
		ctx.renderer.render(schema, { id: 0, version: 0 }, parseFields(subscription.fields));
	}
	if (typeof subscription.authHeaderName === 'string' && /[^!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(subscription.authHeaderName)) {
		messages.push({ field: 'authHeaderName', message: 'Ugyldig navn på header.' });
	}
}

export function registerEventRoutes(router: Router, core: TripletexCore): void {
	// No session needed since 2.56.4 (Tripletex changelog); one that is sent is not checked.
	addRoute(
		router,
		core,
		'GET',
		'/event',
		() => ({
			status: 200,
			body: { value: Object.fromEntries(Object.entries(TRIPLETEX_EVENTS).map(([name, info]) => [name, { description: info.description }])) },
		}),
		{ auth: false },
	);

	addRoute(router, core, 'GET', '/event/{eventType}', (ctx) => {
		const name = ctx.req.params.eventType;
		const info = TRIPLETEX_EVENTS[name];
		if (!info) throw notFound();
		const sample = info.schema ? ctx.books.all(info.schema)[0] : undefined;
		const value = name.endsWith('.delete') || !sample || !info.schema ? null : ctx.render(info.schema, sample);
		const example = { subscriptionId: 0, event: name, id: sample?.id ?? 0, value };
		return { status: 200, body: { value: { name, description: info.description, payloadModel: info.schema ?? '', examples: [example] } } };
	});

	addRoute(router, core, 'GET', '/event/subscription', (ctx) => {
		const own = ctx.books.all('Subscription').filter((subscription) => subscription._employeeId === employeeOf(ctx));
		return ctx.list('Subscription', own);
	});

	addRoute(router, core, 'POST', '/event/subscription', (ctx) => {
		const body = ctx.body;
		const subscription: Record<string, unknown> = { fields: '', authHeaderName: null };
		copyWritable('Subscription', body, subscription, [...WRITE_ONLY, 'status']);
		const messages: ValidationMessage[] = [];
		checkSubscription(ctx, subscription, messages);
		if (messages.length) throw validationFailed(messages);
		const created = ctx.books.insert('Subscription', { ...subscription, status: 'ACTIVE', version: 0, _employeeId: employeeOf(ctx) });
		core.webhooks.setSecrets(created.id, { hmacSharedSecret: body.hmacSharedSecret as string | undefined, authHeaderValue: body.authHeaderValue as string | undefined });
		return ctx.single('Subscription', created, 201);
	});

	addRoute(router, core, 'GET', '/event/subscription/{id}', (ctx) => ctx.single('Subscription', ownSubscription(ctx)));

	addRoute(router, core, 'PUT', '/event/subscription/{id}', (ctx) => {
		const existing = ownSubscription(ctx);
		const body = ctx.body;
		const updated: Record<string, unknown> = { ...existing };
		copyWritable('Subscription', body, updated, WRITE_ONLY);
		const messages: ValidationMessage[] = [];
		checkSubscription(ctx, updated, messages);
		if (typeof updated.status !== 'string' || !SUBSCRIPTION_STATUSES.includes(updated.status)) {
			messages.push({ field: 'status', message: `Ugyldig verdi. Gyldige verdier: ${SUBSCRIPTION_STATUSES.join(', ')}.` });
		}
		if (messages.length) throw validationFailed(messages);
		Object.assign(existing, updated, { version: existing.version + 1 });
		core.webhooks.setSecrets(existing.id, { hmacSharedSecret: body.hmacSharedSecret as string | undefined, authHeaderValue: body.authHeaderValue as string | undefined });
		return ctx.single('Subscription', existing);
	});

	addRoute(router, core, 'DELETE', '/event/subscription/{id}', (ctx) => {
		const subscription = ownSubscription(ctx);
		ctx.books.remove('Subscription', subscription.id);
		core.webhooks.forget(subscription.id);
		return { status: 204 };
	});
}
