/**
 * Layout of the Gantt-style timeline: the month span the milestones cover, tick months, and each
 * bar's start and width as percentages of the span. Dates are ISO yyyy-mm-dd, read as UTC days.
 */
import { formatMonth } from '$lib/format';

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
	return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

export interface TimelineTick {
	label: string;
	leftPct: number;
	/** The month the tick starts, UTC. */
	month: Date;
}

export interface Timeline {
	ticks: TimelineTick[];
	/** Position of `today` when it falls inside the span. */
	todayPct: number | null;
	bar(startIso: string, endIso: string): { leftPct: number; widthPct: number };
}

/**
 * A span from the first day of the earliest start's month to the end of the latest end's month,
 * with a tick per month (every third month past two years, so labels do not collide).
 */
export function timeline(items: { startDate: string; endDate: string }[], today: string): Timeline | null {
	if (items.length === 0) return null;
	const first = items.map((i) => i.startDate).sort()[0];
	const last = items.map((i) => i.endDate).sort().at(-1)!;
	const [fy, fm] = first.split('-').map(Number);
	const [ly, lm] = last.split('-').map(Number);
	const spanStart = Date.UTC(fy, fm - 1, 1) / DAY_MS;
	const spanEnd = Date.UTC(ly, lm, 1) / DAY_MS; // first day of the month after the last end
	const spanDays = spanEnd - spanStart;
	const pct = (day: number) => ((day - spanStart) / spanDays) * 100;
	const monthCount = (ly - fy) * 12 + (lm - fm) + 1;
	const step = monthCount > 24 ? 3 : 1;
	const ticks: TimelineTick[] = [];
	for (let k = 0; k < monthCount; k += step) {
		const date = new Date(Date.UTC(fy, fm - 1 + k, 1));
		const month = date.getUTCMonth();
		ticks.push({
			label: formatMonth(date, k === 0 || month === 0),
			leftPct: pct(date.getTime() / DAY_MS),
			month: date
		});
	}
	const todayDay = dayNumber(today);
	return {
		ticks,
		todayPct: todayDay >= spanStart && todayDay < spanEnd ? pct(todayDay) : null,
		// A bar runs to the end of its end day, so a one-day milestone still shows.
		bar: (startIso, endIso) => {
			const left = pct(dayNumber(startIso));
			return { leftPct: left, widthPct: pct(dayNumber(endIso) + 1) - left };
		}
	};
}

/** Room a month label needs on the axis ("Sep 2027" at the axis's small type, with a gap), px. */
export const TICK_LABEL_WIDTH_PX = 64;

/**
 * The ticks that get a label on an axis `trackWidthPx` wide: the first, then each one at least a
 * label's width past the last labelled one and with room before the end, so labels never pile up
 * (issue 13: at 390 px the month labels lay on top of each other). A label gives the year when it
 * is the first or the year has changed since the last label. Unknown width (before the page is
 * measured): every tick, as `timeline` made them.
 */
export function labelledTicks(ticks: readonly TimelineTick[], trackWidthPx: number | null): { label: string; leftPct: number }[] {
	if (!trackWidthPx) return ticks.map(({ label, leftPct }) => ({ label, leftPct }));
	const shown: { label: string; leftPct: number }[] = [];
	let lastPx = -Infinity;
	let lastYear: number | null = null;
	for (const [i, tick] of ticks.entries()) {
		const leftPx = (tick.leftPct / 100) * trackWidthPx;
		const fits = i === 0 || (leftPx - lastPx >= TICK_LABEL_WIDTH_PX && leftPx + TICK_LABEL_WIDTH_PX <= trackWidthPx);
		if (!fits) continue;
		const year = tick.month.getUTCFullYear();
		shown.push({ label: formatMonth(tick.month, year !== lastYear), leftPct: tick.leftPct });
		lastPx = leftPx;
		lastYear = year;
	}
	return shown;
}
