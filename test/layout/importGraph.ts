/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test-only: reads the source tree */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository this file is in. */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

/** file → the files it imports (relative imports only, resolved to .ts files), paths from the root. */
export type ImportGraph = Map<string, string[]>;

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/g;

function sourceFiles(root: string, folder: string): string[] {
	const dir = join(root, folder);
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(join(root, path)).isDirectory()) return sourceFiles(root, path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function resolveImport(root: string, from: string, specifier: string): string {
	const target = relative(root, resolve(root, dirname(from), specifier));
	for (const candidate of [`${target}.ts`, join(target, 'index.ts'), target]) {
		if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) {
			return candidate;
		}
	}
	throw new Error(`${from} imports ${specifier}, which resolves to no file`);
}

/** The relative imports of every .ts file under the given folders. */
export function readImportGraph(root: string, folders: string[]): ImportGraph {
	const graph: ImportGraph = new Map();
	for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
		const text = readFileSync(join(root, file), 'utf8');
		const targets = [...text.matchAll(IMPORT)].map((match) => resolveImport(root, file, match[1]));
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

/** One cycle of the graph (as a path that ends where it starts), or undefined when there is none. */
export function findCycle(graph: ImportGraph): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (node: string): string[] | undefined => {
		if (state.get(node) === 'done') return undefined;
		if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
		state.set(node, 'open');
		path.push(node);
		for (const next of graph.get(node) ?? []) {
			const cycle = visit(next);
			if (cycle) return cycle;
		}
		path.pop();
		state.set(node, 'done');
		return undefined;
	};
	for (const node of graph.keys()) {
		const cycle = visit(node);
		if (cycle) return cycle;
	}
	return undefined;
}

/**
 * The same graph between folders: each file stands for the folder it is in directly below its
 * platform (nodes/AffilBox/transport/…, nodes/AffilBox/actions/conversion/… → nodes/AffilBox/actions);
 * imports within one folder are dropped.
 */
export function folderGraph(graph: ImportGraph): ImportGraph {
	const folderOf = (file: string) => {
		const parts = file.split('/');
		return parts.length > 3 ? parts.slice(0, 3).join('/') : dirname(file);
	};
	const folders: ImportGraph = new Map();
	for (const [file, targets] of graph) {
		const from = folderOf(file);
		const list = new Set(folders.get(from) ?? []);
		for (const target of targets) if (folderOf(target) !== from) list.add(folderOf(target));
		folders.set(from, [...list]);
	}
	return folders;
}

/**
 * Which part a file belongs to: the core, a platform, or neither. A credential `<Platform>Api`
 * belongs to its platform, and so does one for another version of its API (`AffilBoxApiV2Api`).
 */
export function partOf(file: string): string | undefined {
	if (file.startsWith('nodes/shared/')) return 'core';
	const node = /^nodes\/([^/]+)\//.exec(file);
	if (node) return node[1];
	const credential = /^credentials\/(.+?)Api(?:V\d+Api)?\.credentials\.ts$/.exec(file);
	return credential?.[1];
}

/**
 * Imports that break the rule "platforms import only from the core, never from each other; the
 * core imports no platform", as `from → to`.
 */
export function forbiddenImports(graph: ImportGraph): string[] {
	const found: string[] = [];
	for (const [file, targets] of graph) {
		const from = partOf(file);
		for (const target of targets) {
			const to = partOf(target);
			if (from === to || to === 'core') continue;
			found.push(`${file} → ${target}`);
		}
	}
	return found;
}

/**
 * A platform's layers, top to bottom: a file imports only from its own folder or from a lower
 * layer; folders on one layer never import each other. `(node)` is the node files at the
 * platform's root; `trigger` is the base the AffilBox triggers stand on, `trigger/conversion`,
 * `trigger/partner` and `trigger/invoice` each trigger's own part; a credential reads only its platform's helpers and
 * transport. A folder in no layer is reported, so a new one is placed here on purpose.
 */
export const PLATFORM_LAYERS: readonly (readonly string[])[] = [
	['(node)'],
	['actions', 'trigger/conversion', 'trigger/partner', 'trigger/invoice'],
	['trigger'],
	['descriptions'],
	['methods'],
	['credentials'],
	['helpers'],
	['transport'],
];

/** Where a platform's file sits: `(node)`, `credentials`, `trigger/partner`, `helpers`, … */
export function placeOf(file: string): string | undefined {
	if (file.startsWith('credentials/')) return 'credentials';
	const inside = /^nodes\/[^/]+\/(.+)$/.exec(file)?.[1];
	if (inside === undefined || file.startsWith('nodes/shared/')) return undefined;
	const parts = inside.split('/');
	if (parts.length === 1) return '(node)';
	if (parts[0] === 'trigger' && parts.length > 2) return `trigger/${parts[1]}`;
	return parts[0];
}

function layerIndex(place: string): number {
	return PLATFORM_LAYERS.findIndex((layer) => layer.includes(place));
}

/**
 * Imports inside a platform that break its layers (PLATFORM_LAYERS), as `from → to`, and files in
 * a folder no layer names, as `file: in no layer`.
 */
export function layerBreaches(graph: ImportGraph): string[] {
	const found: string[] = [];
	for (const [file, targets] of graph) {
		const from = placeOf(file);
		if (from === undefined) continue;
		const fromLayer = layerIndex(from);
		if (fromLayer < 0) {
			found.push(`${file}: in no layer`);
			continue;
		}
		for (const target of targets) {
			const to = placeOf(target);
			if (to === undefined || to === from || partOf(target) !== partOf(file)) continue;
			if (layerIndex(to) <= fromLayer) found.push(`${file} → ${target}`);
		}
	}
	return found;
}
