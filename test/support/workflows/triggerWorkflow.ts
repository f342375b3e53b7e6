import { DateTime } from 'luxon';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { AffilBoxApi } from '../../../credentials/AffilBoxApi.credentials';
import { AffilBoxTrigger } from '../../../nodes/AffilBox/AffilBoxTrigger.node';
import { DEFAULT_NODE_NAME } from '../harness/nodeUnderTest';
import { runPoll, type RunPollResult } from '../harness/runWorkflow';
import { sandboxCredentials, type AffilBoxSandbox } from './affilBoxWorkflow';

export const TRIGGER_TYPE = 'n8n-nodes-affilbox.affilBoxTrigger';

/**
 * Which polling node an ActiveTrigger runs: the AffilBox Trigger unless a test says otherwise;
 * `credential`: the node's credential against the sandbox (default: the XML API's).
 */
export interface TriggerNode {
	type: string;
	create: () => INodeType;
	credential?: (sandbox: AffilBoxSandbox) => {
		type: ICredentialType;
		data: ICredentialDataDecryptedObject;
	};
}
const CONVERSION_TRIGGER: TriggerNode = { type: TRIGGER_TYPE, create: () => new AffilBoxTrigger() };
const ZONE = 'Europe/Prague';

export type ConversionState = 'waiting' | 'rejection' | 'authorized' | 'invoiced';
type Conversion = AffilBoxSandbox['store']['conversions'][number];

/** What kind of check n8n runs: at activation (publishing, a start without durable scheduling), or on its schedule. */
export type CheckKind = 'activation' | 'scheduled';

/**
 * What n8n keeps of a polling node's static data (n8n 2.41.1, read in its source and measured):
 * - `workflow`: the workflow's static data as saved (the node's part under `node:<name>`, the
 *   workflow's own under `global`);
 * - `cursor`: the node's durable poll cursor (a `poller_state` row), once durable cursors made one
 *   (from the node's part of `workflow`, when a check first reads it). A cursor, once there, is
 *   used with durable cursors switched off again too;
 * - `durable`: durable scheduling on (N8N_POLLER_DURABLE_CURSORS_ENABLED with the scheduler): the
 *   scheduler runs the checks, so a restart runs none at activation;
 * - `nodeId`: the node's id, by which n8n keys the cursor (a node made anew gets a new one), and
 *   `nodeName`, by which it keys the node's part of the workflow's static data.
 */
export interface N8nStore {
	workflow: IDataObject;
	cursor?: IDataObject;
	durable: boolean;
	nodeId: string;
	nodeName: string;
}

export interface CheckOptions {
	/** Drops every write of this check (a crash before n8n saved anything). */
	lose?: boolean;
	/**
	 * A scheduled check that fires nothing, without a cursor: `lost` (n8n saves nothing; the next
	 * check after a restart reads the older state) or `saved` (kept, as n8n's workflow in memory
	 * keeps it until a restart). With a cursor n8n commits it either way.
	 */
	emptyWrites?: 'lost' | 'saved';
	/**
	 * With a cursor, a check that fires whose execution n8n does not create (the commit of cursor
	 * and execution failed, e.g. its lease was lost): the workflow's static data is saved (n8n does
	 * that first), the cursor is not, and its items go nowhere.
	 */
	notCommitted?: boolean;
}

let nodeIds = 0;

/** Copies through JSON, as n8n's database does. */
function json<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * An activated AffilBox Trigger as n8n runs it: every check starts from what n8n kept (N8nStore),
 * and keeps of the check's writes what n8n would. With default settings the check at activation is
 * saved (n8n saves the workflow's static data after every activation), a scheduled check only when
 * it fires; with a durable cursor, a check that fires commits its cursor with its execution, a
 * scheduled one that fires nothing commits its cursor alone, and the check at activation that fires
 * nothing loses its node's write (the workflow's static data is still saved).
 */
export class ActiveTrigger {
	store: N8nStore;
	/** A check n8n runs at activation is due (after a restart without durable scheduling). */
	private activationDue = false;
	/** The last check fired, but n8n made no execution of it (CheckOptions.notCommitted). */
	lastCheckWentNowhere = false;
	/** Such a check was the last one that wrote anything. */
	owesUncommittedFire = false;
	/** What the poll context's getPollBudgetMs() returns (newer n8n); unset: it has none. */
	pollBudgetMs?: number;

	constructor(
		private readonly sandbox: AffilBoxSandbox,
		private readonly parameters: INodeParameters,
		saved: IDataObject = {},
		/** 1 by default: the trigger tests pin version 1's output (conversions as sent). */
		private readonly typeVersion = 1,
		private readonly trigger: TriggerNode = CONVERSION_TRIGGER,
		store: Partial<N8nStore> = {},
	) {
		this.store = {
			workflow: saved,
			durable: false,
			nodeId: 'node-under-test',
			nodeName: DEFAULT_NODE_NAME,
			...store,
		};
	}

	/** The workflow's static data as n8n saved it. */
	get saved(): IDataObject {
		return this.store.workflow;
	}

	/** The node's static data as n8n hands it to the next check (its cursor, where there is one). */
	get nodeStaticData(): IDataObject {
		return this.store.cursor ?? this.workflowsNodePart();
	}

	private workflowsNodePart(): IDataObject {
		return (this.store.workflow[`node:${this.store.nodeName}`] as IDataObject | undefined) ?? {};
	}

