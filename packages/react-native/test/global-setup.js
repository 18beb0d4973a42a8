// Starts the built Herald server (`npm test` builds it first) on an ephemeral port with its own
// SQLite data directory, as an operator would, and hands its URL and admin key to the tests.
const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const MASTER_KEY = 'react-native-test-master-key';

module.exports = async function globalSetup() {
  const main = join(__dirname, '../../server/dist/main.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-rn-'));
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      HERALD_DATA_DIR: dataDir,
      HERALD_MASTER_KEY: MASTER_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk) => {
      // Read for as long as it runs (a full pipe would stall it); keep only the recent output.
      output = (output + chunk.toString()).slice(-20_000);
      const match = /Herald is listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
  });
  globalThis.__heraldServer = child;
  process.env.HERALD_TEST_URL = url;
  process.env.HERALD_TEST_MASTER_KEY = MASTER_KEY;
};
