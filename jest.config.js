module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testTimeout: 60_000,
	// The simulator and n8n-core share one process per test file; files run one at a time so
	// the timing-free assertions are not disturbed by a second file's load.
	maxWorkers: 1,
};
