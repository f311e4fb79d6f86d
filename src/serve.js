#!/usr/bin/env node
/**
 * Serves the built app (`build/handler.js`) as `npm start` runs it. adapter-node's own server is
 * not used because, out of the box, it gets three things wrong for a tool people start on their
 * own machine:
 *
 * - It takes every request to have come over HTTPS unless ORIGIN or PROTOCOL_HEADER is set, so on
 *   plain http://localhost:3000 SvelteKit's CSRF check refuses every form post as cross-site. Here,
 *   unless the user configures a proxy (ORIGIN or PROTOCOL_HEADER), the protocol is the socket's
 *   own, written into a header of ours that the client cannot set. The CSRF check itself is
 *   unchanged: a post whose Origin is another site is still refused.
 * - It answers any Host header. A request for a host not in the allowed list is refused, which
 *   also stops DNS-rebinding pages from reading the app through a browser on this machine.
 *
 * Since everyone signs in (issue 15), it listens on every interface by default, as adapter-node
 * does: other computers on the network reach the sign-in page and nothing else until they sign in.
 * HOST=127.0.0.1 keeps it to this computer.
 *
 * It also sets the security headers that are the same for every response, static files included
 * (the Content-Security-Policy comes from SvelteKit: `kit.csp` in svelte.config.js).
 */
import dns from 'node:dns/promises';
import http from 'node:http';
import os from 'node:os';
import process from 'node:process';

/** The header that carries the socket's protocol to adapter-node when no proxy is configured. */
const SOCKET_PROTOCOL_HEADER = 'x-hubplan-socket-protocol';

const env = process.env;
const behindProxy = Boolean(env.ORIGIN || env.PROTOCOL_HEADER);
if (!behindProxy) env.PROTOCOL_HEADER = SOCKET_PROTOCOL_HEADER;
// A zones import is two files of up to 20 MB (GeoJSON and CSV) in one multipart body, plus the
// form's fields; adapter-node reads M as 1,048,576 bytes, so 45M is 47.2 MB.
env.BODY_SIZE_LIMIT ??= '45M';

const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'same-origin',
	// Also said by the CSP's frame-ancestors on pages; this covers files and older browsers.
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

const port = Number(env.PORT || 3000);
const machineName = os.hostname().toLowerCase();
/** Every interface: IPv6 and IPv4 on one dual-stack socket, or IPv4 alone where IPv6 is switched off. */
const ALL_INTERFACES = ['::', '0.0.0.0'];
const listenOn = env.HOST ? [env.HOST] : ALL_INTERFACES;
const allowedHosts = allowedHostNames(env.HUBPLAN_ALLOWED_HOSTS, await ownAddresses(machineName));

const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);

/** @type {http.RequestListener} */
function serve(req, res) {
	const host = hostName(req.headers[(env.HOST_HEADER || 'host').toLowerCase()]);
	if (allowedHosts && !allowedHosts.has(host)) {
		res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
		res.end(`Hubplan does not answer to the host name "${host}". Add it to HUBPLAN_ALLOWED_HOSTS to allow it.\n`);
		return;
	}
	if (!behindProxy) req.headers[SOCKET_PROTOCOL_HEADER] = 'encrypted' in req.socket ? 'https' : 'http';
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
	handler(req, res, () => {
		res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
		res.end('Not found\n');
	});
}

/** @type {http.Server[]} */
const servers = [];
for (const host of listenOn) {
	const server = http.createServer(serve);
	try {
		await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(undefined)));
		servers.push(server);
		break;
	} catch (error) {
		// Only the IPv4 fallback after a failed dual-stack socket is tried further.
		if (host === listenOn.at(-1)) {
			console.error(`Hubplan: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : error}`);
			process.exit(1);
		}
	}
}

console.log(`Hubplan: open http://localhost:${port} in your browser${env.HOST ? '' : ` (other computers: http://${machineName}:${port})`}`);
console.log(
	`Hubplan: listening on ${env.HOST ? `${env.HOST}:${port}` : `every interface, port ${port}`}; everyone signs in, ` +
		(allowedHosts ? `answering to ${[...allowedHosts].join(', ')} (set HUBPLAN_ALLOWED_HOSTS for other names).` : 'answering to any host name.')
);

function shutDown() {
	for (const server of servers) {
		server.close();
		server.closeIdleConnections();
	}
	// Requests still running get a few seconds, as adapter-node's server gives them.
	setTimeout(() => process.exit(0), 5000).unref();
}
process.once('SIGINT', shutDown);
process.once('SIGTERM', shutDown);

/**
 * The names and addresses this machine is reached by: localhost, its loopback addresses, its own
 * name and what that resolves to (Debian maps it to 127.0.1.1), and its network interfaces'
 * addresses (IPv6 in brackets, as a Host header writes them).
 * @param {string} name
 */
async function ownAddresses(name) {
	const addresses = new Set(['localhost', '127.0.0.1', '[::1]', name]);
	const add = (/** @type {string} */ address) => addresses.add(address.includes(':') ? `[${address.split('%')[0]}]` : address);
	try {
		for (const { address } of await dns.lookup(name, { all: true })) add(address);
	} catch {
		// A machine whose name does not resolve is still reached by its addresses.
	}
	for (const list of Object.values(os.networkInterfaces())) for (const { address } of list ?? []) add(address);
	return [...addresses];
}

/**
 * The host names requests may name: HUBPLAN_ALLOWED_HOSTS when set; else, unless HOST names one
 * address that is not loopback (a proxy's deployment, which then answers any name), this machine's
 * own names and addresses.
 * @param {string | undefined} list
 * @param {string[]} own
 * @returns {Set<string> | null}
 */
function allowedHostNames(list, own) {
	if (list) return new Set(list.split(',').map((h) => hostName(h.trim())).filter(Boolean));
	const host = env.HOST;
	const proxyDeployment = host && !(host === 'localhost' || host.startsWith('127.') || host === '::1' || host === '::' || host === '0.0.0.0');
	return proxyDeployment ? null : new Set(own);
}

/**
 * The name part of a Host header, lower case, without the port: `[::1]:3000` → `[::1]`.
 * @param {string | string[] | undefined} header
 */
function hostName(header) {
	const value = (Array.isArray(header) ? header[0] : header ?? '').toLowerCase();
	return value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : value.split(':')[0];
}
