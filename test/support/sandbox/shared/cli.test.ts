import { parseArgs } from './cli';

const DEFAULTS = { port: 8081, key: 'k' };
const OWN = {
	'--time-zone': { name: 'timeZone', default: 'Europe/Prague' },
	'--seed': { name: 'seed' },
};

describe('shared sandbox command line', () => {
	it('has defaults for every flag', () => {
		expect(parseArgs([], DEFAULTS, OWN)).toEqual({
			port: 8081,
			host: '127.0.0.1',
			key: 'k',
			verbose: false,
			timeZone: 'Europe/Prague',
			seed: undefined,
		});
	});

	it('reads values after the flag or after `=`, and the sandbox’s own flags', () => {
		expect(
			parseArgs(
				[
					'--port=0',
					'--host',
					'::1',
					'--key=a=b',
					'--seed',
					's.json',
					'--time-zone=UTC',
					'--verbose',
				],
				DEFAULTS,
				OWN,
			),
		).toEqual({
			port: 0,
			host: '::1',
			key: 'a=b',
			verbose: true,
			timeZone: 'UTC',
			seed: 's.json',
		});
	});

	it('refuses bad ports, missing values and flags the sandbox does not have', () => {
		expect(() => parseArgs(['--port', '65536'], DEFAULTS)).toThrow('--port must be 0..65535');
		expect(() => parseArgs(['--port', '1.5'], DEFAULTS)).toThrow('--port must be 0..65535');
		expect(() => parseArgs(['--key'], DEFAULTS)).toThrow('--key needs a value');
		expect(() => parseArgs(['--host='], DEFAULTS)).toThrow('--host needs a value');
		expect(() => parseArgs(['--seed', 'x'], DEFAULTS)).toThrow('unknown argument: --seed');
	});
});
