import { XMLBuilder } from 'fast-xml-parser';

import { KEY_SLOT } from './apiKey';

/** Method parameters as the API names them; undefined values are left out of the document. */
export type AffilBoxParams = Record<string, string | number | boolean | undefined>;

// Entities on: every value is escaped (& < > " '), so no user value can change the document's structure.
const builder = new XMLBuilder({
	ignoreAttributes: false,
	format: false,
	processEntities: true,
	suppressEmptyNode: false,
});

/**
 * Builds the request document with an empty key slot; the credential's `authenticate` fills it in,
 * so the key never passes through node code.
 */
export function buildRequestXml(method: string, params: AffilBoxParams = {}): string {
	const request: Record<string, string> = { key: '', method };
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined) continue;
		request[name] = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
	}
	const xml = builder.build({
		'?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
		request,
	}) as string;
	if (!xml.includes(KEY_SLOT)) {
		// Would mean the serializer changed how it writes empty elements: fail loudly, never send keyless.
		throw new Error('AffilBox request document has no key slot');
	}
	return xml;
}
