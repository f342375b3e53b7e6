// @ts-check
'use strict';

/**
 * What `npm start` and the end-to-end tests both bring up before n8n starts: the two sandboxes,
 * and an n8n instance (in the licence's time zone) with both packages installed and the sandbox
 * credentials imported (AffilBox's XML API, AffilBox API v2, Affelios). One piece of code, so the
 * tests exercise what users run.
 */
const fs = require('node:fs');
const path = require('node:path');

const { packPackages, startSandbox } = require('../processes');
const { createInstance } = require('./instance');

/** The AffilBox licence's time zone: the sandbox's, the credential's and the demo n8n's own zone. */
const LICENCE_ZONE = 'Europe/Prague';
const AFFILBOX_KEY = 'sandbox-key';
const AFFELIOS_KEY = 'affelios-sandbox-key';
/** The instance number the AffilBox sandbox's API v2 takes as the Basic user (its default). */
const AFFILBOX_V2_INSTANCE = '1234';
/** The ids the sandbox credentials are imported with (workflows and the browser test name them). */
const CREDENTIAL_IDS = {
	affilbox: 'affilboxSandbox',
	affilboxV2: 'affilboxSandboxV2',
	affelios: 'affeliosSandbox',
};
/** Their names in n8n (what the editor's credential lists and `npm start` show). */
const CREDENTIAL_NAMES = {
	affilbox: 'AffilBox sandbox',
	affilboxV2: 'AffilBox sandbox (API v2)',
	affelios: 'Affelios sandbox',
};

/**
 * The AffilBox sandbox's seed is dated relative to the day it starts (its newest date is
 * yesterday), so the demo always has recent conversions: the Conversion picker's list and the
 * triggers' lookback windows are not empty. `datesMovedBy` says by how many days the seed moved.
 * @param {{ affilboxPort?: number, affeliosPort?: number, verbose?: boolean }} [ports] 0 or none:
 *   any free port; `verbose`: the AffilBox sandbox logs each call's method (tests count polls by it)
 */
async function startSandboxes(ports = {}) {
	const started = await startSandbox('affilbox', {
		port: String(ports.affilboxPort ?? 0),
		args: [
			'--key',
			AFFILBOX_KEY,
			'--time-zone',
			LICENCE_ZONE,
			'--dates',
			'recent',
			...(ports.verbose ? ['--verbose'] : []),
		],
	});
	const moved = /seed dates moved by (-?\d+) days/.exec(started.output());
	if (!moved)
		throw new Error(`the AffilBox sandbox did not say how it dated its seed:\n${started.output()}`);
	const affilbox = { ...started, datesMovedBy: Number(moved[1]) };
	const affelios = await startSandbox('affelios', {
		port: String(ports.affeliosPort ?? 0),
		args: ['--key', AFFELIOS_KEY],
	});
	return { affilbox, affelios };
}

/**
 * The credential "AffilBox sandbox", in n8n's export format with plain `data` (n8n encrypts it on
 * import). @param {string} url @param {string} [key] the key the sandbox was started with
 */
function affilBoxSandboxCredential(url, key = AFFILBOX_KEY) {
	return {
		id: CREDENTIAL_IDS.affilbox,
		name: CREDENTIAL_NAMES.affilbox,
		type: 'affilBoxApi',
		data: { apiUrl: url, apiKey: key, timeZone: LICENCE_ZONE },
	};
}

/**
 * The credential "AffilBox sandbox (API v2)" (type AffilBox V2 API) against the same sandbox's API v2,
 * which lives beside its XML API (`http://127.0.0.1:PORT/v2`), as above.
 * @param {string} url the sandbox's XML API URL @param {string} [key]
 */
function affilBoxSandboxV2Credential(url, key = AFFILBOX_KEY) {
	return {
		id: CREDENTIAL_IDS.affilboxV2,
		name: CREDENTIAL_NAMES.affilboxV2,
		type: 'affilBoxApiV2Api',
		data: {
			instanceNumber: AFFILBOX_V2_INSTANCE,
			apiKey: key,
			apiUrl: `${new URL(url).origin}/v2`,
			timeZone: LICENCE_ZONE,
		},
	};
}

/** The credential "Affelios sandbox", as above. @param {string} url @param {string} [key] */
function affeliosSandboxCredential(url, key = AFFELIOS_KEY) {
	return {
		id: CREDENTIAL_IDS.affelios,
		name: CREDENTIAL_NAMES.affelios,
		type: 'affeliosApi',
		data: { apiKey: key, baseUrl: url, authorizationHeader: 'none' },
	};
}

/**
 * The credentials of the sandboxes: AffilBox's XML API and its API v2, and Affelios.
 * @param {{ affilbox: { url: string }, affelios: { url: string } }} sandboxes
 * @param {{ affilbox: string, affelios: string }} [keys] the keys the sandboxes were started with
 */
function sandboxCredentials(sandboxes, keys = { affilbox: AFFILBOX_KEY, affelios: AFFELIOS_KEY }) {
	return [
		affilBoxSandboxCredential(sandboxes.affilbox.url, keys.affilbox),
		affilBoxSandboxV2Credential(sandboxes.affilbox.url, keys.affilbox),
		affeliosSandboxCredential(sandboxes.affelios.url, keys.affelios),
	];
}

/**
 * Packs both packages into `folder`, sets up n8n's user folder there (`<folder>/user`) with both
 * installed, and imports the sandbox credentials (AffilBox XML and API v2, Affelios).
 * @param {{ runtime: { node: string, n8n: string }, folder: string, port: number, brokerPort: number, payoutDir: string, sandboxes: { affilbox: { url: string }, affelios: { url: string } } }} options
 */
async function prepareInstance(options) {
	fs.mkdirSync(options.folder, { recursive: true });
	fs.mkdirSync(options.payoutDir, { recursive: true });
	const tarballs = packPackages(options.folder);
	const n8n = createInstance({
		runtime: options.runtime,
		userFolder: path.join(options.folder, 'user'),
		port: options.port,
		brokerPort: options.brokerPort,
		timeZone: LICENCE_ZONE,
		extraEnv: { N8N_RESTRICT_FILE_ACCESS_TO: options.payoutDir },
	});
	n8n.installPackages(tarballs);
	await n8n.importCredentials(sandboxCredentials(options.sandboxes));
	return n8n;
}

module.exports = {
	startSandboxes,
	prepareInstance,
	sandboxCredentials,
	affilBoxSandboxV2Credential,
	affeliosSandboxCredential,
	LICENCE_ZONE,
	AFFILBOX_KEY,
	AFFELIOS_KEY,
	AFFILBOX_V2_INSTANCE,
	CREDENTIAL_IDS,
	CREDENTIAL_NAMES,
};
