import {
	findCycle,
	folderGraph,
	forbiddenImports,
	layerBreaches,
	partOf,
	readImportGraph,
	REPOSITORY_ROOT,
	type ImportGraph,
} from './importGraph';

const graph = readImportGraph(REPOSITORY_ROOT, ['nodes', 'credentials']);

describe('the import graph of nodes/ and credentials/', () => {
	it('reads every source file and its relative imports', () => {
		expect(graph.get('nodes/AffilBox/AffilBox.node.ts')).toContain(
			'nodes/AffilBox/actions/router.ts',
		);
		expect(graph.get('credentials/AffeliosApi.credentials.ts')).toContain(
			'nodes/Affelios/transport/credential.ts',
		);
		expect(
			[...graph.keys()].filter((file) => file.startsWith('nodes/shared/')).length,
		).toBeGreaterThan(10);
	});

	it('every file belongs to the core or one platform', () => {
		expect([...graph.keys()].filter((file) => partOf(file) === undefined)).toEqual([]);
		expect(new Set([...graph.keys()].map(partOf))).toEqual(
			new Set(['core', 'AffilBox', 'Affelios']),
		);
	});

	it('has no cycle between files', () => {
		expect(findCycle(graph)).toBeUndefined();
	});

	it('has no cycle between folders (e.g. transport/ ↔ helpers/)', () => {
		expect(findCycle(folderGraph(graph))).toBeUndefined();
	});

	it('platforms import only from the core, never from each other; the core imports no platform', () => {
		expect(forbiddenImports(graph)).toEqual([]);
	});

	it("each platform keeps its layers: node files, then actions and each trigger, the triggers' base, descriptions, methods, credentials, helpers, transport", () => {
		expect(layerBreaches(graph)).toEqual([]);
	});

	it('both platforms do use the core', () => {
		const usesCore = (platform: string) =>
			[...graph].some(
				([file, targets]) =>
					partOf(file) === platform && targets.some((target) => partOf(target) === 'core'),
			);
		expect(usesCore('AffilBox')).toBe(true);
		expect(usesCore('Affelios')).toBe(true);
	});
});

describe('the checks themselves', () => {
	const sample: ImportGraph = new Map([
		['nodes/A/transport/index.ts', ['nodes/A/helpers/x.ts', 'nodes/shared/y.ts']],
		['nodes/A/helpers/x.ts', ['nodes/A/helpers/z.ts']],
		['nodes/A/helpers/z.ts', []],
		['nodes/shared/y.ts', []],
	]);

	it('find a cycle between files and between folders', () => {
		expect(findCycle(sample)).toBeUndefined();
		const fileCycle = new Map(sample).set('nodes/A/helpers/z.ts', ['nodes/A/transport/index.ts']);
		expect(findCycle(fileCycle)).toEqual([
			'nodes/A/transport/index.ts',
			'nodes/A/helpers/x.ts',
			'nodes/A/helpers/z.ts',
			'nodes/A/transport/index.ts',
		]);
		const folderCycle = new Map(sample).set('nodes/A/helpers/z.ts', ['nodes/A/transport/other.ts']);
		folderCycle.set('nodes/A/transport/other.ts', []);
		expect(findCycle(folderCycle)).toBeUndefined();
		expect(findCycle(folderGraph(folderCycle))).toEqual([
			'nodes/A/transport',
			'nodes/A/helpers',
			'nodes/A/transport',
		]);
	});

	it('find an import from one platform into the other, and from the core into a platform', () => {
		const crossing = new Map(sample)
			.set('nodes/B/actions/op.ts', ['nodes/A/helpers/x.ts', 'nodes/shared/y.ts'])
			.set('credentials/BApi.credentials.ts', ['nodes/B/actions/op.ts', 'nodes/A/helpers/z.ts'])
			.set('credentials/BApiV2Api.credentials.ts', ['nodes/B/transport/v2.ts', 'nodes/A/x.ts'])
			.set('nodes/shared/y.ts', ['nodes/B/actions/op.ts']);
		expect(forbiddenImports(crossing)).toEqual([
			'nodes/shared/y.ts → nodes/B/actions/op.ts',
			'nodes/B/actions/op.ts → nodes/A/helpers/x.ts',
			'credentials/BApi.credentials.ts → nodes/A/helpers/z.ts',
			'credentials/BApiV2Api.credentials.ts → nodes/A/x.ts',
		]);
	});

	it("find an import up or across a platform's layers, and a folder in no layer", () => {
		const layered: ImportGraph = new Map([
			['nodes/A/A.node.ts', ['nodes/A/actions/op.ts', 'nodes/A/trigger/partner/poll.ts']],
			['nodes/A/actions/op.ts', ['nodes/A/descriptions/fields.ts', 'nodes/A/helpers/x.ts']],
			[
				'nodes/A/trigger/partner/poll.ts',
				['nodes/A/trigger/base.ts', 'nodes/A/trigger/conversion/poll.ts'],
			],
			[
				'nodes/A/trigger/conversion/poll.ts',
				['nodes/A/trigger/base.ts', 'nodes/A/transport/index.ts'],
			],
			['nodes/A/trigger/base.ts', ['nodes/A/trigger/conversion/poll.ts', 'nodes/shared/y.ts']],
			['nodes/A/descriptions/fields.ts', ['nodes/A/methods/list.ts']],
			['nodes/A/methods/list.ts', ['nodes/A/actions/op.ts', 'nodes/A/helpers/x.ts']],
			['nodes/A/helpers/x.ts', ['nodes/A/transport/index.ts']],
			['nodes/A/transport/index.ts', ['nodes/A/helpers/x.ts']],
			['nodes/A/odds/thing.ts', []],
			['credentials/AApi.credentials.ts', ['nodes/A/transport/index.ts', 'nodes/A/actions/op.ts']],
			['nodes/shared/y.ts', []],
		]);
		expect(layerBreaches(layered)).toEqual([
			'nodes/A/trigger/partner/poll.ts → nodes/A/trigger/conversion/poll.ts',
			'nodes/A/trigger/base.ts → nodes/A/trigger/conversion/poll.ts',
			'nodes/A/methods/list.ts → nodes/A/actions/op.ts',
			'nodes/A/transport/index.ts → nodes/A/helpers/x.ts',
			'nodes/A/odds/thing.ts: in no layer',
			'credentials/AApi.credentials.ts → nodes/A/actions/op.ts',
		]);
	});
});
