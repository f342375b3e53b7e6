// @ts-check
'use strict';

/**
 * Both triggers, once per Start From, as workflows in a real n8n (the single-process and the
 * queue-mode suites), watching an AffilBox sandbox inside the test process: each workflow posts what
 * it fires to the test's receiver, and a ledger knows what each must fire, exactly once. Which
 * workflow made a call is told by its Lookback Window (each has its own, three days apart, so the
 * window's start in the call names it even across midnight).
 */
const { DateTime } = require('luxon');

const { AFFILBOX_KEY, LICENCE_ZONE } = require('./sandboxStack');
const { callSandbox, waitFor, workflowTellingTheTest } = require('./watch');

/** The conversions the matrix makes are this partner's; the conversion triggers watch only hers. */
const PARTNER = 'kveta';
const START_FROMS = /** @type {const} */ (['now', 'lookback', 'date']);
/** All four events: each check asks four times. */
const EVENTS = ['created', 'authorized', 'invoiced', 'rejected'];
const CONVERSION_LOOKBACK = 90;
const PARTNER_LOOKBACK = 30;
/** Lookback Windows of the workflows differ by this many days. */
const SPACING = 3;
/** The trigger node's name in a matrix workflow, by the workflow's kind. */
const TRIGGER_NAMES = { conversion: 'Conversions', partner: 'New Partner' };

/**
 * @typedef {{ id: string, kind: 'conversion' | 'partner', startFrom: typeof START_FROMS[number],
 *   lookbackDays: number, workflow: object }} MatrixWorkflow
 */

/**
 * The six workflows of one generation (both triggers × every Start From); `slot` (0, 1, …) keeps
 * the Lookback Windows of generations and of other workflows apart.
 * @param {{ prefix: string, slot: number, receiverUrl: string, credential: { id: string, name: string }, startDate: string }} options
 * @returns {MatrixWorkflow[]}
 */
function matrixWorkflows({ prefix, slot, receiverUrl, credential, startDate }) {
	return START_FROMS.flatMap((startFrom, index) => {
		const offset = (slot * START_FROMS.length + index) * SPACING;
		const start = startFrom === 'date' ? { startFrom, startDate } : { startFrom };
		const pollTimes = { item: [{ mode: 'everyMinute' }] };
		const conversionId = `${prefix}C${slot}${startFrom}`;
		const partnerId = `${prefix}P${slot}${startFrom}`;
		const conversionLookback = CONVERSION_LOOKBACK + offset;
		const partnerLookback = PARTNER_LOOKBACK + offset;
		return [
			{
				id: conversionId,
				kind: /** @type {const} */ ('conversion'),
				startFrom,
				lookbackDays: conversionLookback,
				workflow: workflowTellingTheTest(
					conversionId,
					`${prefix} conversions, ${startFrom} (${slot})`,
					{
						id: `${conversionId}-trigger`,
						name: TRIGGER_NAMES.conversion,
						type: 'n8n-nodes-affilbox.affilBoxTrigger',
						typeVersion: 4,
						credentials: { affilBoxApi: credential },
						parameters: {
							pollTimes,
							events: EVENTS,
							filters: { partnerId: { __rl: true, mode: 'id', value: PARTNER } },
							lookbackDays: conversionLookback,
							...start,
						},
					},
					receiverUrl,
					['transactionId', 'event'],
					{ workflow: conversionId },
				),
			},
			{
				id: partnerId,
				kind: /** @type {const} */ ('partner'),
				startFrom,
				lookbackDays: partnerLookback,
				workflow: workflowTellingTheTest(
					partnerId,
					`${prefix} partners, ${startFrom} (${slot})`,
					{
						id: `${partnerId}-trigger`,
						name: TRIGGER_NAMES.partner,
						type: 'n8n-nodes-affilbox.affilBoxPartnerTrigger',
						typeVersion: 1,
						credentials: { affilBoxApi: credential },
						parameters: { pollTimes, lookbackDays: partnerLookback, ...start },
					},
					receiverUrl,
					['affilId'],
					{ workflow: partnerId },
				),
			},
		];
	});
}

const pragueNow = () => DateTime.now().setZone(LICENCE_ZONE);
/** @param {string} wallTime AffilBox's `yyyy-MM-dd H:mm:ss` (hour maybe unpadded) */
const pragueMinute = (wallTime) =>
	DateTime.fromFormat(
		wallTime
			.trim()
			.slice(0, 16)
			.replace(/ (\d):/, ' 0$1:'),
		'yyyy-MM-dd HH:mm',
		{
			zone: LICENCE_ZONE,
		},
	);

