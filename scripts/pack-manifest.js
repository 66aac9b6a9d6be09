// The package.json that `npm pack` and `npm publish` put in the tarball, without the `prepare`
// script. A git install needs `prepare` (npm clones the repository and builds lib/ with it), so
// the repository keeps it; a tarball holds lib/ already, and npm (11.x) warns about every
// installed package with a script not covered by the project's allowScripts, `prepare` included.
//
//   node scripts/pack-manifest.js strip     (prepack, after the build) saves package.json beside
//                                           it and removes scripts.prepare
//   node scripts/pack-manifest.js restore   (postpack) puts the saved file back, byte for byte
//
// A pack that failed between the two leaves the saved file: the next strip restores it first.
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Where strip saves the repository's package.json (not in the package: `files` does not list it). */
const SAVED = 'package.json.prepack';

/** Puts the saved package.json back, if a strip saved one; returns whether it did. */
function restore(dir) {
  if (!existsSync(join(dir, SAVED))) return false;
  renameSync(join(dir, SAVED), join(dir, 'package.json'));
  return true;
}

/** Saves package.json and writes it without scripts.prepare, keeping its layout (two spaces, final newline). */
function strip(dir) {
  restore(dir);
  const file = join(dir, 'package.json');
  const text = readFileSync(file, 'utf8');
  const manifest = JSON.parse(text);
  if (!manifest.scripts || manifest.scripts.prepare === undefined) return;
  writeFileSync(join(dir, SAVED), text);
  delete manifest.scripts.prepare;
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

module.exports = { SAVED, restore, strip };

if (require.main === module) {
  const [command] = process.argv.slice(2);
  if (command === 'strip') strip(process.cwd());
  else if (command === 'restore') restore(process.cwd());
  else {
    process.stderr.write('usage: node scripts/pack-manifest.js strip|restore\n');
    process.exitCode = 2;
  }
}
