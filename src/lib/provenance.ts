/**
 * Where an estate fact came from. Every estimate says how it was made; every recorded figure says
 * its source. The UI shows an "estimated" badge for `basis: 'estimated'` and never hides it.
 */
export type FactProvenance =
	| { basis: 'recorded'; source: string; asOf?: string }
	| { basis: 'estimated'; method: string; sources?: string[] }
	/** Made from other recorded facts by a fixed rule (a building's display name), not a guess. */
	| { basis: 'derived'; method: string };

/** Provenance of a row's facts, keyed by the fact's column name in TypeScript (e.g. `giaM2`). */
export type Provenance = Record<string, FactProvenance>;

export function isEstimated(provenance: Provenance, field: string): boolean {
	return provenance[field]?.basis === 'estimated';
}

/** One line a person can read: "Estimated: area × £/m² benchmark …" or "Recorded: source". */
export function describeProvenance(fact: FactProvenance | undefined): string {
	if (!fact) return 'Not recorded';
	if (fact.basis === 'estimated') return `Estimated: ${fact.method}`;
	if (fact.basis === 'derived') return `Derived: ${fact.method}`;
	return `Recorded: ${fact.source}${fact.asOf ? ` (${fact.asOf})` : ''}`;
}
