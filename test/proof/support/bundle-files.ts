import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/** The entries of a zip of stored entries (what the portal writes), read from its central directory. */
export function unzipStored(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n += 1) {
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (zip.readUInt16LE(at + 10) !== 0) throw new Error(`${name} is compressed`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    files.set(name, zip.subarray(start, start + size));
    at += 46 + nameLength + skip;
  }
  return files;
}

/** Writes the bundle's files into a new folder, as someone who unzipped it has them. */
export function extract(files: Map<string, Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mdr-bundle-'));
  for (const [path, data] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

/** A copy of an extracted bundle to tamper with. */
export function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'mdr-bundle-tampered-'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

export function filesOf(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** `node verify.mjs <target> [args]` with the verifier at `verifier` (the bundle's own copy). */
export function runVerifier(
  verifier: string,
  target: string,
  args: string[] = [],
  env: Record<string, string> = {},
  wrapper: string[] = [],
): SpawnSyncReturns<string> {
  const command = [...wrapper, process.execPath, verifier, target, ...args];
  return spawnSync(command[0], command.slice(1), {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 60_000,
  });
}
