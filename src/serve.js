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
 * - It listens on every interface. Until Hubplan asks who you are, it listens on this computer's
 *   loopback addresses only, unless HOST says otherwise.
 * - It answers any Host header. A request for a host not in the allowed list is refused, which
 *   also stops DNS-rebinding pages from reading the app through a browser on this machine.
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
const LOOPBACK = ['127.0.0.1', '::1'];

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
const hosts = env.HOST ? [env.HOST] : await loopbackAddresses(machineName);
const allowedHosts = allowedHostNames(env.HUBPLAN_ALLOWED_HOSTS, hosts);

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
for (const [i, host] of hosts.entries()) {
	const server = http.createServer(serve);
	try {
		await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(undefined)));
		servers.push(server);
	} catch (error) {
		// The first address is the one asked for; the others (IPv6 loopback, the machine's name)
		// are conveniences a machine may not have.
		if (i === 0) {
			console.error(`Hubplan: cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : error}`);
			process.exit(1);
		}
	}
}

const local = !env.HOST;
console.log(`Hubplan: open http://localhost:${port} in your browser${local ? ` (or http://127.0.0.1:${port}, http://${machineName}:${port})` : ''}`);
console.log(
	local
		? 'Hubplan: listening on this computer only; set HOST=0.0.0.0 to let other computers reach it (anyone who can reach it can read and change all data).'
		: `Hubplan: listening on ${env.HOST}:${port}${allowedHosts ? `, answering to ${[...allowedHosts].join(', ')}` : ', answering to any host name'}.`
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
 * Loopback addresses to listen on: 127.0.0.1 and ::1, plus whatever loopback address the
 * machine's own name resolves to (Debian maps it to 127.0.1.1), so every name the start message
 * offers works.
 * @param {string} name
 */
async function loopbackAddresses(name) {
	const addresses = new Set(LOOPBACK);
	try {
		for (const { address } of await dns.lookup(name, { all: true })) {
			if (address.startsWith('127.') || address === '::1') addresses.add(address);
		}
	} catch {
		// A machine whose name does not resolve is still reached as localhost.
	}
	return [...addresses];
}

/**
 * The host names requests may name: HUBPLAN_ALLOWED_HOSTS when set; else, when listening on
 * loopback only, this machine's own names; else (HOST set, no list) any.
 * @param {string | undefined} list
 * @param {string[]} listenHosts
 * @returns {Set<string> | null}
 */
function allowedHostNames(list, listenHosts) {
	if (list) return new Set(list.split(',').map((h) => hostName(h.trim())).filter(Boolean));
	const loopbackOnly = listenHosts.every((h) => h === 'localhost' || h.startsWith('127.') || h === '::1');
	return loopbackOnly ? new Set(['localhost', machineName, ...listenHosts.map((h) => hostName(h.includes(':') ? `[${h}]` : h))]) : null;
}

/**
 * The name part of a Host header, lower case, without the port: `[::1]:3000` → `[::1]`.
 * @param {string | string[] | undefined} header
 */
function hostName(header) {
	const value = (Array.isArray(header) ? header[0] : header ?? '').toLowerCase();
	return value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : value.split(':')[0];
}
