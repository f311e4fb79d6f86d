/**
 * A local OpenID Connect provider for the OIDC sign-in tests (oauth2-mock-server: the real
 * protocol, discovery, signed ID tokens, no internet). It signs in whoever the test last named:
 * `POST /test/identity` with JSON `{ "email": …, "name": … }`; the address in the ID token and
 * userinfo is marked verified, as Entra ID's are for a tenant's own users.
 * Usage: `npx tsx tests/support/oidc-provider.ts PORT` (Playwright starts it as a web server).
 */
import http from 'node:http';
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
if (!Number.isInteger(port)) throw new Error('Usage: tsx tests/support/oidc-provider.ts PORT');

let identity = { email: 'nobody@hubplan.test', name: 'Nobody' };
const claims = () => ({ sub: `mock|${identity.email}`, email: identity.email, email_verified: true, name: identity.name });

const provider = new OAuth2Server();
await provider.issuer.keys.generate('RS256');
provider.issuer.url = `http://127.0.0.1:${port}`;
provider.service.on('beforeTokenSigning', (token) => Object.assign(token.payload, claims()));
provider.service.on('beforeUserinfo', (response) => (response.body = claims()));

const server = http.createServer((req, res) => {
	if (req.method === 'POST' && req.url === '/test/identity') {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			identity = JSON.parse(body);
			res.writeHead(204).end();
		});
		return;
	}
	provider.service.requestHandler(req, res);
});
server.listen(port, '127.0.0.1', () => console.log(`OIDC test provider: ${provider.issuer.url}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
