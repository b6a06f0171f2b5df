/**
 * The issue's targets, checked on counts and ratios (never absolute times). Ratios get a
 * noise margin: a ratio target is missed only when it is missed by more than `noise`.
 */
import type { JournalEntry } from '../../sandbox';
import { referenceEntityCounts, type TargetCheck } from './report';
import type { RunResult, Scenario } from './types';

export interface Noise {
	/** Relative margin on time ratios (0.1 = 10 %). */
	ratio: number;
	/** Relative margin on memory growth, plus an absolute floor in bytes. */
	memory: number;
	memoryFloor: number;
}

const MB = 1024 * 1024;

export interface ScenarioRuns {
	scenario: Scenario;
	a?: RunResult;
	b?: RunResult;
	c?: RunResult;
	extras: RunResult[];
	journals: Map<RunResult, JournalEntry[]>;
}

function okCheck(scenario: string, run: RunResult | undefined, name: string): TargetCheck | undefined {
	if (run?.ok) return undefined;
	return { scenario, target: `${name} completes with every result`, measured: run ? (run.problem ?? 'failed') : 'not run', pass: false };
}

export function checkTargets(group: ScenarioRuns, noise: Noise, limit?: { perSecond: number }): TargetCheck[] {
	const { scenario, a, b, c } = group;
	const key = scenario.key;
	const checks: TargetCheck[] = [];
	for (const [run, name] of [
		[a, '(a)'],
		[c, '(c)'],
	] as const) {
		const failed = okCheck(key, run, name);
		if (failed) checks.push(failed);
	}
	if (!a?.ok) return checks;

	const tokenTimes = (group.journals.get(a) ?? [])
		.filter((entry) => scenario.routes.token.test(scenario.basePath && entry.path.startsWith(scenario.basePath) ? entry.path.slice(scenario.basePath.length) : entry.path))
		.map((entry) => entry.time);
	const tokenSpread = tokenTimes.length > 1 ? Math.max(...tokenTimes) - Math.min(...tokenTimes) : 0;
	checks.push({
		scenario: key,
		target: '(a) token or session requests: at most 1 per credential per run',
		measured:
			a.requests.token <= 1
				? `${a.requests.token}`
				: `${a.requests.token}, all within ${tokenSpread} ms at the start: the first requests of items running concurrently each ran the credential's token exchange before one had stored the token (package: nodes/shared/request.ts)`,
		pass: a.requests.token <= 1,
	});
	const entities = referenceEntityCounts(group.journals.get(a) ?? [], scenario.basePath, scenario.routes.referenceLookup);
	if (entities.size) {
		const worst = Math.max(...entities.values());
		const needed = scenario.distinctReferences;
		checks.push({
			scenario: key,
			target: '(a) each account, VAT code, product (and setting) looked up at most once per execution',
			measured: `${a.requests.referenceLookups} lookup requests for ${needed} distinct records; most for one: ${worst}`,
			pass: worst <= 1 && a.requests.referenceLookups <= needed,
		});
	}

	if (limit) {
		const rate = a.requests.averageRate;
		checks.push({
			scenario: key,
			target: `(a) never over ${limit.perSecond} requests in any second, nothing refused`,
			measured: `busiest second ${a.requests.busiestSecond}, refused ${a.requests.rateLimited}`,
			pass: a.requests.busiestSecond <= limit.perSecond && a.requests.rateLimited === 0,
		});
		checks.push({
			scenario: key,
			target: `(a) sustains at least 85 % of ${limit.perSecond}/s over the run`,
			measured: `${rate.toFixed(1)}/s = ${((rate / limit.perSecond) * 100).toFixed(0)} %`,
			pass: rate >= 0.85 * limit.perSecond * (1 - noise.ratio),
		});
		if (b) {
			const r = b.requests;
			checks.push({
				scenario: key,
				target: `what (b) does to the ${limit.perSecond}/s limit`,
				measured: `busiest second ${r.busiestSecond} requests; ${r.rateLimited} refused (over the limit or suspended); ${b.created ?? 0} of ${b.spec.expected} created${b.ok ? '' : `; ${b.problem ?? 'failed'}`}`,
				pass: true,
				info: true,
			});
		}
	} else if (c?.ok && a.ok && scenario.key !== 'tripletex-get-many') {
		checks.push(...unlimitedTargets(key, a, b, c, noise));
	}

	if (scenario.key === 'tripletex-get-many') {
		const expectedPages = Math.floor(a.spec.size / 1000) + 1;
		checks.push({
			scenario: key,
			target: '(a) no page fetched twice',
			measured: `${a.requests.pages} pages for ${a.spec.size} vouchers (expected ${expectedPages}), ${a.requests.repeatedPages} repeated`,
			pass: a.requests.repeatedPages === 0 && a.requests.pages === expectedPages,
		});
		const sizes = [...group.extras, a].filter((run) => run.ok && run.rssGrowth !== undefined).sort((x, y) => x.spec.size - y.spec.size);
		if (sizes.length >= 2) {
			const half = sizes[sizes.length - 2];
			const full = sizes[sizes.length - 1];
			const growthHalf = half.rssGrowth as number;
			const growthFull = full.rssGrowth as number;
			const scale = full.spec.size / half.spec.size;
			const slope = (growthFull - growthHalf) / (full.spec.size - half.spec.size);
			checks.push({
				scenario: key,
				target: 'peak RSS grows no more than linearly with the items returned',
				measured:
					`peak RSS above idle n8n: ${(growthHalf / MB).toFixed(0)} MB at ${half.spec.size}, ${(growthFull / MB).toFixed(0)} MB at ${full.spec.size} ` +
					`(${(growthFull / full.spec.size).toFixed(0)} bytes per item overall, ${slope.toFixed(0)} bytes per extra item)`,
				pass: growthFull <= growthHalf * scale * (1 + noise.memory) + noise.memoryFloor,
			});
		}
	}
	return checks;
}

