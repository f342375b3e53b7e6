/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark tooling: a latency proxy and timers */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

import type { INodeProperties, INodeType, IVersionedNodeType } from 'n8n-workflow';

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
 * A proxy that holds every request `latencyMs` before passing it on: the sandboxes answer in
 * microseconds, real APIs do not, and concurrency only pays off against latency.
 */
export async function latencyProxy(
	target: string,
	latencyMs: number,
): Promise<{ url: string; close: () => void }> {
	const upstream = new URL(target);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			setTimeout(() => {
				const forward = http.request(
					{
						host: upstream.hostname,
						port: upstream.port,
						path: req.url,
						method: req.method,
						headers: req.headers,
						agent,
					},
					(answer) => {
						res.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(res);
					},
				);
				forward.on('error', () => res.destroy());
				forward.end(Buffer.concat(chunks));
			}, latencyMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address() as { port: number };
	const url = new URL(target);
	url.host = `127.0.0.1:${address.port}`;
	return {
		url: url.toString().replace(/\/$/, target.endsWith('/') ? '/' : ''),
		close: () => server.close(),
	};
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
