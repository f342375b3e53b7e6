// Plain JS on purpose: environment setup needs `process`, which the n8n lint forbids in .ts files.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core reads its instance settings from the user folder: give every test run a private one.
if (!process.env.N8N_USER_FOLDER_FIXED) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-affiliate-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