/** Calls one check of the workflow makes. @param {MatrixWorkflow} workflow */
const callsPerCheck = (workflow) => (workflow.kind === 'conversion' ? EVENTS.length : 1);

/**
 * Which of `workflows` made a call to the sandbox, told by the window's start it asks for.
 * @param {{ method: string, params: Record<string, string> }} request
 * @param {MatrixWorkflow[]} workflows
 * @returns {MatrixWorkflow | undefined}
 */
function workflowOfCall(request, workflows) {
	const { params } = request;
	/** @type {number | undefined} */
	let days;
	/** @type {'conversion' | 'partner' | undefined} */
	let kind;
	if (
		request.method === 'GetConversions' &&
		params.partner_id === PARTNER &&
		params.filter_date_from
	) {
		days = pragueNow().diff(pragueMinute(params.filter_date_from), 'days').days;
		kind = 'conversion';
	} else if (request.method === 'GetPartners' && params.register_from) {
		const day = DateTime.fromISO(params.register_from, { zone: LICENCE_ZONE });
		days = pragueNow().startOf('day').diff(day, 'days').days;
		kind = 'partner';
	}
	if (days === undefined) return undefined;
	const found = days;
	return workflows.find((w) => w.kind === kind && Math.abs(found - w.lookbackDays) < SPACING / 2);
}

/**
 * A barrier at the sandbox's door for workflows about to be published: their first check (the one
 * at activation) passes; every later call of theirs waits until `release()`. Whatever the test does
 * before releasing comes after their first check and before their first scheduled one.
 * @param {{ hold: (options: any) => { whenWaiting: (n: number) => Promise<void>, release: () => void } }} sandbox
 * @param {MatrixWorkflow[]} workflows
 */
function holdAfterFirstChecks(sandbox, workflows) {
	/** @type {Record<string, number>} */
	const calls = {};
	const gate = sandbox.hold({
		count: 9999,
		boundMs: 900_000,
		only: (/** @type {{ method: string, params: Record<string, string> }} */ request) => {
			const workflow = workflowOfCall(request, workflows);
			if (!workflow) return false;
			calls[workflow.id] = (calls[workflow.id] ?? 0) + 1;
			return calls[workflow.id] > callsPerCheck(workflow);
		},
	});
	return {
		/** Whether every workflow's first check has been asked for in full. */
		firstChecksDone: () => workflows.every((w) => (calls[w.id] ?? 0) >= callsPerCheck(w)),
		release: () => gate.release(),
	};
}

/**
 * How the ledger names one thing a trigger fired: `transactionId:event` for a conversion (which
 * names its partner too), the `affilId` for a partner.
 * @param {Record<string, unknown>} fired a receiver's body, or a trigger's output item
 */
function firedKey(fired) {
	return fired.transactionId !== undefined
		? `${String(fired.transactionId)}:${String(fired.event)}`
		: String(fired.affilId);
}

/**
 * What each matrix workflow must fire, from the sandbox's own state: a workflow's first check (its
 * baseline) fires what its Start From says of what is there; every change after fires once.
 * @param {{ url: string, store: any, requests: Array<{ method: string, params: Record<string, string> }>,
 *   registerPartner: (fields: { affilid?: string, register?: string }) => unknown }} sandbox
 * @param {{ received: Array<Record<string, unknown>> }} receiver
 */