	/**
	 * What the trigger remembers, as the next check would read it from the node's static data:
	 * its settings hash and what it has seen (without the write's number and the copy's notes).
	 */
	get remembered(): { config?: unknown; seen?: unknown } {
		const state = this.nodeStaticData.state as { config?: unknown; seen?: unknown } | undefined;
		return { config: state?.config, seen: state?.seen };
	}

	private usesCursor(): boolean {
		return this.store.durable || this.store.cursor !== undefined;
	}

	private async pollOnce(
		mode: 'trigger' | 'manual',
		parameters = this.parameters,
	): Promise<RunPollResult> {
		if (mode === 'trigger' && this.usesCursor() && this.store.cursor === undefined) {
			// n8n makes the cursor from the node's static data when a check first reads it.
			this.store.cursor = json(this.workflowsNodePart());
		}
		const credential = this.trigger.credential?.(this.sandbox) ?? {
			type: new AffilBoxApi(),
			data: sandboxCredentials(this.sandbox),
		};
		return await runPoll({
			nodeTypes: { [this.trigger.type]: this.trigger.create() },
			credentialTypes: [credential.type],
			credentials: { [credential.type.name]: credential.data },
			node: {
				type: this.trigger.type,
				typeVersion: this.typeVersion,
				parameters,
				id: this.store.nodeId,
				name: this.store.nodeName,
			},
			staticData: this.store.workflow,
			nodeStaticData: mode === 'trigger' && this.usesCursor() ? this.store.cursor : undefined,
			pollBudgetMs: this.pollBudgetMs,
			mode,
		});
	}

	/** One check, its writes kept as n8n keeps them; returns what it fired. */
	async check(kind: CheckKind, options: CheckOptions = {}): Promise<INodeExecutionData[]> {
		this.activationDue = false;
		const result = await this.pollOnce('trigger');
		const fired = result.output !== null;
		if (!options.lose) this.keep(kind, result, fired, options);
		this.lastCheckWentNowhere = fired && options.notCommitted === true && this.usesCursor();
		if (!options.lose) this.owesUncommittedFire = this.lastCheckWentNowhere;
		return this.lastCheckWentNowhere ? [] : (result.output?.[0] ?? []);
	}

	private keep(kind: CheckKind, result: RunPollResult, fired: boolean, options: CheckOptions) {
		if (!this.usesCursor()) {
			const saves = kind === 'activation' || fired || options.emptyWrites === 'saved';
			if (saves) this.store.workflow = result.staticData;
			return;
		}
		if (fired) {
			this.store.workflow = result.staticData;
			if (!options.notCommitted) this.store.cursor = result.nodeStaticData;
		} else if (kind === 'activation') {
			this.store.workflow = result.staticData;
		} else {
			this.store.cursor = result.nodeStaticData;
		}
	}

	/** The check n8n runs when the workflow is activated (published). */
	async activate(options: CheckOptions = {}): Promise<INodeExecutionData[]> {
		return await this.check('activation', options);
	}

	/** The next check: a scheduled one, or the one at activation that a restart made due. */
	async poll(options: CheckOptions = {}): Promise<INodeExecutionData[]> {
		return await this.check(this.activationDue ? 'activation' : 'scheduled', options);
	}

	/** "Fetch Test Event": n8n never saves static data in manual mode, so we report what it wrote. */
	async fetchTestEvent(): Promise<RunPollResult> {
		return await this.pollOnce('manual');
	}

	withParameters(parameters: INodeParameters): ActiveTrigger {
		const changed = new ActiveTrigger(
			this.sandbox,
			parameters,
			this.store.workflow,
			this.typeVersion,
			this.trigger,
			this.store,
		);
		changed.activationDue = this.activationDue;
		changed.owesUncommittedFire = this.owesUncommittedFire;
		return changed;
	}

	/**
	 * A restart: n8n reloads what it saved (JSON); `durable`: with durable scheduling switched on
	 * or off. Without durable scheduling the next check runs at activation; with it, on schedule,
	 * unless this restart switched it on (n8n then makes the scheduler's jobs and checks once).
	 */
	restarted(durable = this.store.durable): ActiveTrigger {
		const next = new ActiveTrigger(
			this.sandbox,
			this.parameters,
			json(this.store.workflow),
			this.typeVersion,
			this.trigger,
			{
				durable,
				nodeId: this.store.nodeId,
				nodeName: this.store.nodeName,
				cursor: this.store.cursor === undefined ? undefined : json(this.store.cursor),
			},
		);
		next.activationDue = !durable || !this.store.durable;
		next.owesUncommittedFire = this.owesUncommittedFire;
		return next;
	}

	/** The user renames the trigger and publishes again (same node id): n8n checks at activation. */
	async renamedAndRepublished(name: string): Promise<INodeExecutionData[]> {
		this.store.nodeName = name;
		return await this.check('activation');
	}

	/**
	 * Deactivating and publishing again: n8n checks at activation. `reset`: the node was made anew
	 * meanwhile (same name, new id), so n8n, which keys the cursor by the node's id, makes a new
	 * one: `empty`, or `remade` from the node's old static data (as getOrCreateCursor does).
	 */
	async republish(
		reset?: 'empty' | 'remade',
		options: CheckOptions = {},
	): Promise<INodeExecutionData[]> {
		if (reset !== undefined) {
			nodeIds += 1;
			this.store.nodeId = `node-made-anew-${nodeIds}`;
			if (this.usesCursor()) this.store.cursor = reset === 'empty' ? {} : undefined;
		}
		return await this.check('activation', options);
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
