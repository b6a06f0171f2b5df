/**
 * One poll of the Procountor Trigger. The node's static data holds the window (cursor and the
 * changes handled inside the look-back) and the memory of statuses and payments; it is written
 * once, after every request of the poll succeeded, so a failing poll reports nothing and loses
 * nothing: the next one reads the same window again.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { advancePollWindow, pollWindowStart, wasHandled, type HandledRecord, type PollWindowState } from '../../shared/pollWindow';
import { toWallClock, wallClockAt, wholeSeconds } from '../../shared/wallClock';
import { PROCOUNTOR_TIME_ZONE } from '../environments';
import { DEFAULT_LOOK_BACK_MINUTES } from './description';
import { watchedEvent, type TriggerMemory, type WatchedEvent } from './events';
import { searchAllById, searchLatest } from './search';

const STATE_VERSION = 1;
/** Changes remembered inside the look-back; more than this many in one look-back and the oldest may be reported again. */
export const MAX_SEEN = 10_000;

/** What the node keeps in its static data (`getWorkflowStaticData('node').watch`). */
export interface TriggerState extends PollWindowState, TriggerMemory {
	version: number;
	/** The event and server-side filters the window belongs to. */
	scope: string;
	/** Where watching began: the first poll's window start (Procountor's wall clock). Everything changed since was seen. */
	since: string;
}

function storedState(staticData: IDataObject, scope: string): TriggerState | undefined {
	const state = staticData.watch as TriggerState | undefined;
	if (!state || state.version !== STATE_VERSION || state.scope !== scope || typeof state.cursor !== 'string') return undefined;
	// A plain copy: n8n hands static data out as an observed (proxied) object.
	return JSON.parse(JSON.stringify(state)) as TriggerState;
}

function lookBackMs(this: IPollFunctions): number {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const minutes = options.lookBackMinutes ?? DEFAULT_LOOK_BACK_MINUTES;
	if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 1 || minutes > 1440) {
		throw new NodeOperationError(this.getNode(), `Look-Back (Minutes) must be a number from 1 to 1440, not ${JSON.stringify(minutes)}`);
	}
	return minutes * 60_000;
}

interface Change {
	row: IDataObject;
	key: string;
	at: string;
}

/** The search results as changes, oldest first; a result without its time cannot be placed and stops the poll. */
function changesOf(this: IPollFunctions, watched: WatchedEvent, rows: IDataObject[]): Change[] {
	const changes = rows.map((row) => {
		const at = toWallClock(row[watched.timeField], PROCOUNTOR_TIME_ZONE);
		if (at === undefined) {
			throw new NodeOperationError(this.getNode(), `Procountor returned ${watched.path.slice(1)} id ${String(row.id)} without a readable "${watched.timeField}" time (${JSON.stringify(row[watched.timeField])})`, {
				description: 'The trigger places every change by that time; nothing was reported and the next poll reads the same window again.',
			});
		}
		return { row, key: watched.key(row), at };
	});
	return changes.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : Number(a.row.id) - Number(b.row.id)));
}

export async function pollProcountor(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const watched = watchedEvent.call(this);
	if (this.getMode() === 'manual') {
		// A test run shows the newest matching record and leaves the trigger's state alone.
		const latest = await searchLatest.call(this, watched.path, watched.sampleQuery);
		return latest ? [this.helpers.returnJsonArray([await watched.sample.call(this, latest)])] : null;
	}

	const windowOptions = { lookBackMs: lookBackMs.call(this), timeZone: PROCOUNTOR_TIME_ZONE, maxSeen: MAX_SEEN };
	const staticData = this.getWorkflowStaticData('node');
	const stored = storedState(staticData, watched.scope);
	// The first poll (or the first after the event or its filters changed) starts from now: what is
	// already there is remembered, not reported.
	const baseline = stored === undefined;
	const now = wallClockAt(Date.now(), PROCOUNTOR_TIME_ZONE);
	const state: TriggerState = stored ?? { version: STATE_VERSION, scope: watched.scope, since: wholeSeconds(pollWindowStart(now, windowOptions)), cursor: now, seen: {} };

	const start = pollWindowStart(state.cursor, windowOptions);
	const rows = await searchAllById.call(this, watched.path, { ...watched.filters, [watched.startParameter]: wholeSeconds(start) });

	const memory: TriggerMemory = { statuses: state.statuses, payments: state.payments };
	const handled: HandledRecord[] = [];
	const handledNow = new Set<string>();
	const items: IDataObject[] = [];
	for (const change of changesOf.call(this, watched, rows)) {
		// Older than the window: not a change since the last poll (a server that ignored the filter).
		if (change.at < start || wasHandled(state, change.key) || handledNow.has(change.key)) continue;
		const item = await watched.evaluate.call(this, change.row, { memory, baseline, watchingSince: state.since });
		if (item && !baseline) items.push(item);
		handled.push({ key: change.key, at: change.at });
		handledNow.add(change.key);
	}

	const next: TriggerState = {
		version: STATE_VERSION,
		scope: watched.scope,
		since: state.since,
		...advancePollWindow(state, handled, windowOptions),
		...(memory.statuses ? { statuses: memory.statuses } : {}),
		...(memory.payments ? { payments: memory.payments } : {}),
	};
	staticData.watch = next;
	return items.length ? [this.helpers.returnJsonArray(items)] : null;
}