function createLedger(sandbox, receiver) {
	/** @type {Map<string, { workflow: MatrixWorkflow, expected: Set<string> }>} */
	const watched = new Map();
	let step = 0;

	/** @param {string} method @param {object} params */
	const call = (method, params) => callSandbox(sandbox.url, AFFILBOX_KEY, method, params);

	/**
	 * What is there now for a workflow, and whether its first check fires it.
	 * @param {MatrixWorkflow} workflow @param {string} startDate
	 */
	function firstCheckFires(workflow, startDate) {
		const since = pragueNow().minus({ days: workflow.lookbackDays });
		const from =
			workflow.startFrom === 'date' ? DateTime.fromISO(startDate, { zone: LICENCE_ZONE }) : since;
		/** @type {Set<string>} */
		const fires = new Set();
		if (workflow.startFrom === 'now') return fires;
		const inWindow = (/** @type {string} */ date) => {
			const minute = pragueMinute(date);
			return minute >= since && minute >= from;
		};
		if (workflow.kind === 'conversion') {
			const stateEvent = /** @type {Record<string, string>} */ ({
				authorized: 'authorized',
				invoiced: 'invoiced',
				rejection: 'rejected',
			});
			for (const conversion of sandbox.store.conversions) {
				if (conversion.affilId !== PARTNER || !inWindow(conversion.createDate)) continue;
				fires.add(`${conversion.transactionId}:created`);
				if (stateEvent[conversion.state])
					fires.add(`${conversion.transactionId}:${stateEvent[conversion.state]}`);
			}
		} else {
			for (const { person } of sandbox.store.partners) {
				if (inWindow(person.register)) fires.add(person.affilid);
			}
		}
		return fires;
	}

	return {
		/**
		 * What is there before any first check: a conversion (approved) and a partner from three days
		 * ago, inside every Lookback Window and before the Start Date, and one of each from now.
		 */
		async prepare() {
			const threeDaysAgo = pragueNow().minus({ days: 3 }).toFormat('yyyy-MM-dd HH:mm:ss');
			await call('AddConversion', {
				partner_id: PARTNER,
				campaign_id: 11,
				conversion_id: 'MATRIX-OLD',
				value: 1,
			});
			await call('ConfirmConversion', { conversion_id: 'MATRIX-OLD', value: 'true' });
			const old = sandbox.store.conversions.find(
				(/** @type {{ transactionId: string }} */ c) => c.transactionId === 'MATRIX-OLD',
			);
			old.createDate = threeDaysAgo;
			sandbox.registerPartner({ affilid: 'matrix-partner-old', register: threeDaysAgo });
			await this.change();
		},
		/**
		 * Workflows whose first check comes now, the sandbox unchanged until it has come.
		 * @param {MatrixWorkflow[]} workflows @param {string} startDate their Start Date
		 */
		baseline(workflows, startDate) {
			for (const workflow of workflows)
				watched.set(workflow.id, { workflow, expected: firstCheckFires(workflow, startDate) });
		},
		/** Stops watching (the workflow is unpublished for good). @param {string} id */
		forget(id) {
			watched.delete(id);
		},
		/**
		 * One change of the programme: a new conversion of the partner, the one before it approved,
		 * a new partner. Every watched workflow must fire what concerns it, once.
		 */
		async change() {
			step += 1;
			const id = `MATRIX-${step}`;
			await call('AddConversion', {
				partner_id: PARTNER,
				campaign_id: 11,
				conversion_id: id,
				value: step,
			});
			const pairs = [`${id}:created`];
			if (step > 1) {
				await call('ConfirmConversion', { conversion_id: `MATRIX-${step - 1}`, value: 'true' });
				pairs.push(`MATRIX-${step - 1}:authorized`);
			}
			const partner = `matrix-partner-${step}`;
			await call('GetOrCreatePartner', { email: `${partner}@example.com`, affilid: partner });
			for (const { workflow, expected } of watched.values()) {
				for (const key of workflow.kind === 'conversion' ? pairs : [partner]) expected.add(key);
			}
		},
		/** What each watched workflow fired so far, by its id. */
		fired() {
			/** @type {Record<string, string[]>} */
			const byWorkflow = {};
			for (const id of watched.keys()) byWorkflow[id] = [];
			for (const body of receiver.received) {
				const id = String(body.workflow);
				if (!(id in byWorkflow)) continue;
				byWorkflow[id].push(firedKey(body));
			}
			return byWorkflow;
		},
		/** What each watched workflow must have fired by now, by its id (sorted). */
		expected() {
			/** @type {Record<string, string[]>} */
			const byWorkflow = {};
			for (const [id, { expected }] of watched) byWorkflow[id] = [...expected].sort();
			return byWorkflow;
		},
		/** Whether every watched workflow has fired all it must (duplicates are the caller's to see). */
		allFired() {
			const fired = this.fired();
			return [...watched].every(([id, { expected }]) =>
				[...expected].every((key) => fired[id].includes(key)),
			);
		},
		/** The workflows still missing something, and what (for a failure's message). */
		missing() {
			const fired = this.fired();
			return [...watched]
				.map(([id, { expected }]) => [id, [...expected].filter((key) => !fired[id].includes(key))])
				.filter(([, keys]) => keys.length > 0);
		},
		/** How many whole checks each watched workflow has made (from the sandbox's record of calls). */
		checks() {
			/** @type {Record<string, number>} */
			const calls = {};
			const workflows = [...watched.values()].map(({ workflow }) => workflow);
			for (const request of sandbox.requests) {
				const workflow = workflowOfCall(request, workflows);
				if (workflow) calls[workflow.id] = (calls[workflow.id] ?? 0) + 1;
			}
			/** @type {Record<string, number>} */
			const checks = {};
			for (const [id, { workflow }] of watched)
				checks[id] = Math.floor((calls[id] ?? 0) / callsPerCheck(workflow));
			return checks;
		},
	};
}

