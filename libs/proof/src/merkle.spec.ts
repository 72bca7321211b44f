import { ChainLeaf, inclusionProof, merkleRoot, rootFromProof, sortLeaves } from './merkle';

const leaves = (n: number): ChainLeaf[] =>
  sortLeaves(
    Array.from({ length: n }, (_, i) => ({
      chain: `engagement:${String(i).padStart(3, '0')}`,
      seq: String(i + 1),
      hash: String(i % 10).repeat(64),
    })),
  );

describe('Merkle tree over chain heads (RFC 6962)', () => {
  it('proves every leaf of trees of every size up to 20', () => {
    for (let n = 1; n <= 20; n += 1) {
      const tree = leaves(n);
      const root = merkleRoot(tree);
      tree.forEach((leaf, index) => {
        expect(rootFromProof(leaf, index, n, inclusionProof(tree, index))).toBe(root);
      });
    }
  });

  it('fails a changed leaf, a wrong index and a truncated path', () => {
    const tree = leaves(7);
    const root = merkleRoot(tree);
    const proof = inclusionProof(tree, 3);
    expect(rootFromProof({ ...tree[3], seq: '99' }, 3, 7, proof)).not.toBe(root);
    expect(rootFromProof(tree[3], 2, 7, proof)).not.toBe(root);
    expect(rootFromProof(tree[3], 3, 7, proof.slice(1))).not.toBe(root);
  });

  it('has the empty tree hash of RFC 6962', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
