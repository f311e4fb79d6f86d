/**
 * docker-compose.yml, the Dockerfile and the proxy's nginx.conf, read as text and checked for what a
 * council's server depends on, without running Docker: the services and their order, the database
 * volume, the health checks, the port, and that every setting given to the app is one the app reads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlainYaml, type PlainYaml } from '../../support/plain-yaml';

type Map = { [key: string]: PlainYaml };
const asMap = (value: PlainYaml | undefined, what: string): Map => {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} is not a mapping`);
	return value;
};

const compose = asMap(parsePlainYaml(fs.readFileSync('docker-compose.yml', 'utf8'), 'docker-compose.yml'), 'docker-compose.yml');
const services = asMap(compose.services, 'services');
const service = (name: string) => asMap(services[name], `service ${name}`);
const env = (name: string) => asMap(service(name).environment, `${name}.environment`);
const dockerfile = fs.readFileSync('Dockerfile', 'utf8');
const nginx = fs.readFileSync('deploy/nginx.conf', 'utf8');

/** Every source file of the app and CLI, as one text: where a setting must be read to mean anything. */
function appSource(dir = 'src'): string {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.map((entry) => {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) return appSource(file);
			return /\.(ts|js|svelte)$/.test(entry.name) ? fs.readFileSync(file, 'utf8') : '';
		})
		.join('\n');
}

