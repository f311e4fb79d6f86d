import { describe, expect, it } from 'vitest';
import { errorResponse, readJson } from '$lib/server/http';

const post = (body: string, contentType?: string) =>
	new Request('http://localhost/api/scenarios', {
		method: 'POST',
		body,
		headers: contentType ? { 'content-type': contentType } : {}
	});

async function refusal(request: Request) {
	try {
		await readJson(request);
	} catch (error) {
		const response = errorResponse(error);
		return { status: response.status, body: await response.json() };
	}
	throw new Error('expected the request to be refused');
}

describe('reading a JSON request', async () => {
	it('reads a JSON body sent as JSON', async () => {
		expect(await readJson(post('{"name":"A"}', 'application/json; charset=utf-8'))).toEqual({ name: 'A' });
	});

	it('refuses a body without the JSON content type, which another site could send without asking', async () => {
		expect(await refusal(post('{"name":"A"}'))).toEqual({ status: 400, body: { message: 'Send the body as JSON with "Content-Type: application/json".' } });
		expect((await refusal(post('{"name":"A"}', 'text/plain'))).status).toBe(400);
	});

	it('says when the body is not JSON at all', async () => {
		expect(await refusal(post('{"name":', 'application/json'))).toEqual({ status: 400, body: { message: 'The request body is not valid JSON.' } });
	});
});
