/**
 * Discounted cash flow, as in the HM Treasury Green Book: year 0 carries the one-off costs less
 * capital receipts; years 1..N carry the annual saving (the same each year, or year by year when
 * savings start late, as a lease runs on).
 *
 *   discounted_t = cash_t ÷ (1 + r)^t,   NPV = Σ_{t=0..N} discounted_t
 *   payback year = the first t from which Σ_{k≤t} cash_k stays ≥ 0 (undiscounted) to year N, or
 *   null; a scenario that costs nothing up front but loses money every year never pays back.
 */
import type { CashFlowYear } from '../types';

/**
 * Cash flows, NPV and payback for a one-off year-0 amount and an annual amount: a number for every
 * year, or a list for years 1..N.
 *
 * @example
 * discountedCashFlow(-100_000, 30_000, 5, 0.035).npvGbp; // ≈ 35,452
 */
export function discountedCashFlow(
	year0Gbp: number,
	annualGbp: number | readonly number[],
	periodYears: number,
	discountRate: number
): { cashFlows: CashFlowYear[]; npvGbp: number; paybackYear: number | null } {
	const cashFlows: CashFlowYear[] = [];
	let cumulative = 0;
	let cumulativeDiscounted = 0;
	let paybackYear: number | null = null;
	for (let year = 0; year <= periodYears; year++) {
		const cashGbp = year === 0 ? year0Gbp : typeof annualGbp === 'number' ? annualGbp : (annualGbp[year - 1] ?? 0);
		const discountedGbp = cashGbp / (1 + discountRate) ** year;
		cumulative += cashGbp;
		cumulativeDiscounted += discountedGbp;
		if (cumulative < 0) paybackYear = null;
		else if (paybackYear === null) paybackYear = year;
		cashFlows.push({ year, cashGbp, discountedGbp, cumulativeGbp: cumulative, cumulativeDiscountedGbp: cumulativeDiscounted });
	}
	return { cashFlows, npvGbp: cumulativeDiscounted, paybackYear };
}
