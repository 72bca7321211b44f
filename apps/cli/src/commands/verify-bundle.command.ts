import { verifierCorePath } from '@app/authorisation/completion-bundle/verifier-files';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The bundle's own verifier (verify-core.mjs): the same code `node verify.mjs` runs. */
interface VerifierCore {
  readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>>;
  verifyBundle(
    files: Map<string, Uint8Array>,
    options: { statements?: string[]; trustedKeys?: unknown[] },
  ): Promise<{ ok: boolean; checks: Check[] }>;
}

function readFolder(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), new Uint8Array(readFileSync(path)));
    }
  };
  walk(root);
  return files;
}

/**
 * `verify-bundle <bundle.zip | folder> [--statement file]… [--keys file]`: checks a completion
 * bundle offline with the verifier the bundle ships (no database). Exit 0 when every check
 * passed, 1 naming the first that failed, 2 for bad arguments.
 */
export async function verifyBundleCommand(args: string[]): Promise<number> {
  const statements: string[] = [];
  let trustedKeys: unknown[] | undefined;
  let bundle: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--statement') statements.push(readFileSync(args[++i], 'utf8'));
    else if (args[i] === '--keys')
      trustedKeys = (JSON.parse(readFileSync(args[++i], 'utf8')) as { keys: unknown[] }).keys;
    else bundle = args[i];
  }
  if (!bundle) {
    console.error(
      'Usage: npm run cli -- verify-bundle <bundle.zip | folder> [--statement file]… [--keys file]',
    );
    return 2;
  }
  // Node ≥ 20.19 loads an ES module (without top-level await) through require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an .mjs file, found at run time
  const core = require(verifierCorePath()) as VerifierCore;
  const files = statSync(bundle).isDirectory()
    ? readFolder(bundle)
    : await core.readZip(new Uint8Array(readFileSync(bundle)));
  const result = await core.verifyBundle(files, { statements, trustedKeys });
  for (const check of result.checks)
    console.log(
      `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? ` — ${check.detail}` : ''}`,
    );
  console.log(result.ok ? 'VERIFIED: every check passed' : 'NOT VERIFIED: the check above failed');
  return result.ok ? 0 : 1;
}
