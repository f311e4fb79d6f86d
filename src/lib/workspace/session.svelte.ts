/**
 * One open scenario in the browser: the version this page last saw, the saves in flight, and a
 * refused save waiting for the user's decision. Saves run one after another, each based on the
 * version the previous one returned, so this page never conflicts with itself; a 409 from another
 * tab keeps the pending change until the user re-applies or discards it.
 */
import { conflictReport, requestFor, type ConflictReport, type Intent, type ScenarioRecord } from './changes';
import type { FieldIssue } from '$lib/components/form-errors';

export interface Conflict {
	intent: Intent;
	theirs: ScenarioRecord;
	report: ConflictReport;
}

type Fetch = typeof fetch;

export class ScenarioSession {
	scenario: ScenarioRecord = $state() as ScenarioRecord;
	conflict: Conflict | null = $state(null);
	/** Field issues from the last refused (400) save. */
	issues: FieldIssue[] = $state([]);
	/** A save that failed for another reason (network, server), in words. */
	failure: string | null = $state(null);
	pending = $state(0);
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		initial: ScenarioRecord,
		private readonly fetcher: Fetch = fetch
	) {
		this.scenario = initial;
	}

	get readOnly(): boolean {
		return this.scenario.isBaseline || !!this.scenario.example;
	}

	/** Save a change; resolves true when saved, false when refused or held as a conflict. */
	apply(intent: Intent): Promise<boolean> {
		this.pending++;
		const run = this.queue.then(() => this.send(intent)).finally(() => this.pending--);
		this.queue = run.catch(() => undefined);
		return run;
	}

	/** Re-apply the held change on top of the other tab's version. */
	reapply(): Promise<boolean> {
		const held = this.conflict;
		if (!held) return Promise.resolve(false);
		this.scenario = held.theirs;
		this.conflict = null;
		return this.apply(held.intent);
	}

	/** Drop the held change and take the other tab's version. */
	discard(): void {
		if (!this.conflict) return;
		this.scenario = this.conflict.theirs;
		this.conflict = null;
	}

	private async send(intent: Intent): Promise<boolean> {
		// While a conflict is open, later edits would be based on a version we know is stale.
		if (this.conflict) {
			this.failure = 'Resolve the change made in another tab or window first (see the message above).';
			return false;
		}
		this.failure = null;
		this.issues = [];
		let response: Response;
		try {
			response = await this.fetcher(`/api/scenarios/${this.scenario.id}`, {
				method: 'PATCH',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(requestFor(intent, this.scenario))
			});
		} catch (error) {
			this.failure = `Could not reach the server, so the change was not saved (${error instanceof Error ? error.message : String(error)}). Try again.`;
			return false;
		}
		const body = await response.json().catch(() => ({}));
		if (response.ok) {
			this.scenario = body as ScenarioRecord;
			return true;
		}
		if (response.status === 409 && body.current) {
			const theirs = body.current as ScenarioRecord;
			this.conflict = { intent, theirs, report: conflictReport(this.scenario, theirs) };
			return false;
		}
		if (response.status === 400 && Array.isArray(body.issues)) {
			this.issues = body.issues;
			return false;
		}
		this.failure = `The server refused the change (${response.status}${body.message ? `: ${body.message}` : ''}).`;
		return false;
	}
}
