import type { ExecutionLifecycleHooks } from 'n8n-core';
import { ExternalSecretsProxy } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	executionId: string;
	/** Needed by full workflow runs; a lone poll context does without. */
	hooks?: ExecutionLifecycleHooks;
}

const unsupported = (feature: string) => async (): Promise<never> => {
	throw new ApplicationError(`${feature} is not supported by the test harness`);
};

/** The per-execution services n8n passes to the engine, reduced to what a node of ours can use. */
export function createAdditionalData(
	options: AdditionalDataOptions,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: options.credentialsHelper,
		hooks: options.hooks,
		executionId: options.executionId,
		currentNodeExecutionIndex: 0,
		// No n8n instance behind the tests: empty URLs, as in a fresh execution without a server.
		restApiUrl: '',
		instanceBaseUrl: '',
		formWaitingBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		variables: {},
		// No secrets manager set: `$secrets` resolves to nothing, as on an instance without one.
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('Running tasks in a task runner'),
	};
}
