import type { IDataObject } from 'n8n-workflow';

/**
 * The bulk answer as Affelios sent it, plus which batch it was and how many customers it carried.
 * A partial failure comes inside a success answer: it becomes a `warning`, not an error, so the
 * customers that were imported are not reported as failed.
 */
export function bulkSummary(answer: IDataObject, batch: number, itemCount: number): IDataObject {
	const summary: IDataObject = { batch, itemCount, ...answer };
	const failed = Number(answer.numFailed ?? 0);
	if (failed > 0) {
		const first =
			answer.firstFailureId !== undefined && answer.firstFailureId !== null
				? ` The first failure: ${String(answer.firstFailureId)}: ${String(answer.firstFailureMessage ?? '(no message)')}`
				: '';
		summary.warning = `${failed} of ${itemCount} customers in batch ${batch} were not imported.${first}`;
	}
	return summary;
}
