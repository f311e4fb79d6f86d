import { describe, expect, it } from 'vitest';
import { defaultParameters, type ScenarioAction } from '$lib/engine';
import {
	changedParameterPaths,
	conflictReport,
	describeAction,
	describeIntent,
	describeReport,
	mergeParameters,
	preview,
	requestFor
} from '$lib/workspace/changes';
import { close, record } from './helpers';

const names = { site: (ref: string) => ({ 'lib-hale': 'Hale Library', 'co-x': 'Civic Office' })[ref] ?? ref, service: (c: string) => (c === 'library' ? 'Library' : c) };

describe('requestFor', () => {
	it('sends one action as an action op on the version it is based on', () => {
		expect(requestFor({ kind: 'actions', actions: [close('a')] }, record(4, []))).toEqual({ op: 'action', baseVersion: 4, action: close('a') });
	});

	it('sends several actions as one patch appended to the current list, clearing redo', () => {
		const moves: ScenarioAction[] = [
			{ type: 'move', fromSiteRef: 'a', toSiteRef: 'h', service: 'library' },
			{ type: 'move', fromSiteRef: 'a', toSiteRef: 'h', service: 'advice' }
		];
		expect(requestFor({ kind: 'actions', actions: moves }, record(2, [close('b')]))).toEqual({
			op: 'patch',
			baseVersion: 2,
			actions: [close('b'), ...moves],
			redo: []
		});
	});

	it('re-applied on top of another version, keeps that version’s other parameter changes', () => {
		const mine = defaultParameters();
		mine.appraisal.discountRate = 0.05;
		const theirs = record(9, [], { parameters: { ...defaultParameters(), thresholdsM: [800] } });
		const body = requestFor({ kind: 'parameters', parameters: mine, changed: ['appraisal.discountRate'] }, theirs);
		expect(body).toMatchObject({ op: 'patch', baseVersion: 9 });
		if (body.op !== 'patch') throw new Error('expected a patch');
		expect(body.parameters?.appraisal.discountRate).toBe(0.05);
		expect(body.parameters?.thresholdsM).toEqual([800]);
	});

	it('sends undo and redo as they are', () => {
		expect(requestFor({ kind: 'undo' }, record(3, []))).toEqual({ op: 'undo', baseVersion: 3 });
		expect(requestFor({ kind: 'redo' }, record(3, []))).toEqual({ op: 'redo', baseVersion: 3 });
	});
});

describe('parameter paths', () => {
	it('lists the leaves that differ, walking keyed objects and treating arrays as one value', () => {
		const a = defaultParameters();
		const b = defaultParameters();
		b.thresholdsM = [1000];
		b.appraisal.capitalReceiptsGbp = { 'lib-hale': 250000 };
		b.channelShift.phoneShare = 0.4;
		expect(changedParameterPaths(a, b).sort()).toEqual(['appraisal.capitalReceiptsGbp.lib-hale', 'channelShift.phoneShare', 'thresholdsM']);
		expect(changedParameterPaths(a, defaultParameters())).toEqual([]);
	});

	it('merging removes a key the user cleared', () => {
		const theirs = defaultParameters();
		theirs.appraisal.capitalReceiptsGbp = { 'lib-hale': 1, 'lib-sale': 2 };
		const merged = mergeParameters(theirs, defaultParameters(), ['appraisal.capitalReceiptsGbp.lib-hale']);
		expect(merged.appraisal.capitalReceiptsGbp).toEqual({ 'lib-sale': 2 });
		expect(theirs.appraisal.capitalReceiptsGbp).toEqual({ 'lib-hale': 1, 'lib-sale': 2 });
	});
});

