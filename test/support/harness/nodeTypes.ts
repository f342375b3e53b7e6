import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { ApplicationError, NodeHelpers } from 'n8n-workflow';

/** Node types keyed by their full type name (e.g. `n8n-nodes-affilbox.affilBox`). */
export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** The node-type registry the engine asks for node types, built from a plain map. */
export class NodeTypesRegistry implements INodeTypes {
	constructor(private readonly types: NodeTypeMap) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		// Fail loudly, as n8n does: a typo in a test's type name must not look like a node bug.
		if (type === undefined) {
			throw new ApplicationError(`Unknown node type "${nodeType}"`, {
				extra: { known: Object.keys(this.types) },
			});
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(
			Object.entries(this.types).map(([name, type]) => [
				name,
				{ className: type.constructor.name, sourcePath: '' },
			]),
		);
	}
}

/** The newest version of a node type: what n8n puts into a new node. */
export function latestVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export interface LoadedPackage {
	packageName: string;
	/** Keyed `<package name>.<node name>`, the names n8n gives community nodes. */
	nodeTypes: NodeTypeMap;
	credentialTypes: ICredentialType[];
}

/** Loads a built package (its `package.json` `n8n` section) with the loader n8n itself uses. */
export async function loadBuiltPackage(packageDir: string): Promise<LoadedPackage> {
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const { packageName } = loader;
	const nodeTypes: NodeTypeMap = {};
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodeTypes[`${packageName}.${name}`] = type;
	}
	const credentialTypes = Object.values(loader.credentialTypes).map(({ type }) => type);
	return { packageName, nodeTypes, credentialTypes };
}

/** Several built packages, as an n8n with all of them installed sees them. */
export async function loadBuiltPackages(
	packageDirs: string[],
): Promise<Omit<LoadedPackage, 'packageName'>> {
	const loaded = await Promise.all(packageDirs.map(loadBuiltPackage));
	return {
		nodeTypes: Object.assign({}, ...loaded.map((pkg) => pkg.nodeTypes)) as NodeTypeMap,
		credentialTypes: loaded.flatMap((pkg) => pkg.credentialTypes),
	};
}

/** A registry of `extra` types in front of `base` (a map or a registry), e.g. the harness's own nodes. */
export function withNodeTypes(base: NodeTypeMap | INodeTypes, extra: NodeTypeMap): INodeTypes {
	if (!isRegistry(base)) return new NodeTypesRegistry({ ...base, ...extra });
	const own = new NodeTypesRegistry(extra);
	return {
		getByName: (name) => (name in extra ? own.getByName(name) : base.getByName(name)),
		getByNameAndVersion: (name, version) =>
			name in extra
				? own.getByNameAndVersion(name, version)
				: base.getByNameAndVersion(name, version),
		getKnownTypes: () => ({ ...base.getKnownTypes(), ...own.getKnownTypes() }),
	};
}

function isRegistry(value: NodeTypeMap | INodeTypes): value is INodeTypes {
	return typeof (value as INodeTypes).getByNameAndVersion === 'function';
}
