import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The node's subtitle on the canvas: the chosen operation's action text ("Add a conversion")
 * instead of n8n's default "add: conversion". Built from the operation dropdowns, so a new operation
 * gets its subtitle with its action text.
 */
export function operationSubtitle(properties: INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		const resources = property.displayOptions?.show?.resource;
		if (property.name !== 'operation' || !resources) continue;
		for (const option of (property.options ?? []) as INodePropertyOptions[]) {
			if (option.action === undefined) continue;
			for (const resource of resources)
				actions[`${String(resource)}:${String(option.value)}`] = option.action;
		}
	}
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}
