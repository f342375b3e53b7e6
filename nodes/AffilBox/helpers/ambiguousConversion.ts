import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

// AffilBox's exact wording is unpublished: the sandbox says "Ambiguous conversion_id: exists in
// several campaigns, give campaign_id"; Czech "více kampaních" is covered too.
const AMBIGUOUS = /ambiguous|(several|multiple|more than one)\s+campaigns|více\s+kampan/i;

export function isAmbiguousConversionError(message: string): boolean {
	return AMBIGUOUS.test(message);
}

/**
 * For calls by transaction ID without a campaign: when AffilBox answers that the ID exists in
 * several campaigns, the error says which field of the node to fill in (`campaignField`, e.g.
 * "Additional Fields → Campaign").
 */
export function pointToCampaignField(
	campaignField: string,
): (error: NodeApiError | NodeOperationError) => void {
	return (error) => {
		if (!isAmbiguousConversionError(error.message)) return;
		error.description = `This transaction ID exists in more than one campaign. Choose the campaign in "${campaignField}" and run the node again.`;
	};
}
