import type { Router } from '../../framework/router';
import { EmulatorError } from '../../framework/types';
import { addRoute, type RequestContext, type TripletexCore } from '../api';
import { isIsoDate } from '../dates';
import { errorForStatus, notFound, validationFailed, type ValidationMessage } from '../errors';
import type { Rec } from '../state';

/**
 * POST (API 2.74+, JSON body, 201) and legacy PUT (query parameters, 200) create the
 * same session. The PUT stays because Tripletex still serves it (deprecated); the package
 * never calls it, since it puts both tokens in the URL. Bad consumer or employee tokens give 422/18000 naming the argument
 * (as reported in Tripletex/tripletex-api2#53), not 401.
 */
function createSession(ctx: RequestContext, input: Record<string, unknown>, fieldPrefix: string, status: number) {
	const { config, sessions } = ctx.core;
	const messages: ValidationMessage[] = [];
	const field = (name: string) => `${fieldPrefix}${name}`;
	const problem = (name: string, message: string) => messages.push({ field: field(name), message, path: field(name) });
	const text = (name: string) => (typeof input[name] === 'string' && input[name] !== '' ? (input[name] as string) : undefined);
	const consumerToken = text('consumerToken');
	const employeeToken = text('employeeToken');
	const expirationDate = text('expirationDate');
	for (const [name, value] of [
		['consumerToken', consumerToken],
		['employeeToken', employeeToken],
		['expirationDate', expirationDate],
	] as const) {
		if (value === undefined) problem(name, 'Kan ikke være null.');
	}
	if (messages.length) throw validationFailed(messages);

	const consumerIndex = config.consumerTokens.indexOf(consumerToken!);
	if (consumerIndex === -1) {
		problem('consumerToken', 'The consumer token is invalid or does not exist.');
	}
	// An employee token only works with the consumer (application) it was created for;
	// with an unknown consumer token only that one is reported (tripletex-api2#53).
	const grantIndex = config.employeeTokens.findIndex(
		(g) => g.token === employeeToken && (consumerIndex === -1 || g.consumerToken === undefined || g.consumerToken === consumerToken),
	);
	if (grantIndex === -1) {
		problem('employeeToken', 'The employee token is invalid or does not exist.');
	}
	if (!isIsoDate(expirationDate)) {
		problem('expirationDate', `Ugyldig dato: ${expirationDate}. Bruk formatet YYYY-MM-DD.`);
	} else if (expirationDate <= ctx.today()) {
		// The session ends at 00:00 Oslo on the date, so today or earlier would be born expired.
		problem('expirationDate', 'Utløpsdatoen må være senere enn dagens dato.');
	}
	if (messages.length) throw validationFailed(messages);

	const session = sessions.create({
		grant: config.employeeTokens[grantIndex],
		consumerTokenId: 5001 + consumerIndex,
		employeeTokenId: 6001 + grantIndex,
		expirationDate: expirationDate!,
		now: ctx.now(),
		lifetimeMs: config.sessionLifetimeMs,
	});
	const record: Rec = {
		id: session.id,
		version: 1,
		consumerToken: { id: session.consumerTokenId },
		employeeToken: { id: session.employeeTokenId },
		expirationDate: session.expirationDate,
		token: session.token,
		encryptionKey: null,
	};
	return ctx.single('SessionToken', record, status);
}

export function registerSessionRoutes(router: Router, core: TripletexCore): void {
	addRoute(router, core, 'POST', '/token/session/:create', (ctx) => createSession(ctx, ctx.body, '', 201), {
		auth: false,
		before: () => {
			const mode = core.config.sessionCreateWithBody;
			if (mode === 'not-found') throw new EmulatorError(errorForStatus(404));
			if (mode === 'method-not-allowed') {
				const response = errorForStatus(405);
				throw new EmulatorError({ ...response, headers: { ...response.headers, allow: 'PUT' } });
			}
		},
	});

	addRoute(
		router,
		core,
		'PUT',
		'/token/session/:create',
		(ctx) =>
			createSession(
				ctx,
				{
					consumerToken: ctx.query.string('consumerToken'),
					employeeToken: ctx.query.string('employeeToken'),
					expirationDate: ctx.query.string('expirationDate'),
				},
				'arg:',
				200,
			),
		{ auth: false, skipQueryCheck: true },
	);

	addRoute(router, core, 'GET', '/token/session/>whoAmI', (ctx) => {
		const session = ctx.session!;
		const record: Rec = {
			id: 0,
			version: 0,
			employeeId: session.grant.employeeId,
			actualEmployeeId: session.grant.employeeId,
			employee: { id: session.grant.employeeId },
			companyId: ctx.companyId,
			company: { id: ctx.companyId },
			language: 'no',
			loggedInWithConnect: false,
			employeeIsProxy: false,
		};
		return ctx.single('LoggedInUserInfo', record);
	});

	addRoute(router, core, 'DELETE', '/token/session/{token}', (ctx) => {
		const token = ctx.req.params.token;
		const session = core.sessions.find(token);
		if (!session || session.grant.employeeId !== ctx.session!.grant.employeeId) throw notFound();
		core.sessions.delete(token);
		return { status: 204 };
	});

	addRoute(router, core, 'GET', '/company/>withLoginAccess', (ctx) => {
		const grant = ctx.session!.grant;
		const companies = [grant.companyId, ...grant.clientCompanyIds]
			.map((id) => core.booksFor(id).get('Company', id))
			.filter((c): c is Rec => !!c);
		return ctx.list('Company', companies);
	});

	addRoute(router, core, 'GET', '/company/{id}', (ctx) => {
		const id = ctx.pathId();
		if (id !== ctx.companyId) throw notFound();
		return ctx.single('Company', ctx.find('Company', id));
	});
}
