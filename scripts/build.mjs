/* global process, console */
// `npm run build`: compiles only what changed since the last build, then rewrites the path
// aliases (@app/...) of the emitted files. tsc's build mode decides from the files' times and
// dist/.tsbuildinfo whether anything needs compiling at all, so a build with nothing changed
// takes about a second; a clean clone (no dist) compiles everything as before.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const project = join(root, 'tsconfig.build.json');
const buildInfo = join(root, 'dist', '.tsbuildinfo');
// The build whose aliases are rewritten, so an interrupted rewrite is done again next time.
const aliasedMarker = join(root, 'dist', '.aliased');

const stamp = () => (existsSync(buildInfo) ? String(statSync(buildInfo).mtimeMs) : '');

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', project], {
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// Plain CommonJS files beside the compiled code that loads them by path, and the JSON files tsc
// emitted refreshed when their source changed (scripts/copy-changed-assets.cjs).
const { copyChangedAssets } = require('./copy-changed-assets.cjs');
for (const folder of ['apps', 'libs'])
  copyChangedAssets(join(root, folder), join(root, 'dist', folder));

const built = stamp();
const aliased = existsSync(aliasedMarker) ? readFileSync(aliasedMarker, 'utf8') : '';
if (built !== '' && built === aliased) process.exit(0);

const { prepareSingleFileReplaceTscAliasPaths } = require('tsc-alias');
const since = aliased === '' ? 0 : Number(aliased.split(' ')[0]);
const replace = await prepareSingleFileReplaceTscAliasPaths({ configFile: project });
let rewritten = 0;
for (const file of emittedSince(join(root, 'dist'), since)) {
  const text = readFileSync(file, 'utf8');
  const result = replace({ fileContents: text, filePath: file });
  if (result !== text) {
    writeFileSync(file, result);
    rewritten += 1;
  }
}
writeFileSync(aliasedMarker, built);
if (process.env.BUILD_VERBOSE) console.log(`build: aliases rewritten in ${rewritten} files`);

/** The .js files under `dir` written after `since` (ms); every one when `since` is 0. */
function* emittedSince(dir, since) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* emittedSince(path, since);
    else if (entry.name.endsWith('.js') && (since === 0 || statSync(path).mtimeMs > since))
      yield path;
  }
}
