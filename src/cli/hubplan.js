#!/usr/bin/env node
// The `hubplan` command. The CLI is TypeScript that shares the engine with the app, so tsx runs it.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
