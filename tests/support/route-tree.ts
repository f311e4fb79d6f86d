/**
 * Every way into the app, read from the route tree as SvelteKit sees it: each page (GET), each
 * `+server.ts` method and each named form action of a `+page.server.ts`. The authorisation tests
 * check this list against the rule table, so a new route, method or action cannot go unruled.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const PAGE_FILES = ['+page.svelte', '+page.ts', '+page.server.ts'];

export interface RouteEntry {
	/** SvelteKit's route id, e.g. `/scenarios/[id]`. */
	routeId: string;
	/** The rule table's key: a method, or `?/action` for a form action. */
	key: string;
	kind: 'page' | 'endpoint' | 'action';
}

export function routeTree(routesDir = path.resolve('src/routes')): RouteEntry[] {
	const entries: RouteEntry[] = [];
	for (const dir of directories(routesDir)) {
		const routeId = '/' + path.relative(routesDir, dir).split(path.sep).join('/');
		const id = routeId === '/' ? '/' : routeId.replace(/\/$/, '');
		const files = fs.readdirSync(dir);
		if (PAGE_FILES.some((f) => files.includes(f))) entries.push({ routeId: id, key: 'GET', kind: 'page' });
		if (files.includes('+page.server.ts')) {
			for (const name of actionNames(path.join(dir, '+page.server.ts'))) entries.push({ routeId: id, key: `?/${name}`, kind: 'action' });
		}
		if (files.includes('+server.ts')) {
			for (const method of exportedNames(path.join(dir, '+server.ts')).filter(isMethod)) entries.push({ routeId: id, key: method, kind: 'endpoint' });
		}
	}
	return entries.sort((a, b) => a.routeId.localeCompare(b.routeId) || a.key.localeCompare(b.key));
}

function isMethod(name: string): boolean {
	return (HTTP_METHODS as readonly string[]).includes(name);
}

function directories(dir: string): string[] {
	const below = fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.flatMap((d) => directories(path.join(dir, d.name)));
	return [dir, ...below];
}

function sourceOf(file: string): ts.SourceFile {
	return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function isExported(node: ts.Node): boolean {
	return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names a module exports at its top level (`export const X`, `export function X`, `export { X }`). */
function exportedNames(file: string): string[] {
	const names: string[] = [];
	for (const statement of sourceOf(file).statements) {
		if (ts.isVariableStatement(statement) && isExported(statement)) {
			for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
		} else if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) {
			names.push(statement.name.text);
		} else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
			for (const e of statement.exportClause.elements) names.push(e.name.text);
		}
	}
	return names;
}

/** The property names of `export const actions = { … }` (through `satisfies`/`as`). */
function actionNames(file: string): string[] {
	for (const statement of sourceOf(file).statements) {
		if (!ts.isVariableStatement(statement) || !isExported(statement)) continue;
		for (const d of statement.declarationList.declarations) {
			if (!ts.isIdentifier(d.name) || d.name.text !== 'actions' || !d.initializer) continue;
			let value: ts.Expression = d.initializer;
			while (ts.isSatisfiesExpression(value) || ts.isAsExpression(value) || ts.isParenthesizedExpression(value)) value = value.expression;
			if (!ts.isObjectLiteralExpression(value)) throw new Error(`${file}: "actions" is not an object literal, so its action names cannot be read.`);
			return value.properties.map((p) => {
				if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) throw new Error(`${file}: an action without a plain name.`);
				return p.name.text;
			});
		}
	}
	return [];
}
