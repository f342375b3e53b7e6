/** End-to-end runs inside a real n8n (npm run test:e2e): slow, sequential, plain JS. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	// Its own run: npm run test:e2e:queue (jest.e2e.queue.config.js).
	testPathIgnorePatterns: ['/node_modules/', '/queue\\.e2e\\.test\\.js$'],
	// Installs the n8n under test (N8N_VERSION) before any suite: suites read what it offers.
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
	reporters: ['default', '<rootDir>/test/support/setup/summaryReporter.js'],
	testTimeout: 300000,
	maxWorkers: 1,
};
