/**
 * For the Playwright PostgreSQL project: starts a throwaway PostgreSQL 15 cluster (as the vitest
 * run does), then the app exactly as `npm start` serves it (`node src/serve.js`) with
 * HUBPLAN_DATABASE_URL pointing at a fresh database; stops both when Playwright stops it.
 * Uses HUBPLAN_TEST_POSTGRES_URL's server instead when that is set.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { startCluster } from './postgres';

const given = process.env.HUBPLAN_TEST_POSTGRES_URL;
const cluster = given ? null : await startCluster();
const server = new URL(given ?? cluster!.url);
const name = `hubplan_e2e_${process.pid}`;
const admin = new pg.Client({ connectionString: server.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
await admin.end();
const url = new URL(server);
url.pathname = `/${name}`;

// The Playwright global setup reaches this database with the `hubplan` command to add test accounts.
if (process.env.E2E_DATABASE_URL_FILE) fs.writeFileSync(process.env.E2E_DATABASE_URL_FILE, url.toString());

const app = spawn(process.execPath, ['src/serve.js'], { stdio: 'inherit', env: { ...process.env, HUBPLAN_DATABASE_URL: url.toString() } });

async function stop(): Promise<void> {
	app.kill('SIGTERM');
	await new Promise((resolve) => app.once('exit', resolve));
	if (cluster) cluster.stop();
	else {
		const client = new pg.Client({ connectionString: server.toString() });
		await client.connect();
		await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await client.end();
	}
	process.exit(0);
}
// `on`, not `once`: the signal comes to the whole process group, and tsx passes it on too; a second
// one, unhandled, would end this process before the cluster is stopped.
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
app.once('exit', (code) => {
	cluster?.stop();
	process.exit(code ?? 1);
});
