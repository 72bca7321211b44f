import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '@app/platform';

const CORE = 'verify-core.mjs';

/** The verifier's sources: beside the compiled code when a build copied them, else the source tree. */
function verifierDir(): string {
  const candidates = [join(__dirname, '..', '..', '..', 'proof', 'src', 'verifier')];
  const root = findProjectRoot(__dirname);
  if (root !== null) candidates.push(join(root, 'libs', 'proof', 'src', 'verifier'));
  const found = candidates.find((dir) => existsSync(join(dir, CORE)));
  if (found === undefined)
    throw new Error(`The bundle verifier was not found; looked in ${candidates.join(', ')}`);
  return found;
}

export interface VerifierFiles {
  /** `node verify.mjs bundle.zip`: the core and the command line in one file. */
  script: string;
  /** The same check as a page that works from the file system. */
  page: (language: string) => string;
}

let cached: { core: string; cli: string; page: string } | null = null;

export function verifierFiles(): VerifierFiles {
  if (cached === null) {
    const dir = verifierDir();
    cached = {
      core: readFileSync(join(dir, CORE), 'utf8'),
      cli: readFileSync(join(dir, 'verify-cli.mjs'), 'utf8'),
      page: readFileSync(join(dir, 'verify.html'), 'utf8'),
    };
  }
  const { core, cli, page } = cached;
  return {
    script: `${core}${cli}`,
    // The core goes into the page's module script; `</script` cannot occur in it.
    page: (language) => page.replace('__LANG__', language).replace('/*__VERIFY_CORE__*/', core),
  };
}

/** Where the verifier's core is, for the CLI that runs the same code (`verify-bundle`). */
export function verifierCorePath(): string {
  return join(verifierDir(), CORE);
}
