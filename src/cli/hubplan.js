#!/usr/bin/env node
// The `hubplan` command. The CLI is TypeScript that shares the engine with the app, so tsx runs it.
import { register } from 'tsx/esm/api';

register();
// `hubplan evaluate | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});
// A variable specifier: the type checker must not resolve a .ts path from this .js file.
const entry = './main.ts';
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
