/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark tooling: timers, and the latency proxy's process */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { INodeProperties, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { ROOT, startListening } from '../../test/e2e/processes';

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

export async function timed<T>(action: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
	const start = performance.now();
	const value = await action();
	return { ms: performance.now() - start, value };
}

/**
 * A proxy (latencyProxy.js, a process of its own) that holds every request `latencyMs` before
 * passing it on to `target`.
 */
export async function latencyProxy(
	target: string,
	latencyMs: number,
): Promise<{ url: string; close: () => Promise<void> }> {
	const proxy = await startListening(
		join(ROOT, 'scripts', 'bench', 'latencyProxy.js'),
		[target, String(latencyMs)],
		'latency proxy',
	);
	return { url: proxy.url, close: proxy.stop };
}

/** Runs `count` tasks with at most `limit` in flight (the raw floor the nodes are compared with). */
export async function runLimited(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** The internal name of an option in a node's "Options" collection, found by its label. */
export function optionName(
	nodeType: INodeType | IVersionedNodeType,
	label: string,
): string | undefined {
	const description =
		'nodeVersions' in nodeType
			? Object.values(nodeType.nodeVersions).at(-1)!.description
			: nodeType.description;
	const search = (properties: INodeProperties[]): string | undefined => {
		for (const property of properties) {
			if (property.displayName === label) return property.name;
			const nested = (property.options ?? []) as INodeProperties[];
			if (Array.isArray(nested) && nested.length > 0 && 'displayName' in nested[0]) {
				const found = search(nested);
				if (found) return found;
			}
		}
		return undefined;
	};
	return search(description.properties);
}
