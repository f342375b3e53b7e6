/** Jest runs the TypeScript sources through ts-jest (transpile only: `npm run typecheck` checks types). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	reporters: ['default', '<rootDir>/test/support/setup/summaryReporter.js'],
	setupFiles: ['<rootDir>/test/support/setup/env.js'],
	// n8n-core leaves timers (expression sandbox, logger) running after a workflow ends.
	forceExit: true,
	testTimeout: 30000,
};
