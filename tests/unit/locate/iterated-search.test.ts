import { describe, expect, it } from 'vitest';
import { iteratedSearch, type LocalSearch } from '../../../src/lib/engine/locate/iterated-search';

/**
 * A toy search over one number: construct and perturb draw from the PRNG, improve does nothing,
 * so the plan's rules alone decide when the loop ends. `answers` is the sequence of objectives.
 */
function toySearch(answers: number[]): LocalSearch & { calls: string[] } {
	let current = 0;
	let next = 0;
	const calls: string[] = [];
	const draw = () => (current = answers[Math.min(next++, answers.length - 1)]);
	return {
		calls,
		construct: (random) => {
			calls.push(random ? 'random greedy' : 'greedy');
			draw();
		},
		improve: () => {},
		perturb: () => {
			calls.push('perturb');
			draw();
		},
		load: (open) => {
			current = open[0];
		},
		objective: () => current,
		openSet: () => [current]
	};
}

describe('iteratedSearch', () => {
	it('runs the greedy starts, then perturbation rounds, and keeps the best answer', async () => {
		const search = toySearch([9, 7, 8, 5, 6, 6]);
		const outcome = iteratedSearch(search, { seed: 1, greedyStarts: 2, steps: 6 });
		expect(search.calls).toEqual(['greedy', 'random greedy', 'perturb', 'perturb', 'perturb', 'perturb']);
		expect(outcome).toMatchObject({ objective: 5, open: [5], steps: 6, stopped: 'steps', bound: null });
	});

	it('stops as soon as the best answer meets the proven bound, and starts next from the relaxation', async () => {
		const search = toySearch([9, 4, 8]);
		const progress: number[] = [];
		const outcome = iteratedSearch(search, {
			seed: 1,
			greedyStarts: 1,
			steps: 10,
			lowerBound: () => ({ bound: 4, start: [4] }),
			onProgress: (p) => progress.push(p.start)
		});
		// Step 1 greedy (9) computes the bound; step 2 loads the relaxation's answer (4), which meets it.
		expect(outcome).toMatchObject({ objective: 4, steps: 2, stopped: 'proven' });
		expect(outcome.bound!.value).toBe(4);
		expect(progress).toEqual([1, 2]);
	});

	it('stops after `patience` steps without a better answer, when an answer is good enough, or when none can be', async () => {
		expect(iteratedSearch(toySearch([5, 6, 7, 8, 9, 9, 9]), { seed: 1, greedyStarts: 1, steps: 20, patience: 3 })).toMatchObject({ steps: 4, stopped: 'patience' });
		expect(iteratedSearch(toySearch([9, 8, 3, 1]), { seed: 1, greedyStarts: 1, steps: 20, enough: 3 })).toMatchObject({ objective: 3, stopped: 'enough' });
		expect(iteratedSearch(toySearch([9, 8]), { seed: 1, greedyStarts: 1, steps: 20, enough: 3, lowerBound: () => ({ bound: 5 }) })).toMatchObject({
			steps: 1,
			stopped: 'unreachable'
		});
	});

	it('cuts patience in proportion to the gap the bound leaves, once that gap is below patienceGap', async () => {
		const answers = [5, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9];
		const plan = { seed: 1, greedyStarts: 1, steps: 20, patience: 8, lowerBound: () => ({ bound: 4.5 }) };
		// Gap 0.5 of a possible 2: a quarter of the patience (2 steps) after the first.
		expect(iteratedSearch(toySearch(answers), { ...plan, patienceGap: () => 2 })).toMatchObject({ objective: 5, steps: 3, stopped: 'patience' });
		// A gap at or above patienceGap keeps the full patience.
		expect(iteratedSearch(toySearch(answers), { ...plan, patienceGap: () => 0.5 })).toMatchObject({ steps: 9, stopped: 'patience' });
		expect(iteratedSearch(toySearch(answers), plan)).toMatchObject({ steps: 9, stopped: 'patience' });
	});
});
