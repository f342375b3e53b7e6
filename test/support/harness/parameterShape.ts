import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/**
 * What a node version's parameters *do*, without their wording: for every resource/operation pair,
 * the fields n8n shows (name, type, default, required, the values a dropdown offers, collections'
 * entries) and the full set of defaults n8n fills into a new node. Labels, descriptions, hints and
 * placeholders are left out on purpose: they may improve without changing a saved workflow's run.
 */

type Shape = Record<string, unknown>;

function optionShape(
	option: INodePropertyOptions | INodeProperties | INodePropertyCollection,
): unknown {
	if ('value' in option) return option.value;
	if ('type' in option) return fieldShape(option);
	return { name: option.name, values: option.values.map(fieldShape) };
}

function fieldShape(property: INodeProperties): Shape {
	const shape: Shape = { name: property.name, type: property.type, default: property.default };
	if (property.required) shape.required = true;
	if (property.noDataExpression) shape.noDataExpression = true;
	if (property.typeOptions) shape.typeOptions = property.typeOptions;
	if (property.options) shape.options = property.options.map(optionShape);
	if (property.modes)
		shape.modes = property.modes.map((mode) => ({ name: mode.name, type: mode.type }));
	return shape;
}

function visible(
	type: INodeType,
	version: number,
	values: INodeParameters,
): { fields: Shape[]; defaults: INodeParameters | null } {
	const { description } = type;
	const node = { typeVersion: version };
	const defaults = NodeHelpers.getNodeParameters(
		description.properties,
		values,
		true,
		false,
		node,
		description,
	);
	const fields = description.properties
		.filter((property) =>
			NodeHelpers.displayParameter(defaults ?? values, property, node, description),
		)
		.map(fieldShape);
	return { fields, defaults };
}

function choices(
	type: INodeType,
	version: number,
	name: string,
	values: INodeParameters,
): string[] {
	const field = type.description.properties.find(
		(property) =>
			property.name === name &&
			NodeHelpers.displayParameter(values, property, { typeVersion: version }, type.description),
	);
	return (field?.options ?? []).map((option) => String((option as INodePropertyOptions).value));
}

/** The shape of one version: per `resource:operation` (or `''` for a node without them). */
export function parameterShape(type: INodeType, version: number): Record<string, unknown> {
	const hasResource = type.description.properties.some((property) => property.name === 'resource');
	if (!hasResource) return { '': visible(type, version, {}) };
	const shapes: Record<string, unknown> = {};
	for (const resource of choices(type, version, 'resource', {})) {
		for (const operation of choices(type, version, 'operation', { resource })) {
			shapes[`${resource}:${operation}`] = visible(type, version, { resource, operation });
		}
	}
	return shapes;
}

/**
 * A shape without the choices added later to every version of a node (new choices of Resource
 * and Operation: a saved node keeps the operation it has, and runs it as before): their
 * resource:operation pairs, and their choices everywhere else.
 */
export function withoutLaterChoices(
	shape: Record<string, unknown>,
	resources: string[],
	operations: Record<string, string[]> = {},
): Record<string, { fields: Shape[]; defaults: INodeParameters | null }> {
	const kept: Record<string, { fields: Shape[]; defaults: INodeParameters | null }> = {};
	for (const [pair, value] of Object.entries(shape)) {
		const [resource, operation] = pair.split(':');
		if (resources.includes(resource)) continue;
		if (operations[resource]?.includes(operation)) continue;
		const visibleShape = value as { fields: Shape[]; defaults: INodeParameters | null };
		const fields = visibleShape.fields.map((field) => {
			if (field.name === 'resource') {
				const options = field.options as string[];
				return { ...field, options: options.filter((o) => !resources.includes(String(o))) };
			}
			if (field.name === 'operation' && operations[resource]) {
				const options = field.options as string[];
				return {
					...field,
					options: options.filter((o) => !operations[resource].includes(o)),
				};
			}
			return field;
		});
		kept[pair] = { ...visibleShape, fields };
	}
	return kept;
}

/** The AffilBox node's later choices: the API v2 operations and Custom Call → Custom Method. */
const AFFILBOX_LATER_RESOURCES = ['invoice', 'dashboard', 'instance', 'customCall'];
const AFFILBOX_LATER_OPERATIONS: Record<string, string[]> = {
	conversion: ['changeMany'],
	partner: ['create'],
};

/**
 * A shape as it was pinned before what came later to every version of the AffilBox nodes without
 * changing a saved node's run: the node's Skip If Already Done option (off when unset), its later
 * choices (above) and the triggers' Options collection (Timeout, Publication Lease; empty
 * in every saved trigger, which keeps the limits it had). Throws when the Options collection is
 * there with a default.
 */
export function withoutLaterAdditions(shape: Record<string, unknown>): Record<string, unknown> {
	const pinned = JSON.parse(
		JSON.stringify(shape, (key, value: unknown) =>
			key === 'options' && Array.isArray(value)
				? value.filter((option: { name?: string }) => option?.name !== 'skipIfAlreadyDone')
				: value,
		),
	) as Record<string, unknown>;
	const trigger = pinned[''] as { fields: Shape[]; defaults: INodeParameters | null } | undefined;
	if (trigger?.defaults && 'options' in trigger.defaults) {
		const { options, ...defaults } = trigger.defaults;
		if (JSON.stringify(options) !== '{}')
			throw new Error(`the trigger's Options default is ${JSON.stringify(options)}, not empty`);
		pinned[''] = { fields: trigger.fields.filter((field) => field.name !== 'options'), defaults };
		return pinned;
	}
	return withoutLaterChoices(pinned, AFFILBOX_LATER_RESOURCES, AFFILBOX_LATER_OPERATIONS);
}
