import type { IDataObject } from 'n8n-workflow';

import { outputRecords, type AffilBoxOutput } from '../../../nodes/AffilBox/helpers/operation';
import type { AffilBoxCallResult } from '../../../nodes/AffilBox/transport';

function answer(
	records: Partial<AffilBoxCallResult['answer']['records']>,
	fields: IDataObject = {},
): AffilBoxCallResult {
	return {
		answer: {
			rootName: 'response',
			records: { conversion: [], partner: [], campaign: [], click: [], bonus: [], ...records },
			fields,
		},
		rawXml: '<response/>',
	};
}

const conversion = { conversion_id: 'ORDER-1', state: 'waiting' };

describe('outputRecords', () => {
	it.each<AffilBoxOutput['mode']>(['read', 'list', 'write'])(
		'%s: one item per record of the kind, nothing of another kind',
		(mode) => {
			const result = answer({ conversion: [conversion], partner: [{ id: '1' }] });
			expect(outputRecords(result, { kind: 'conversion', mode }, false)).toEqual([conversion]);
		},
	);

	it('read and list: no record, no item', () => {
		expect(outputRecords(answer({}), { kind: 'conversion', mode: 'read' }, false)).toEqual([]);
		expect(outputRecords(answer({}), { kind: 'partner', mode: 'list' }, false)).toEqual([]);
	});

	it('write without a record: what the answer says, as a success', () => {
		const result = answer({}, { status: 'ok', message: 'saved' });
		expect(outputRecords(result, { kind: 'bonus', mode: 'write' }, false)).toEqual([
			{ success: true, status: 'ok', message: 'saved' },
		]);
	});

	it('Include Raw XML adds the answer text to every item, the write answer too', () => {
		expect(
			outputRecords(
				answer({ conversion: [conversion] }),
				{ kind: 'conversion', mode: 'read' },
				true,
			),
		).toEqual([{ ...conversion, rawXml: '<response/>' }]);
		expect(outputRecords(answer({}), { kind: 'click', mode: 'write' }, true)).toEqual([
			{ success: true, rawXml: '<response/>' },
		]);
	});

	it('adjust sees each record (with its raw XML) and the answer', () => {
		const result = answer({ partner: [{ id: '7' }] }, { created: '1' });
		const adjust = (record: IDataObject, from: AffilBoxCallResult) => ({
			...record,
			created: from.answer.fields.created === '1',
		});
		expect(outputRecords(result, { kind: 'partner', mode: 'read', adjust }, true)).toEqual([
			{ id: '7', rawXml: '<response/>', created: true },
		]);
	});
});
