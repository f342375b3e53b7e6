import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ApplicationError, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { NodeTypesRegistry } from './nodeTypes';

/**
 * Holds decrypted credential data in memory, one record per credential type name, and applies
 * credential types to requests the way n8n's own credentials helper does.
 * Error messages name credential types only: credential data must never reach a log or a report.
 */
export class InMemoryCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	private readonly store = new Map<string, ICredentialDataDecryptedObject>();

	constructor(
		credentialTypes: ICredentialType[],
		credentials: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
		for (const [typeName, data] of Object.entries(credentials)) this.setCredentials(typeName, data);
	}

	setCredentials(typeName: string, data: ICredentialDataDecryptedObject): void {
		this.getType(typeName);
		this.store.set(typeName, structuredClone(data));
	}

	/** What is stored now, e.g. after a pre-authentication refreshed a token. */
	getStoredCredentials(typeName: string): ICredentialDataDecryptedObject {
		return structuredClone(this.getStored(typeName));
	}

	getParentTypes(name: string): string[] {
		const parents: string[] = [];
		for (const parent of this.types.get(name)?.extends ?? []) {
			// Parents we don't hold (e.g. `oAuth2Api`) still count: the engine checks their names.
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const own = this.getType(type).properties;
		const inherited = this.getParentTypes(type)
			.reverse()
			.flatMap((parent) => this.types.get(parent)?.properties ?? []);
		const byName = new Map<string, INodeProperties>();
		for (const property of [...inherited, ...own]) byName.set(property.name, property);
		return [...byName.values()];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.getType(typeName);
		const { authenticate } = type;
		const options = requestOptions as IHttpRequestOptions;
		if (authenticate === undefined) return options;
		// Called as a method: a credential class may use `this` in its authenticate().
		if (typeof authenticate === 'function')
			return await authenticate.call(type, credentials, options);
		if (authenticate.type !== 'generic') {
			throw new ApplicationError(`Unsupported authenticate type on credential "${typeName}"`);
		}
		const target = options as unknown as IDataObject;
		for (const [section, value] of Object.entries(authenticate.properties)) {
			if (typeof value !== 'object' || value === null) {
				// Scalar sections (`url`, `skipSslCertificateValidation`) replace the request's value.
				target[section] = this.resolve(value, credentials, workflow, node);
				continue;
			}
			const existing = target[section] ?? {};
			if (typeof existing !== 'object') {
				throw new ApplicationError(
					`Credential "${typeName}" adds fields to "${section}", but the request's ${section} is not an object`,
				);
			}
			const merged = { ...(existing as IDataObject) };
			for (const [key, raw] of Object.entries(value as IDataObject)) {
				merged[String(this.resolve(key, credentials, workflow, node))] = this.resolve(
					raw,
					credentials,
					workflow,
					node,
				);
			}
			target[section] = merged;
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		if (type.preAuthentication === undefined) return undefined;
		// Like n8n: only a hidden `expirable` field marks what pre-authentication fills in.
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		const current = credentials[expirable.name];
		if (!credentialsExpired && current !== undefined && current !== '') return undefined;
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		// n8n saves the refreshed fields; keep them so the next request reuses them.
		if (this.store.has(typeName)) {
			this.store.set(typeName, { ...this.getStored(typeName), ...output });
		}
		return output;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData(this.getStored(type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = structuredClone(this.getStored(type));
		if (raw === true) return stored;
		// As n8n does: fill in the defaults of fields the stored data lacks, then resolve expressions.
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (stored.oauthTokenData !== undefined) withDefaults.oauthTokenData = stored.oauthTokenData;
		return this.resolveCredentialExpressions(
			withDefaults,
			additionalData,
			mode,
			expressionResolveValues,
		);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.setCredentials(type, data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, {
			...this.getStored(type),
			oauthTokenData: data.oauthTokenData,
		});
	}

	private getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (type === undefined) {
			throw new ApplicationError(
				`Unknown credential type "${typeName}": pass it in the harness's credentialTypes`,
			);
		}
		return type;
	}

	private getStored(typeName: string): ICredentialDataDecryptedObject {
		this.getType(typeName);
		const data = this.store.get(typeName);
		if (data === undefined) {
			throw new ApplicationError(
				`No credentials of type "${typeName}" were given to the test harness`,
			);
		}
		return data;
	}

	/** Resolves an `=`-prefixed value against `$credentials`, as n8n does for generic auth. */
	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): IDataObject[string] {
		if (typeof value !== 'string' || !value.startsWith('=')) return value as IDataObject[string];
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved === undefined || resolved === null ? '' : String(resolved);
	}

	private resolveCredentialExpressions(
		data: ICredentialDataDecryptedObject,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WorkflowExecuteMode,
		context?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const hasExpression = Object.values(data).some(
			(value) => typeof value === 'string' && value.startsWith('='),
		);
		if (!hasExpression) return data;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null);
		if (context !== undefined) {
			return context.workflow.expression.getParameterValue(
				data as INodeParameters,
				context.runExecutionData,
				context.runIndex,
				context.itemIndex,
				context.node.name,
				context.connectionInputData,
				mode,
				additionalKeys,
				undefined,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		// No execution around (e.g. a poll): resolve in an empty workflow, as n8n does.
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: new NodeTypesRegistry({}),
		});
		const stubNode = { name: 'credentials' } as INode;
		return workflow.expression.getComplexParameterValue(
			stubNode,
			data as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	}
}
