import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/audit/canonical-json';

/** One chain's head as a checkpoint commits to it. */
export interface ChainLeaf {
  chain: string;
  seq: string;
  hash: string;
}

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** RFC 6962 §2.1: leaves and inner nodes are hashed with different prefixes (0x00, 0x01). */
function leafHash(leaf: ChainLeaf): Buffer {
  return sha256(
    Buffer.from([0]),
    Buffer.from(canonicalJson({ chain: leaf.chain, hash: leaf.hash, seq: leaf.seq }), 'utf8'),
  );
}

const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function root(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return sha256();
  if (hashes.length === 1) return hashes[0];
  const k = split(hashes.length);
  return nodeHash(root(hashes.slice(0, k)), root(hashes.slice(k)));
}

/** Leaves in one order for everyone: by chain name, compared code unit by code unit. */
export function sortLeaves(leaves: ChainLeaf[]): ChainLeaf[] {
  return [...leaves].sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
}

/** MTH of RFC 6962 over the leaves as given (sort them first), hex. */
export function merkleRoot(leaves: ChainLeaf[]): string {
  return root(leaves.map(leafHash)).toString('hex');
}

function path(index: number, hashes: Buffer[]): Buffer[] {
  if (hashes.length <= 1) return [];
  const k = split(hashes.length);
  return index < k
    ? [...path(index, hashes.slice(0, k)), root(hashes.slice(k))]
    : [...path(index - k, hashes.slice(k)), root(hashes.slice(0, k))];
}

/** The audit path (RFC 6962 §2.1.1) proving leaf `index` is in the tree, hex, bottom up. */
export function inclusionProof(leaves: ChainLeaf[], index: number): string[] {
  return path(index, leaves.map(leafHash)).map((h) => h.toString('hex'));
}

/** Recomputes the root from a leaf and its audit path (RFC 9162 §2.1.3.2). */
export function rootFromProof(
  leaf: ChainLeaf,
  index: number,
  treeSize: number,
  proof: string[],
): string | null {
  if (index < 0 || index >= treeSize) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash(leaf);
  for (const hex of proof) {
    const p = Buffer.from(hex, 'hex');
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r.toString('hex') : null;
}
