/**
 * Milestone status words and the overdue rule, shared by the pilot page (browser) and
 * `$lib/server/pilots` (server), so both call the same milestone overdue.
 */
import type { MilestoneStatus } from '../server/db/schema';

export const STATUS_LABELS: Record<MilestoneStatus, string> = {
	not_started: 'Not started',
	on_track: 'On track',
	at_risk: 'At risk',
	late: 'Late',
	done: 'Done'
};

/**
 * Overdue: the end date has passed (strictly before `today`, yyyy-mm-dd) and it is not done.
 *
 * @example isOverdue({ endDate: '2012-03-31', status: 'on_track' }, '2026-11-25') // true
 */
export function isOverdue(m: { endDate: string; status: MilestoneStatus }, today: string): boolean {
	return m.status !== 'done' && m.endDate < today;
}

/** Every status, in the order a milestone moves through them. */
export const MILESTONE_STATUSES = Object.keys(STATUS_LABELS) as MilestoneStatus[];