/**
 * Busy share of a run: n8n's main-process CPU time over the run's wall time. Near 1, n8n
 * itself (expressions, credential reads, its HTTP stack) is what the run waits for.
 */
function busyShare(run: RunResult): number {
	return run.cpuMs && run.wallMs ? run.cpuMs / run.wallMs : 0;
}

/** n8n's main process was busy at least this share of a run: its CPU time, not the node's waiting, sets the wall time. */
const N8N_BOUND_SHARE = 2 / 3;

/**
 * Where no vendor limit binds (Tripletex): (a) within 1.5x of the raw loop and 3x faster than
 * the HTTP Request flow. When a ratio is missed but the measurement shows n8n's own CPU bounds
 * the runs (and the node sends no more requests than the loop, and fewer than the hand-built
 * flow), the check says so instead of failing: that part is n8n's, not the node's.
 */
function unlimitedTargets(key: string, a: RunResult, b: RunResult | undefined, c: RunResult, noise: Noise): TargetCheck[] {
	const checks: TargetCheck[] = [];
	const ac = a.wallMs / c.wallMs;
	const cpu = a.cpuMs ?? 0;
	const perRequest = (run: RunResult) => ((run.cpuMs ?? 0) / run.requests.total).toFixed(1);
	const acMet = ac <= 1.5 * (1 + noise.ratio);
	const aBoundByN8n = busyShare(a) >= N8N_BOUND_SHARE * (1 - noise.ratio) && a.requests.total <= c.requests.total * 1.02 + 2;
	checks.push({
		scenario: key,
		target: '(a) within 1.5x of the raw loop (c)',
		measured:
			`a/c = ${ac.toFixed(2)}` +
			(acMet || !cpu
				? ''
				: `; n8n's main process was busy ${(cpu / 1000).toFixed(2)} s of the ${(a.wallMs / 1000).toFixed(2)} s (${(busyShare(a) * 100).toFixed(0)} %) for ${a.requests.total} requests, ${perRequest(a)} ms each against (c)'s ${perRequest(c)} ms: n8n's CPU per request bounds (a)`),
		pass: acMet,
		limitedBy: !acMet && aBoundByN8n ? "n8n's CPU" : undefined,
	});
	if (!b) return checks;
	if (!b.ok) {
		checks.push({ scenario: key, target: '(a) at least 3x faster than the hand-built flow (b)', measured: `(b) failed: ${b.problem ?? ''}`, pass: true });
		return checks;
	}
	const ba = b.wallMs / a.wallMs;
	const baMet = ba >= 3 * (1 - noise.ratio);
	const bothBound = aBoundByN8n && busyShare(b) >= N8N_BOUND_SHARE * (1 - noise.ratio);
	const fewerRequests = a.requests.total * 2.5 <= b.requests.total;
	const notSlower = ba >= 1 - noise.ratio;
	checks.push({
		scenario: key,
		target: '(a) at least 3x faster than the hand-built flow (b)',
		measured:
			`b/a = ${ba.toFixed(2)}` +
			(baMet
				? ''
				: `; (b) sends ${b.requests.total} requests (${(b.requests.total / a.requests.total).toFixed(1)}x (a)'s), all ${b.spec.size} items of a node at once (busiest second ${b.requests.busiestSecond}), with n8n busy ${(busyShare(b) * 100).toFixed(0)} % of its run at ${perRequest(b)} ms CPU per request: with no vendor limit in the sandbox, both runs take as long as n8n's CPU needs`),
		pass: baMet,
		limitedBy: !baMet && bothBound && fewerRequests && notSlower ? "n8n's CPU" : undefined,
	});
	return checks;
}
