/**
 * One indicator registry: every comparison row, CSV/XLSX column and report cell takes its label,
 * unit and format from `INDICATORS`, so they cannot drift apart again (the row that labelled
 * minutes as metres, "Households with no car (households)").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { openTestDb } from '../../support/db';
import { DEMO_PARTNERSHIP_ID as P, ensureDemoWithExamples } from '$lib/server/seed';
import * as scenarios from '$lib/server/scenarios';
import { loadComparison, type Comparison } from '$lib/server/comparison';
import { comparisonCsv } from '$lib/compare/export.server';
import { defaultParameters } from '$lib/engine';
import { prepareImport } from '$lib/server/import';
import {
	formatIndicator,
	formatValue,
	indicatorFormat,
	indicatorLabel,
	indicatorUnit,
	INDICATORS,
	labelWithUnit,
	withUnit,
	type IndicatorId
} from '$lib/report/indicators';
import { demoDb, fixture, NOW } from '../import/helpers';
import { TEST_ACTOR } from '../../support/actor';

/** Rows whose subject is data (a criterion's name, a group's) carry their own label. */
const OWN_LABELS: IndicatorId[] = ['criterion', 'equalityGroupLost'];

function expectRowsReadTheRegistry(comparison: Comparison) {
	for (const row of comparison.rows) {
		expect(Object.keys(INDICATORS), row.key).toContain(row.indicator);
		if (!OWN_LABELS.includes(row.indicator)) expect(row.label, row.key).toBe(indicatorLabel(row.indicator, row.context));
		expect(row.unit, row.key).toBe(indicatorUnit(row.indicator, row.context));
		expect(row.format, row.key).toBe(indicatorFormat(row.indicator, row.context));
	}
}

describe('the indicator registry', () => {
	let db: Db;
	let comparison: Comparison;
	beforeAll(async () => {
		db = await openTestDb();
		await ensureDemoWithExamples(db, TEST_ACTOR);
		const ids = ['baseline', ...(await scenarios.list(db, P)).filter((s) => !s.isBaseline).map((s) => String(s.id))];
		comparison = await loadComparison(db, P, { linkIds: ids });
	});

	it('defines every row of the comparison of the worked examples: label, unit and format', () => {
		expect(comparison.rows.length).toBeGreaterThan(100);
		expectRowsReadTheRegistry(comparison);
	});

	it('names every figure with a unit, a direction and a source', () => {
		for (const [id, indicator] of Object.entries(INDICATORS)) {
			expect(indicator.source.length, id).toBeGreaterThan(10);
			expect([true, false, null], id).toContain(indicator.upIsGood);
		}
		expect(INDICATORS.oneOffCost.upIsGood).toBe(false);
		expect(INDICATORS.annualCashableSaving.upIsGood).toBe(true);
	});

	it('says households once: "Households with no car", values in households', () => {
		const noCar = comparison.rows.find((r) => r.key === 'access.probation_office.0.noCar')!;
		expect(noCar.label).toBe('Households with no car');
		expect(noCar.unit).toBe('households');
		expect(formatValue(noCar.unit, noCar.values[3])).toBe('1,706 households');
		expect(comparison.rows.some((r) => /\(households\) \(households\)|households\) households/.test(r.label))).toBe(false);
		expect(comparisonCsv(comparison)).toContain(',Households with no car,');
	});

	it('labels distances in metres in the CSV as the registry does, with the unit', () => {
		const mean = comparison.rows.find((r) => r.key === 'access.probation_office.meanDistanceM')!;
		expect(mean.label).toBe('Average distance to the nearest');
		expect(formatValue(mean.unit, mean.values[0])).toBe('4,146 m');
		expect(comparisonCsv(comparison)).toContain(',Average distance to the nearest (m),');
		for (const row of comparison.rows) expect(comparisonCsv(comparison)).toContain(withUnit(row.label, row.unit).replace(/"/g, '""'));
	});

	it('writes each kind of value one way', () => {
		expect(formatIndicator('npvCashable', 894115.97)).toBe('£894,116');
		expect(formatIndicator('paybackYear', null)).toBe('Not within the period');
		expect(formatIndicator('paybackYear', 4)).toBe('Year 4');
		expect(formatIndicator('accessLost', 1436.79)).toBe('1,437');
		expect(formatIndicator('hubFit', null)).toBe('—');
		expect(labelWithUnit('periodYears')).toBe('Appraisal period (years)');
	});
});

describe('matrix mode (a travel-time matrix)', () => {
	it('labels the average as a travel time in minutes, in its own row, never as metres', async () => {
		const { db, partnershipId } = await demoDb();
		const prepared = await prepareImport(db, partnershipId, { kind: 'matrix', file: fixture('matrix-long.csv'), options: { now: NOW } });
		await prepared.commit(TEST_ACTOR);
		const parameters = defaultParameters();
		parameters.distance.mode = 'matrix';
		const a = await scenarios.create(db, TEST_ACTOR, partnershipId, { name: 'Close Altrincham Library, by public transport', actions: [{ type: 'close', siteRef: 'lib-altrincham' }], parameters });
		const today = await scenarios.create(db, TEST_ACTOR, partnershipId, { name: 'Today, by public transport', parameters });
		const comparison = await loadComparison(db, partnershipId, { linkIds: [String(today.id), String(a.id)] });
		expectRowsReadTheRegistry(comparison);
		const minutes = comparison.rows.find((r) => r.key === 'access.library.meanMinutes')!;
		expect(minutes.label).toBe('Average travel time to the nearest');
		expect(minutes.unit).toBe('min');
		expect(formatValue(minutes.unit, minutes.values[1])).toMatch(/^\d+ min$/);
		expect(minutes.values[1]).toBeGreaterThan(minutes.values[0] as number);
		expect(comparison.rows.find((r) => r.key === 'access.library.meanDistanceM')).toBeUndefined();
		expect(comparisonCsv(comparison)).toContain('Average travel time to the nearest (minutes)');
		expect(comparison.rows.find((r) => r.key === 'access.library.0.all')!.label).toBe('People no longer within 15 min');
	});
});
