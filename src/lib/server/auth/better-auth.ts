/**
 * Better Auth, set up for Hubplan: email and password, optional OIDC single sign-on, sessions and
 * sign-in rate limits in the app's database (so app servers stay stateless), no network calls of
 * its own. One instance per database handle.
 *
 * Origins: Hubplan usually runs with no ORIGIN, on whatever host and port the user started it on
 * (src/serve.js has already refused a Host it does not answer to, and tells adapter-node the
 * socket's own protocol). With no baseURL, Better Auth takes each request's own origin as its base
 * and trusts only that origin, so a same-origin post is accepted on http://localhost:3000 or
 * http://127.0.0.1:4400 alike, and a post whose Origin is another site is refused. Behind a proxy
 * with ORIGIN set, that is the base.
 */
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth } from 'better-auth/plugins';
import { dialect, t, type Db } from '../db';
import { authSecret } from './secret';
import { queuedWrites } from './queued-writes';
import { discoveryUrl, OIDC_PROVIDER_ID, oidcSettings } from './oidc';

/** The header that carries the client's address to Better Auth (rate limits, session records); hooks set it. */
export const CLIENT_ADDRESS_HEADER = 'x-hubplan-client-address';
export const AUTH_BASE_PATH = '/api/auth';

/**
 * Sign-in attempts allowed per client address. Hubplan planning assumption: 10 a minute lets an
 * office behind one address sign in at 9 am and holds a password guesser to 14,400 tries a day.
 */
export const SIGN_IN_LIMIT = { window: 60, max: 10 };

/** Session lifetime and refresh, in seconds: a week, renewed once a day while in use (Better Auth's defaults). */
const SESSION = { expiresIn: 7 * 24 * 3600, updateAge: 24 * 3600 };

function createAuth(db: Db, secret: string) {
	const oidc = oidcSettings();
	return betterAuth({
		appName: 'Hubplan',
		baseURL: process.env.ORIGIN || undefined,
		basePath: AUTH_BASE_PATH,
		secret,
		database: drizzleAdapter(queuedWrites(db), {
			provider: dialect === 'postgres' ? 'pg' : 'sqlite',
			schema: { user: t.authUser, session: t.authSession, account: t.authAccount, verification: t.authVerification, rateLimit: t.authRateLimit }
		}),
		emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 200 },
		session: {
			...SESSION,
			additionalFields: { activePartnershipId: { type: 'string', required: false, input: false } }
		},
		account: { accountLinking: { enabled: true, trustedProviders: oidc ? [OIDC_PROVIDER_ID] : [] } },
		rateLimit: { enabled: true, storage: 'database', window: 60, max: 100, customRules: { '/sign-in/email': SIGN_IN_LIMIT } },
		advanced: {
			useSecureCookies: secureCookies(),
			ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] }
		},
		telemetry: { enabled: false },
		logger: { log: logUnlessExpected },
		plugins: oidc
			? [
					genericOAuth({
						config: [
							{
								providerId: OIDC_PROVIDER_ID,
								discoveryUrl: discoveryUrl(oidc),
								clientId: oidc.clientId,
								clientSecret: oidc.clientSecret,
								scopes: ['openid', 'email', 'profile'],
								pkce: true
							}
						]
					})
				]
			: []
	});
}

export type Auth = ReturnType<typeof createAuth>;

/** Better Auth's log, less its warning that baseURL is unset: taking each request's own origin is the design (see above). */
function logUnlessExpected(level: 'debug' | 'info' | 'success' | 'warn' | 'error', message: string, ...args: unknown[]): void {
	if (level === 'warn' && message.includes('Base URL is not set')) return;
	(level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(`Better Auth: ${message}`, ...args);
}

/**
 * Cookies are `Secure` when the app is reached over HTTPS: ORIGIN says https, or a proxy's
 * PROTOCOL_HEADER is configured (serve.js sets its own socket header otherwise). Served as plain
 * http://localhost, a Secure cookie would not be sent back over http by some browsers.
 */
function secureCookies(env = process.env): boolean {
	if (env.ORIGIN) return env.ORIGIN.startsWith('https://');
	return Boolean(env.PROTOCOL_HEADER) && env.PROTOCOL_HEADER !== 'x-hubplan-socket-protocol';
}

// Better Auth also reads BETTER_AUTH_TELEMETRY; Hubplan makes no network calls it was not asked to.
process.env.BETTER_AUTH_TELEMETRY = '0';

const instances = new WeakMap<Db, Promise<Auth>>();

/** The Better Auth instance for `db` (made once per handle). */
export function authFor(db: Db): Promise<Auth> {
	let instance = instances.get(db);
	if (!instance) {
		instance = authSecret(db).then((secret) => createAuth(db, secret));
		instances.set(db, instance);
	}
	return instance;
}
