import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { simplifyPartner } from '../../helpers/simplifyPartner';
import { daysText, newestRecordOnly, nothingToFetch } from '../fetchTestEvent';
import type { CallSettings } from '../../transport';
import { timedCheck } from '../checkDeadline';
import { licenceZone, readLookbackDays } from '../pollSettings';
import { lookbackWindow, readFirstCheck, toMinute } from '../startFrom';
import { startsBaseline } from '../storedState';
import {
	checkWindowStart,
	mayFire,
	type PartnerBasis,
	partnerConfigHash,
	type PartnerObservation,
	type PartnerTriggerConfig,
	partnerTriggerState,
	planPartnerPoll,
} from './partnerDecisions';
import { observePartners } from './observePartners';
import { entriesBefore, TriggerStateStore } from '../stateStore';

function readConfig(context: IPollFunctions): PartnerTriggerConfig {
	return {
		onlyAllowed: context.getNodeParameter('onlyAllowed', false) === true,
		lookbackDays: readLookbackDays(context, 30),
	};
}

/** What "Fetch Test Event" says when no partner matches (see fetchTestEvent.ts). */
function partnersNotFound(config: { onlyAllowed: boolean; lookbackDays: number }): {
	message: string;
	description: string;
} {
	const which = config.onlyAllowed ? 'allowed partner' : 'partner';
	return {
		message: `No ${which} registered in the last ${daysText(config.lookbackDays)}`,
		description: `Fetch Test Event shows the newest partner registered inside the Lookback Window${config.onlyAllowed ? ' whom AffilBox marks as allowed' : ''}. To see one: widen the Lookback Window (Days)${config.onlyAllowed ? ', switch off Only Allowed Partners' : ''}, or register (and allow) a test partner in AffilBox and fetch again. The active workflow is not affected.`,
	};
}

/** The partner as Partner Get gives it: simplified (the default) or exactly as AffilBox sent it. */
function toItems(
	context: IPollFunctions,
	observations: PartnerObservation[],
	zone: string,
): INodeExecutionData[] {
	const simplify = context.getNodeParameter('simplify', true) === true;
	// What fires always kept its record (see mayFire); `{}` only satisfies the type.
	return observations.map(({ record = {} }) => ({
		json: simplify ? simplifyPartner(record, zone) : (record as IDataObject),
	}));
}

const registeredMinute = (observation: PartnerObservation) => observation.registeredMinute;

export async function pollPartners(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const config = readConfig(context);
	const words = { lookbackDays: config.lookbackDays, calls: 1, hasEvents: false };
	return await timedCheck(context, startedAt, words, (settings) =>
		runCheck(context, config, settings),
	);
}

async function runCheck(
	context: IPollFunctions,
	config: PartnerTriggerConfig,
	settings: CallSettings,
): Promise<INodeExecutionData[][] | null> {
	const zone = await licenceZone(context);
	const now = Date.now();
	const lookbackStartMinute = lookbackWindow(now, config.lookbackDays, zone).startMinute;

	if (context.getMode() === 'manual') {
		// "Fetch Test Event": the newest matching partner in the window; the stored state is left alone.
		const eligible = (observation: PartnerObservation) =>
			(observation.registeredMinute ?? Infinity) >= lookbackStartMinute &&
			(!config.onlyAllowed || observation.allowed);
		const observations = await observePartners(
			context,
			lookbackStartMinute,
			zone,
			newestRecordOnly(registeredMinute, eligible),
			settings,
		);
		const newest = observations.filter((observation) => observation.record !== undefined);
		if (newest.length === 0) throw nothingToFetch(context.getNode(), partnersNotFound(config));
		return [toItems(context, newest, zone)];
	}

	const store = new TriggerStateStore(context, partnerTriggerState);
	const hash = partnerConfigHash(config);
	const later: PartnerBasis = {
		state: store.read(hash),
		config: hash,
		onlyAllowed: config.onlyAllowed,
		lookbackStartMinute,
		nowMinute: toMinute(now),
		first: { windowStartMinute: lookbackStartMinute },
	};
	// Only a baseline reads Start From: a start date that no longer reads cannot stop later checks.
	const basis: PartnerBasis = startsBaseline(later.state, later.config)
		? { ...later, first: readFirstCheck(context, zone, lookbackStartMinute) }
		: later;
	const observations = await observePartners(
		context,
		checkWindowStart(basis),
		zone,
		() => mayFire(basis),
		settings,
	);
	const plan = planPartnerPoll(basis, observations);
	const firedKeys = plan.fire.map((observation) => observation.key);
	store.write(plan.next, entriesBefore(firedKeys, plan.baseline ? undefined : basis.state?.seen));
	return plan.fire.length > 0 ? [toItems(context, plan.fire, zone)] : null;
}
