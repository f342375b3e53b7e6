import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { parameterShape } from '../support/harness/parameterShape';
import v1Parameters from '../fixtures/affelios/node-v1-parameters.json';

/** Resources added to version 1 later, as new choices only: a saved node keeps what it has. */
const ADDED_RESOURCES = ['customCall'];

type PairShape = { fields: Array<{ name: string; options?: unknown[] }>; defaults: unknown };

function withoutAddedResources(shape: Record<string, unknown>): Record<string, unknown> {
	const kept: Record<string, unknown> = {};
	for (const [pair, value] of Object.entries(shape)) {
		if (ADDED_RESOURCES.includes(pair.split(':')[0])) continue;
		const { fields, defaults } = value as PairShape;
		kept[pair] = {
			fields: fields.map((field) =>
				field.name === 'resource'
					? {
							...field,
							options: field.options?.filter((o) => !ADDED_RESOURCES.includes(String(o))),
						}
					: field,
			),
			defaults,
		};
	}
	return kept;
}

describe('Affelios version 1', () => {
	const shape = parameterShape(new Affelios(), 1);

	it('offers exactly the fields, types, defaults and choices it offered before the Custom Call', () => {
		expect(withoutAddedResources(shape)).toEqual(v1Parameters.affelios);
	});

	it('the Custom Call is a new Resource choice, not the default', () => {
		const resource = (shape['customCall:customApiCall'] as PairShape).fields[0];
		expect(resource).toEqual(expect.objectContaining({ name: 'resource', default: 'customer' }));
		expect(resource.options).toEqual(['customer', 'customCall', 'transaction']);
	});
});
