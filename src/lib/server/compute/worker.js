// Each pool thread starts here. Plain JavaScript, so Node loads it as is in every setting (the
// production build does not bundle server workers, and vite dev and vitest transform only what they
// import themselves); tsx then lets it import the TypeScript tasks, as the CLI does.
import { register } from 'tsx/esm/api';

register();
// A variable specifier: the type checker must not resolve a .ts path from this .js file.
const entry = './tasks.ts';
const { runTask } = await import(entry);

export default runTask;
