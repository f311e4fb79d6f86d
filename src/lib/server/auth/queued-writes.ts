/**
 * Better Auth's drizzle adapter writes with plain `db.insert/update/delete` calls. On SQLite the app
 * writes through its own connection, one transaction at a time (db/index.ts); a write on the main
 * connection while that writer holds its lock would block the only thread in better-sqlite3's
 * busy wait, which the writer (waiting on that same thread) can never release. So this hands the
 * adapter a database whose write builders are recorded and replayed inside `transaction()`, in the
 * same queue as every other write. Reads pass straight through to the main connection (WAL: they
 * see committed data and never wait for the writer).
 */
import { transaction, type Db } from '../db';

const WRITES = new Set(['insert', 'update', 'delete']);

type Step = { method: PropertyKey; args: unknown[] };

export function queuedWrites(db: Db): Db {
	return new Proxy(db, {
		get(target, property, receiver) {
			if (typeof property === 'string' && WRITES.has(property)) {
				return (...args: unknown[]) => recorded(db, [{ method: property, args }]);
			}
			const value = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/** A builder chain (`insert(t).values(v).returning()`) that runs, when awaited, inside a write transaction. */
function recorded(db: Db, steps: Step[]): unknown {
	return new Proxy(function builder() {}, {
		get(_target, property) {
			if (property === 'then') {
				const result = transaction(db, async (tx) => await replay(tx, steps));
				return result.then.bind(result);
			}
			return (...args: unknown[]) => recorded(db, [...steps, { method: property, args }]);
		}
	});
}

function replay(tx: Db, steps: Step[]): unknown {
	let builder: unknown = tx;
	for (const { method, args } of steps) {
		const target = builder as Record<PropertyKey, (...a: unknown[]) => unknown>;
		builder = target[method](...args);
	}
	return builder;
}
