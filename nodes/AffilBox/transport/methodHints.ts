/**
 * What to check when AffilBox refuses a call, by method: the values people (and models calling the
 * node as a tool) most often get wrong. AffilBox does not publish its error texts, so the hint
 * cannot depend on the answer; it names what the method's identifying values must look like.
 */
const CONVERSION_ID =
	"Conversion ID must be the transaction ID your shop sent with the conversion (a conversion's transactionId, e.g. an order number or customer e-mail), not AffilBox's internal id";
const SEVERAL_CAMPAIGNS =
	'if that transaction ID exists in several campaigns, also give the campaign';
const PARTNER = "Partner must be the partner's affiliate ID (affilId) or e-mail";
const CAMPAIGN = 'Campaign must be the campaign number (Get Many campaigns lists them)';

const HINTS: Record<string, string[]> = {
	ConfirmConversion: [`${CONVERSION_ID}; ${SEVERAL_CAMPAIGNS}`],
	GetConversion: [CONVERSION_ID],
	UpdateConversion: [`${CONVERSION_ID}; ${SEVERAL_CAMPAIGNS}`, PARTNER],
	AddConversion: [PARTNER, CAMPAIGN],
	AddBonus: [PARTNER],
	AddClick: [PARTNER, CAMPAIGN],
	GetPartner: [PARTNER],
};

/** The description of an error answer to `method`: that it failed, and what to check. */
export function refusedCallHint(method: string): string {
	const hints = HINTS[method];
	return hints
		? `Method ${method} failed. Check: ${hints.join('. ')}.`
		: `Method ${method} failed.`;
}
