import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { ConfigError } from '../config/app-config';

/** Permission bits that let anyone but the owner read, write or enter. */
const OPEN_TO_OTHERS = 0o077;
const SHOWN_AT_MOST = 5;

interface OpenEntry {
  path: string;
  mode: number;
  foreignOwner: boolean;
}

/** Every directory and file under `root` (itself included); symbolic links are not followed. */
async function* entriesUnder(
  root: string,
): AsyncGenerator<{ path: string; isDirectory: boolean; mode: number; uid: number }> {
  const stats = await lstat(root);
  if (stats.isSymbolicLink()) return;
  yield { path: root, isDirectory: stats.isDirectory(), mode: stats.mode, uid: stats.uid };
  if (!stats.isDirectory()) return;
  for (const name of await readdir(root)) yield* entriesUnder(join(root, name));
}

function currentUid(): number | null {
  return typeof process.getuid === 'function' ? process.getuid() : null;
}

/**
 * Embedded mode keeps the whole database, the session secret and the demo password in DATA_DIR,
 * so nobody but the owner may read or change anything in it (directories 0700, files 0600).
 * Creates the folder privately when it is missing; makes every file this process creates from
 * now on private (umask 077); refuses to go on, naming DATA_DIR and what is open, when anything
 * already there is readable or writable by others or belongs to another user. It does not repair
 * such a folder itself: someone may have changed the database through the opening, and the
 * owner should look before running the chmod the message gives.
 */
export async function ensurePrivateDataDir(dataDir: string): Promise<void> {
  process.umask(0o077);
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const uid = currentUid();
  const open: OpenEntry[] = [];
  let count = 0;
  for await (const entry of entriesUnder(root)) {
    const foreignOwner = uid !== null && entry.uid !== uid;
    if ((entry.mode & OPEN_TO_OTHERS) !== 0 || foreignOwner) {
      count += 1;
      if (open.length < SHOWN_AT_MOST)
        open.push({ path: entry.path, mode: entry.mode & 0o777, foreignOwner });
    }
  }
  if (count === 0) return;
  const shown = open
    .map(
      (e) =>
        `${relative(root, e.path) || '.'} (${e.foreignOwner ? 'owned by another user' : `mode ${e.mode.toString(8).padStart(4, '0')}`})`,
    )
    .join(', ');
  throw new ConfigError(
    'DATA_DIR',
    `(${root}) must be private to the user running the portal (directories 0700, files 0600), but ${count} ` +
      `entr${count === 1 ? 'y is' : 'ies are'} open to others or owned by someone else: ${shown}${count > open.length ? ', …' : ''}. ` +
      `Check that nobody changed them, then run: chmod -R go-rwx '${root}' (and chown -R to this user if needed)`,
  );
}

/**
 * Removes group and other permissions from everything under `dir`: PGlite's first start writes
 * its initial database files world-writable (0666) whatever the umask, so they are made private
 * right after it created them (later files follow the umask).
 */
export async function makePrivate(dir: string): Promise<void> {
  for await (const entry of entriesUnder(resolve(dir))) {
    if ((entry.mode & OPEN_TO_OTHERS) !== 0) await chmod(entry.path, entry.mode & 0o700);
  }
}