/** A Compose `${NAME…}` reference's name, or null for a literal. */
const interpolated = (value: string) => value.match(/^\$\{(\w+)/)?.[1] ?? null;

describe('docker-compose.yml', () => {
	it('brings up PostgreSQL 15, a one-off migration, the app and a reverse proxy', () => {
		expect(Object.keys(services).sort()).toEqual(['app', 'db', 'migrate', 'proxy']);
		expect(service('db').image).toMatch(/^postgres:15(\b|-)/);
		expect(service('app').build).toBe('.');
		expect(service('migrate').build).toBe('.');
		expect(service('migrate').command).toEqual(['node', 'src/cli/hubplan.js', 'seed']);
	});

	it('keeps the database on a named volume, where PostgreSQL writes its data', () => {
		const volumes = service('db').volumes as string[];
		const mount = volumes.find((v) => v.endsWith(':/var/lib/postgresql/data'));
		expect(mount).toBeDefined();
		expect(Object.keys(asMap(compose.volumes, 'volumes'))).toContain(mount!.split(':')[0]);
	});

	it('starts each service only when the one before it is ready: db healthy → migrations done → app healthy → proxy', () => {
		const after = (name: string) => asMap(service(name).depends_on, `${name}.depends_on`);
		expect(after('migrate')).toEqual({ db: { condition: 'service_healthy' } });
		expect(after('app')).toEqual({ migrate: { condition: 'service_completed_successfully' } });
		expect(after('proxy')).toEqual({ app: { condition: 'service_healthy' } });
		expect(service('migrate').restart).toBe('no');
	});

	it('checks health: pg_isready for the database, a page answered on the app port for the app', () => {
		const dbTest = asMap(service('db').healthcheck, 'db.healthcheck').test as string[];
		expect(dbTest.slice(0, 2)).toEqual(['CMD', 'pg_isready']);
		expect(dbTest).toContain(env('db').POSTGRES_USER);
		const appTest = (asMap(service('app').healthcheck, 'app.healthcheck').test as string[]).join(' ');
		expect(appTest).toContain(`port:${env('app').PORT}`);
		// The check names a host the app answers to, or serve.js refuses it with 400.
		const host = appTest.match(/headers:\{host:'([^']+)'\}/)?.[1];
		expect(host).toBeDefined();
		expect((env('app').HUBPLAN_ALLOWED_HOSTS as string).split(',')).toContain(host);
	});

	it('gives the app only settings the app reads', () => {
		const source = appSource();
		const names = Object.keys(env('app'));
		expect(names.length).toBeGreaterThan(3);
		const unread = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(source));
		expect(unread).toEqual([]);
		for (const name of Object.keys(env('migrate'))) expect(names).toContain(name);
	});

	it('points the app and the migration at the db service with its own database, user and password', () => {
		const db = env('db');
		const expected = `postgres://${db.POSTGRES_USER}:\${${interpolated(db.POSTGRES_PASSWORD as string)}}@db:5432/${db.POSTGRES_DB}`;
		expect(env('app').HUBPLAN_DATABASE_URL).toBe(expected);
		expect(env('migrate').HUBPLAN_DATABASE_URL).toBe(expected);
		// The password comes from .env and Compose refuses to start without it.
		expect(db.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
	});

	it('serves the app on the port the image exposes, reached only through the proxy', () => {
		const port = env('app').PORT;
		expect(service('app').expose).toEqual([port]);
		expect(service('app').ports).toBeUndefined();
		expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
		expect(nginx).toMatch(new RegExp(`server app:${port};`));
		expect(service('proxy').ports).toEqual([expect.stringMatching(/^\d+:80$/)]);
		expect(service('proxy').volumes).toContain('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
	});
});

describe('Dockerfile', () => {
	it('builds on Node 20 and serves the build with src/serve.js', () => {
		expect(dockerfile.match(/^FROM (\S+)/gm)).toEqual(['FROM node:20-bookworm', 'FROM node:20-bookworm-slim']);
		expect(dockerfile).toMatch(/^RUN npx vite build/m);
		expect(dockerfile).toMatch(/^CMD \["node", "src\/serve.js"\]$/m);
		expect(fs.existsSync('src/serve.js')).toBe(true);
	});

	it('installs the PostgreSQL 15 client for pg_dump and pg_restore (a dump needs a client at least as new as the server)', () => {
		expect(dockerfile).toMatch(/apt-get install .*postgresql-client-15/);
	});

	it('runs as an unprivileged user and listens on every interface inside the container', () => {
		expect(dockerfile).toMatch(/^USER node$/m);
		expect(dockerfile).toMatch(/HOST=0\.0\.0\.0/);
	});

	it('leaves the developer machine\'s database and modules out of the build context', () => {
		const ignored = fs.readFileSync('.dockerignore', 'utf8').split('\n');
		expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data/*.sqlite*', '.env']));
	});
});

describe('deploy/nginx.conf', () => {
	it('accepts bodies as large as the app does (BODY_SIZE_LIMIT 45M = 47,185,920 bytes)', () => {
		const mb = Number(nginx.match(/client_max_body_size (\d+)m;/)?.[1]);
		expect(mb * 1024 * 1024).toBeGreaterThanOrEqual(45 * 1024 * 1024);
		expect(fs.readFileSync('src/serve.js', 'utf8')).toContain("env.BODY_SIZE_LIMIT ??= '45M'");
	});

	it('passes the Host header the app checks against HUBPLAN_ALLOWED_HOSTS', () => {
		expect(nginx).toMatch(/proxy_set_header Host \$host;/);
	});
});

describe('the plain YAML reader the compose test relies on', () => {
	it('reads nested mappings, sequences of mappings, flow sequences and quotes', () => {
		const yaml = 'a:\n  b: "x: y" # note\n  c:\n    - 1\n    - k: v\n      l: w\n  d: ["CMD", \'e, f\']\n';
		expect(parsePlainYaml(yaml)).toEqual({ a: { b: 'x: y', c: ['1', { k: 'v', l: 'w' }], d: ['CMD', 'e, f'] } });
	});

	it('refuses what it cannot read rather than guessing', () => {
		expect(() => parsePlainYaml('a: &anchor 1\n', 'f.yml')).toThrow(/f.yml line 1: "&"/);
		expect(() => parsePlainYaml('a: |\n  text\n', 'f.yml')).toThrow(/line 1: "\|"/);
		expect(() => parsePlainYaml('a: 1\na: 2\n', 'f.yml')).toThrow(/key "a" appears twice/);
		expect(() => parsePlainYaml('a:\n\tb: 1\n', 'f.yml')).toThrow(/line 2: indented with a tab/);
	});
});
