import { Affelios } from '../../nodes/Affelios/Affelios.node';
import { parameterShape, withoutLaterChoices } from '../support/harness/parameterShape';
import v1Parameters from '../fixtures/affelios/node-v1-parameters.json';

/** Resources added to version 1 later, as new choices only: a saved node keeps what it has. */
const ADDED_RESOURCES = ['customCall'];

type PairShape = { fields: Array<{ name: string; options?: unknown[] }> };

describe('Affelios version 1', () => {
	const shape = parameterShape(new Affelios(), 1);

	it('offers exactly the fields, types, defaults and choices it offered before the Custom Call', () => {
		expect(withoutLaterChoices(shape, ADDED_RESOURCES)).toEqual(v1Parameters.affelios);
	});

	it('the Custom Call is a new Resource choice, not the default', () => {
		const resource = (shape['customCall:customApiCall'] as PairShape).fields[0];
		expect(resource).toEqual(expect.objectContaining({ name: 'resource', default: 'customer' }));
		expect(resource.options).toEqual(['customer', 'customCall', 'transaction']);
	});
});
