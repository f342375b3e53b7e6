import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { AffilBoxPartnerTrigger } from '../../../nodes/AffilBox/AffilBoxPartnerTrigger.node';
import type { AffilBoxSandbox } from './affilBoxWorkflow';
import { ActiveTrigger, pragueTime, type N8nStore } from './triggerWorkflow';

export const PARTNER_TRIGGER_TYPE = 'n8n-nodes-affilbox.affilBoxPartnerTrigger';

/**
 * An activated AffilBox Partner Trigger, saved and lost as n8n does (see ActiveTrigger). `create`
 * lets the mutation test run a deliberately broken node through the same engine.
 */
export function partnerTrigger(
	sandbox: AffilBoxSandbox,
	parameters: INodeParameters,
	create: () => INodeType = () => new AffilBoxPartnerTrigger(),
	saved: IDataObject = {},
	store: Partial<N8nStore> = {},
): ActiveTrigger {
	return new ActiveTrigger(
		sandbox,
		parameters,
		saved,
		1,
		{ type: PARTNER_TRIGGER_TYPE, create },
		store,
	);
}

/** Registers a partner in the sandbox, `daysAgo` (and minutes) before now in the licence zone. */
export function register(
	sandbox: AffilBoxSandbox,
	fields: { daysAgo?: number; minutesAgo?: number; allow?: boolean } = {},
): string {
	const row = sandbox.registerPartner({
		register: pragueTime(fields.daysAgo ?? 0, fields.minutesAgo ?? 1),
		allow: fields.allow,
	});
	return row.person.affilid;
}

/** The affiliate IDs of what fired, simplified (`affilId`) or as sent (`person.affilid`). */
export function fired(items: INodeExecutionData[]): string[] {
	return items.map((item) =>
		String(item.json.affilId ?? (item.json.person as IDataObject | undefined)?.affilid),
	);
}
