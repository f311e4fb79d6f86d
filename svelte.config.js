import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * A configured basemap (read when the app is built, which `npm start` does) loads tiles, glyphs
 * and sprites from hosts its style names; without one, everything comes from the app itself.
 */
const remote = process.env.PUBLIC_HUBPLAN_BASEMAP_STYLE ? ['https:'] : [];

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Scripts only from the app, with a nonce for SvelteKit's own start-up script; WebAssembly
		// for the optimiser's exact solver. Inline styles stay allowed: Svelte and MapLibre set
		// element styles.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:', ...remote],
				'font-src': ['self', 'data:', ...remote],
				'connect-src': ['self', 'data:', 'blob:', ...remote],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config: (tsconfig) => {
				tsconfig.include.push('../tests/**/*.ts', '../drizzle.sqlite.config.ts', '../drizzle.pg.config.ts', '../playwright.config.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