describe('conflictReport', () => {
	it('splits the lists at the shared start: theirs added after it, ours removed', () => {
		const seen = record(3, [close('a'), close('b')]);
		const theirs = record(5, [close('a'), close('c'), close('d')], { name: 'Option A2' });
		theirs.parameters.appraisal.periodYears = 15;
		expect(conflictReport(seen, theirs)).toEqual({
			theirVersion: 5,
			theirNewActions: [close('c'), close('d')],
			theirRemovedActions: [close('b')],
			parameterPaths: ['appraisal.periodYears'],
			renamed: true
		});
	});

	it('reports nothing changed for an identical save', () => {
		const r = conflictReport(record(1, [close('a')]), record(2, [close('a')]));
		expect([r.theirNewActions, r.theirRemovedActions, r.parameterPaths, r.renamed]).toEqual([[], [], [], false]);
		expect(describeReport(r, names)).toEqual(['Saved again with the same content']);
	});

	it('describes their changes in words, one line each, for the conflict view', () => {
		const seen = record(3, [close('lib-hale'), close('b')]);
		const theirs = record(5, [close('lib-hale'), close('co-x')], { name: 'Option A2' });
		theirs.parameters.appraisal.periodYears = 15;
		expect(describeReport(conflictReport(seen, theirs), names)).toEqual([
			'Added: Close Civic Office',
			'Undid: Close b',
			'Changed parameter appraisal.periodYears',
			'Changed the name or description'
		]);
	});
});

describe('describing actions', () => {
	it('uses building and service names', () => {
		expect(describeAction(close('lib-hale'), names)).toBe('Close Hale Library');
		expect(describeAction({ type: 'hub', siteRef: 'co-x' }, names)).toBe('Make Civic Office a hub');
		expect(describeAction({ type: 'move', fromSiteRef: 'lib-hale', toSiteRef: 'co-x', service: 'library' }, names)).toBe(
			'Move Library from Hale Library into Civic Office'
		);
		expect(
			describeAction(
				{ type: 'add', site: { ref: 'n', name: 'New Hub', kind: 'community_hub', lon: 0, lat: 0, giaM2: null, annualRunningCostGbp: null, services: [] } },
				names
			)
		).toBe('Add a new site, New Hub (community hub)');
		expect(describeIntent({ kind: 'undo' }, names)).toEqual(['Undo the last action']);
		expect(describeIntent({ kind: 'parameters', parameters: defaultParameters(), changed: ['thresholdsM'] }, names)).toEqual(['Change parameter thresholdsM']);
	});
});

describe('preview', () => {
	it('gives the actions and parameters a save will leave, before it is made', () => {
		const base = { ...record(3, [close('a'), close('b')]), redo: [close('c')] };
		expect(preview({ kind: 'actions', actions: [close('d')] }, base).actions).toEqual([close('a'), close('b'), close('d')]);
		expect(preview({ kind: 'undo' }, base).actions).toEqual([close('a')]);
		expect(preview({ kind: 'redo' }, base).actions).toEqual([close('a'), close('b'), close('c')]);
		expect(preview({ kind: 'redo' }, { ...base, redo: [] }).actions).toEqual([close('a'), close('b')]);
		const mine = defaultParameters();
		mine.appraisal.periodYears = 20;
		expect(preview({ kind: 'parameters', parameters: mine, changed: ['appraisal.periodYears'] }, base).parameters.appraisal.periodYears).toBe(20);
	});
});

describe('a replaced action list (reopening a building)', () => {
	it('saves the whole list as one patch, clears redo, and previews it', () => {
		const base = { id: 1, name: 'A', description: '', isBaseline: false, actions: [{ type: 'close' as const, siteRef: 'x' }], redo: [], parameters: defaultParameters(), version: 4, updatedAt: '' };
		const intent = { kind: 'replace' as const, actions: [], label: 'Reopen X' };
		expect(requestFor(intent, base)).toEqual({ op: 'patch', baseVersion: 4, actions: [], redo: [] });
		expect(preview(intent, base).actions).toEqual([]);
		expect(describeIntent(intent, names)).toEqual(['Reopen X']);
	});
});
