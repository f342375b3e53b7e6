import { DateTime } from 'luxon';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { AffilBoxTrigger } from '../../../nodes/AffilBox/AffilBoxTrigger.node';
import { runPoll, type RunPollResult } from '../../harness/runWorkflow';
import { sandboxCredentials, type AffilBoxSandbox } from './affilBoxWorkflow';

export const TRIGGER_TYPE = 'n8n-nodes-affilbox.affilBoxTrigger';

/** Which polling node an ActiveTrigger runs: the AffilBox Trigger unless a test says otherwise. */
export interface TriggerNode {
	type: string;
	create: () => INodeType;
}
const CONVERSION_TRIGGER: TriggerNode = { type: TRIGGER_TYPE, create: () => new AffilBoxTrigger() };
const ZONE = 'Europe/Prague';

export type ConversionState = 'waiting' | 'rejection' | 'authorized' | 'invoiced';
type Conversion = AffilBoxSandbox['store']['conversions'][number];

/**
 * An activated AffilBox Trigger as n8n runs it with default settings: every poll starts from the
 * static data last saved; the activation poll is saved, a scheduled poll only when it emitted.
 * `lose` drops a write that n8n would have saved (a crash, or durable-cursor mode).
 */
export class ActiveTrigger {
	saved: IDataObject;

	constructor(
		private readonly sandbox: AffilBoxSandbox,
		private readonly parameters: INodeParameters,
		saved: IDataObject = {},
		/** 1 by default: the trigger tests pin version 1's output (conversions as sent). */
		private readonly typeVersion = 1,
		private readonly trigger: TriggerNode = CONVERSION_TRIGGER,
	) {
		this.saved = saved;
	}

	private async pollOnce(
		mode: 'trigger' | 'manual',
		parameters = this.parameters,
	): Promise<RunPollResult> {
		return await runPoll({
			nodeTypes: { [this.trigger.type]: this.trigger.create() },
			credentialTypes: [new AffilBoxApi()],
			credentials: { affilBoxApi: sandboxCredentials(this.sandbox) },
			node: { type: this.trigger.type, typeVersion: this.typeVersion, parameters },
			staticData: this.saved,
			mode,
		});
	}

	async activate(options: { lose?: boolean } = {}): Promise<INodeExecutionData[]> {
		const result = await this.pollOnce('trigger');
		if (!options.lose) this.saved = result.staticData;
		return result.output?.[0] ?? [];
	}

	/**
	 * `emptyWrites`: what n8n does with the writes of a poll that emitted nothing: `lost` with
	 * default settings, `saved` in durable-cursor mode. `lose` drops this poll's write whatever it was.
	 */
	async poll(
		options: { lose?: boolean; emptyWrites?: 'lost' | 'saved' } = {},
	): Promise<INodeExecutionData[]> {
		const result = await this.pollOnce('trigger');
		const saves = result.output !== null || options.emptyWrites === 'saved';
		if (saves && !options.lose) this.saved = result.staticData;
		return result.output?.[0] ?? [];
	}

	/** "Fetch Test Event": n8n never saves static data in manual mode, so we report what it wrote. */
	async fetchTestEvent(): Promise<RunPollResult> {
		return await this.pollOnce('manual');
	}

	withParameters(parameters: INodeParameters): ActiveTrigger {
		return new ActiveTrigger(this.sandbox, parameters, this.saved, this.typeVersion, this.trigger);
	}

	/** A restart: n8n reloads the saved static data from its database (JSON). */
	restarted(): ActiveTrigger {
		return new ActiveTrigger(
			this.sandbox,
			this.parameters,
			JSON.parse(JSON.stringify(this.saved)) as IDataObject,
			this.typeVersion,
			this.trigger,
		);
	}
}

export function pragueTime(daysAgo = 0, minutesAgo = 0): string {
	return DateTime.now()
		.setZone(ZONE)
		.minus({ days: daysAgo, minutes: minutesAgo })
		.toFormat('yyyy-MM-dd HH:mm:ss');
}

let counter = 0;

/** Puts a conversion straight into the sandbox, as if the shop's tracking code had created it. */
export function addConversion(
	sandbox: AffilBoxSandbox,
	fields: {
		state?: ConversionState;
		createDate?: string;
		campaignId?: string;
		affilId?: string;
	} = {},
): Conversion {
	const template = sandbox.store.conversions[0];
	const maxId = Math.max(...sandbox.store.conversions.map((c) => Number(c.id)));
	counter += 1;
	const conversion: Conversion = {
		...template,
		id: String(maxId + 1),
		transactionId: `TRIG-${counter}`,
		state: fields.state ?? 'waiting',
		createDate: fields.createDate ?? pragueTime(0, 5),
		confirmDate: '',
		campaignId: fields.campaignId ?? '11',
		affilId: fields.affilId ?? 'jdvorak',
	};
	sandbox.store.conversions.push(conversion);
	return conversion;
}

export function setState(
	sandbox: AffilBoxSandbox,
	conversion: Conversion,
	state: ConversionState,
): void {
	const stored = sandbox.store.conversions.find((c) => c.id === conversion.id);
	if (!stored) throw new Error(`conversion ${conversion.id} is not in the sandbox`);
	stored.state = state;
}

export function emitted(items: INodeExecutionData[]): string[] {
	return items.map((item) => `${String(item.json.transactionId)}:${String(item.json.event)}`);
}
