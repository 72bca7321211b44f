// Loads each native addon the portal uses in a child process, so that a binary this Node.js
// cannot load is named instead of killing the test runner with a bare "Segmentation fault".
// (argon2 0.45 ships prebuilds that declare N-API 10; Node.js 20 offers 9 and crashes loading them.)
const { spawnSync } = require('node:child_process');

const addons = [
  ['argon2', "require('argon2').hash('probe').then(() => process.exit(0))"],
  [
    '@swc/core',
    "require('@swc/core').transformSync('const a: number = 1', { jsc: { parser: { syntax: 'typescript' } } })",
  ],
  ['msgpackr', "require('msgpackr').pack({ probe: 1 })"],
];

let failed = 0;
for (const [name, probe] of addons) {
  const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  if (run.status === 0) continue;
  failed += 1;
  const how = run.signal ? `was killed by ${run.signal}` : `exited with ${run.status}`;
  console.error(
    `native addon check: loading ${name} ${how} on Node.js ${process.version} (N-API ${process.versions.napi}).` +
      ` Its binary does not suit this runtime; pin a version whose prebuilt binary does.\n${run.stderr.trim()}`,
  );
}
if (failed > 0) process.exit(1);
console.log(
  `native addon check: ${addons.map(([name]) => name).join(', ')} load on Node.js ${process.version}`,
);