/**
 * Waits until every watched workflow has fired all it must; a failure names what is missing.
 * @param {ReturnType<typeof createLedger>} ledger @param {string} what @param {number} ms
 */
async function untilFired(ledger, what, ms) {
	try {
		await waitFor(() => ledger.allFired(), ms, what);
	} catch (error) {
		throw new Error(
			`${/** @type {Error} */ (error).message}; missing: ${JSON.stringify(ledger.missing())}`,
		);
	}
}

/**
 * Waits until every watched workflow has made `count` more whole checks than now: a repeat would
 * have come with one of them.
 * @param {ReturnType<typeof createLedger>} ledger @param {number} count @param {number} ms
 */
async function untilChecked(ledger, count, ms) {
	const before = ledger.checks();
	await waitFor(
		() =>
			Object.entries(ledger.checks()).every(([id, checks]) => checks >= (before[id] ?? 0) + count),
		ms,
		`${count} more check(s) of every trigger workflow (${JSON.stringify(before)})`,
	);
}

/**
 * The steps both suites take with the matrix, each ending once every watched workflow has fired
 * what it must. `publish` and `unpublish` act as the editor does (the session of the n8n running now).
 * @param {{ sandbox: Parameters<typeof holdAfterFirstChecks>[0] & Parameters<typeof createLedger>[0],
 *   ledger: ReturnType<typeof createLedger>, startDate: string, ms: number,
 *   publish: (id: string) => Promise<unknown>, unpublish: (id: string) => Promise<unknown> }} options
 */
function matrixSteps({ sandbox, ledger, startDate, ms, publish, unpublish }) {
	return {
		/** Publishes them and waits for their first checks, the sandbox unchanged meanwhile. @param {MatrixWorkflow[]} workflows */
		async publishAndAwaitFirstChecks(workflows) {
			ledger.baseline(workflows, startDate);
			for (const { id } of workflows) await publish(id);
			const own = createLedger(sandbox, { received: [] });
			own.baseline(workflows, startDate);
			await untilChecked(own, 1, ms);
			await untilFired(ledger, 'what Start From fires at the first checks', ms);
		},
		/**
		 * Publishes them and changes the sandbox after their first checks (at activation) and before
		 * their first scheduled ones (held at the door meanwhile): with durable poll cursors n8n drops
		 * what a first check that fires nothing wrote, and the change must still fire.
		 * @param {MatrixWorkflow[]} workflows
		 */
		async publishWithAChangeBeforeTheirFirstScheduledCheck(workflows) {
			const barrier = holdAfterFirstChecks(sandbox, workflows);
			try {
				ledger.baseline(workflows, startDate);
				for (const { id } of workflows) await publish(id);
				await waitFor(() => barrier.firstChecksDone(), ms, 'the first checks of the new workflows');
				await ledger.change();
			} finally {
				barrier.release();
			}
			await untilFired(ledger, 'what Start From fires, and the change after the first checks', ms);
		},
		/** A change of the sandbox, while everything runs. */
		async aChange() {
			await ledger.change();
			await untilFired(ledger, 'a change', ms);
		},
		/** Unpublishes them, changes the sandbox, publishes them again. @param {MatrixWorkflow[]} workflows */
		async republishWithAChange(workflows) {
			for (const { id } of workflows) await unpublish(id);
			await ledger.change();
			for (const { id } of workflows) await publish(id);
			await untilFired(ledger, 'the change made while they were unpublished', ms);
		},
		/** Stops n8n's main, changes the sandbox, starts it again. @param {() => Promise<unknown>} stop @param {() => Promise<unknown>} start */
		async restartWithAChange(stop, start) {
			await stop();
			await ledger.change();
			await start();
			await untilFired(ledger, 'the change made while n8n was down', ms);
		},
		/** One more check of each (a repeat would come with it); then what each fired, and must have. */
		async lastCheck() {
			await untilChecked(ledger, 1, ms);
			const fired = ledger.fired();
			for (const keys of Object.values(fired)) keys.sort();
			return { fired, expected: ledger.expected() };
		},
	};
}

module.exports = {
	firedKey,
	matrixSteps,
	matrixWorkflows,
	createLedger,
	holdAfterFirstChecks,
	untilFired,
	untilChecked,
	PARTNER,
	START_FROMS,
	SPACING,
	TRIGGER_NAMES,
};
