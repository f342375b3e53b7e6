import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TriggerConfig } from './conversion/conversionTriggerState';

/**
 * What "Fetch Test Event" says when it finds nothing to show, in each trigger's own words: what it
 * looked for, where it looked (the Lookback Window counts from creation or registration), and what
 * to change. n8n shows the error in the editor; returning nothing would leave only its generic
 * "No trigger output".
 */

function days(count: number): string {
	return count === 1 ? 'day' : `${count} days`;
}

function listed(words: string[]): string {
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

const STATE_WORDS = { authorized: 'authorized', invoiced: 'invoiced', rejected: 'rejected' };

export function conversionsNotFound(config: TriggerConfig): {
	message: string;
	description: string;
} {
	const filters = [
		config.partnerId ? `of partner ${config.partnerId}` : '',
		config.campaignId ? `in campaign ${config.campaignId}` : '',
	]
		.filter(Boolean)
		.join(' ');
	const which = filters ? `conversion ${filters}` : 'conversion';
	const window = `in the last ${days(config.lookbackDays)}`;
	const states = config.events.filter((event) => event !== 'created');
	const message = config.events.includes('created')
		? `No ${which} was created ${window}`
		: `No ${which} created ${window} is ${listed(states.map((event) => STATE_WORDS[event]))}`;
	const loosen = [
		'widen the Lookback Window (Days)',
		...(config.events.length < 4 ? ['choose more events'] : []),
		...(filters ? ['remove a filter'] : []),
	];
	return {
		message,
		description: `Fetch Test Event shows the newest matching conversion of each chosen event, among the conversions created inside the Lookback Window. To see one: ${listed(loosen)}, or create or approve a conversion in AffilBox and fetch again. The active workflow is not affected.`,
	};
}

export function partnersNotFound(config: { onlyAllowed: boolean; lookbackDays: number }): {
	message: string;
	description: string;
} {
	const which = config.onlyAllowed ? 'allowed partner' : 'partner';
	return {
		message: `No ${which} registered in the last ${days(config.lookbackDays)}`,
		description: `Fetch Test Event shows the newest partner registered inside the Lookback Window${config.onlyAllowed ? ' whom AffilBox marks as allowed' : ''}. To see one: widen the Lookback Window (Days)${config.onlyAllowed ? ', switch off Only Allowed Partners' : ''}, or register (and allow) a test partner in AffilBox and fetch again. The active workflow is not affected.`,
	};
}

/** The error "Fetch Test Event" shows for what a finder said. */
export function nothingToFetch(
	node: INode,
	found: { message: string; description: string },
): NodeOperationError {
	return new NodeOperationError(node, found.message, {
		description: found.description,
		level: 'warning',
	});
}
