/** The queue-mode run (npm run test:e2e:queue): n8n main + workers, Redis, PostgreSQL. */
const e2e = require('./jest.e2e.config');

module.exports = {
	...e2e,
	testMatch: ['**/queue.e2e.test.js'],
	testPathIgnorePatterns: [],
	testTimeout: 900000,
};
