import type { Clock } from './types';

/** Real time, optionally shifted so that "now" starts at a chosen instant and keeps running. */
export class AdjustableClock implements Clock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	/** `null` returns to real time. */
	set(isoInstant: string | null): void {
		if (isoInstant === null) {
			this.offsetMs = 0;
			return;
		}
		const target = Date.parse(isoInstant);
		if (Number.isNaN(target)) throw new Error(`now must be an ISO 8601 instant, got ${JSON.stringify(isoInstant)}`);
		this.offsetMs = target - Date.now();
	}
}
