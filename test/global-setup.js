// aws-cdk-lib's Template.fromStack synthesizes into a new os.tmpdir()/cdk.out* directory each
// time and never removes it. Every test process gets one private TMPDIR, removed at the end.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sovereign-lz-jest-'));
  process.env.SOVEREIGN_LZ_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
