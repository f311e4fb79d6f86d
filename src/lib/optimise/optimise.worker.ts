/// <reference lib="webworker" />
/**
 * The hub optimiser in a Web Worker, so the page stays responsive and Cancel can simply terminate
 * the worker. HiGHS (WebAssembly) is loaded only when the user asks for a proven gap; its .wasm is
 * located through Vite's `?url` import so it also loads after a production build.
 */
import highsWasmUrl from 'highs/runtime?url';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { runOptimisation } from './run';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
	const post = (message: WorkerMessage) => self.postMessage(message);
	try {
		const answer = await runOptimisation(event.data.data, event.data.request, post, async () => {
			const { default: highsLoader } = await import('highs');
			return highsLoader({ locateFile: () => highsWasmUrl });
		});
		post({ type: 'done', answer });
	} catch (error) {
		post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};
