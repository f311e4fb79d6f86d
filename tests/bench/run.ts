/**
 * `npm run bench`: runs every `*.bench.ts` beside this file in turn. Each exports
 * `run(): Promise<void>`, times its work against a baseline written the obvious way in the same
 * run, and prints its own table (ratios, not absolute targets: these machines are noisy).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
	.filter((f) => f.endsWith('.bench.ts'))
	.filter((f) => !only || f.includes(only))
	.sort();

for (const file of files) {
	console.log(`\n## ${file}\n`);
	const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run: () => Promise<void> };
	await mod.run();
}
