
/* global console, process, readZip, verifyBundle -- appended to verify-core.mjs in verify.mjs */
// ---- the command line (Node 20 or later) -----------------------------------------------------
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function readFolder(root) {
  const files = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(root);
  return files;
}

async function main(argv) {
  const args = [...argv];
  const statements = [];
  let trustedKeys;
  let bundle;
  while (args.length > 0) {
    const arg = args.shift();
    if (arg === '--statement') statements.push(readFileSync(args.shift(), 'utf8'));
    else if (arg === '--keys') trustedKeys = JSON.parse(readFileSync(args.shift(), 'utf8')).keys;
    else bundle = arg;
  }
  if (!bundle) {
    console.error('Usage: node verify.mjs <bundle.zip | unzipped folder> [--statement kept-statement.json]… [--keys well-known-keys.json]');
    return 2;
  }
  const files = statSync(bundle).isDirectory() ? readFolder(bundle) : await readZip(new Uint8Array(readFileSync(bundle)));
  const result = await verifyBundle(files, { statements, trustedKeys });
  for (const check of result.checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`);
  console.log(result.ok ? 'VERIFIED: every check passed' : 'NOT VERIFIED: the check above failed');
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(`NOT VERIFIED: ${error.message}`);
  process.exit(1);
});
