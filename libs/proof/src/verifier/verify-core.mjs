/* global TextEncoder, TextDecoder, atob, crypto, Blob, DecompressionStream, Response -- Web APIs of both Node 20 and browsers */
// The completion bundle's verifier: plain JavaScript with no dependency and no network, the same
// code in `verify.mjs` (Node) and `verify.html` (a browser, from the file system). It uses only
// the Web Crypto API (SHA-256, Ed25519) that both provide. It trusts nothing in the bundle
// that it can check: every file against the signed manifest, every audit record against the one
// before it, every checkpoint against its signature and Merkle root, and, given the statements a
// customer kept, the chain against each of them. It names each thing checked and the first that
// fails.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const GENESIS = '0'.repeat(64);

export const BUNDLE_FORMAT = 'mdr-portal/completion-bundle/v1';

// ---- bytes and hashes ------------------------------------------------------------------------

function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text) {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) throw new Error(`not hexadecimal: ${text.slice(0, 16)}…`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function fromBase64(text) {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

async function ed25519Verify(publicKeyBase64, signatureBase64, message) {
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64(publicKeyBase64), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(signatureBase64), message);
  } catch {
    return false;
  }
}

/** JSON with object keys sorted at every depth (the portal's canonical form). */
export function canonicalJson(value) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out = {};
      for (const key of Object.keys(v).sort()) if (v[key] !== undefined) out[key] = sort(v[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

// ---- zip (what the portal writes: stored entries; deflated ones where the runtime inflates) ----

async function inflateRaw(bytes) {
  if (typeof DecompressionStream === 'undefined') throw new Error('this runtime cannot inflate: unzip the bundle and verify the folder');
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The files of a zip archive, by path. */
export async function readZip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i -= 1) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map();
  for (let n = 0; n < count; n += 1) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(dataStart, dataStart + size);
    if (method === 0) files.set(name, data);
    else if (method === 8) files.set(name, await inflateRaw(data));
    else throw new Error(`zip entry ${name} uses compression method ${method}`);
  }
  return files;
}

// ---- the audit chain ---------------------------------------------------------------------------

/** What a record's hash covers (the portal's audit-hash.ts). */
function hashedContent(r) {
  return {
    chain: r.chain, chainSeq: r.chainSeq, occurredAt: r.occurredAt, actorUserId: r.actorUserId, actorOrganisationId: r.actorOrganisationId,
    actorIp: r.actorIp, actorUserAgent: r.actorUserAgent, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId,
    organisationId: r.organisationId, engagementId: r.engagementId, changes: r.changes,
  };
}

export async function auditHash(record, prevHash) {
  return hex(await sha256(encoder.encode(`${prevHash}\n${canonicalJson(hashedContent(record))}`)));
}

// ---- Merkle tree (RFC 6962) --------------------------------------------------------------------

async function leafHash(leaf) {
  return sha256(concat(new Uint8Array([0]), encoder.encode(canonicalJson({ chain: leaf.chain, hash: leaf.hash, seq: leaf.seq }))));
}

/** The root from a leaf and its audit path (RFC 9162 §2.1.3.2); null when the path cannot fit. */
export async function rootFromProof(leaf, index, treeSize, path) {
  if (!Number.isInteger(index) || index < 0 || index >= treeSize) return null;
  let fn = index;
  let sn = treeSize - 1;
  let r = await leafHash(leaf);
  for (const step of path) {
    const p = fromHex(step);
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(concat(new Uint8Array([1]), p, r));
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = await sha256(concat(new Uint8Array([1]), r, p));
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? hex(r) : null;
}

// ---- checks ------------------------------------------------------------------------------------

class Failure extends Error {}

/**
 * Verifies a bundle given as a Map of path → bytes (a read zip, or a folder's files).
 * `statements`: checkpoint statements the customer kept (objects, JSON text or the mailed code).
 * `trustedKeys`: keys obtained outside the bundle (the portal's well-known list), optional.
 * Returns { ok, checks: [{ name, ok, detail }] }: every check passed, then the first that failed.
 */
export async function verifyBundle(files, options = {}) {
  const checks = [];
  const pass = (name, detail = '') => checks.push({ name, ok: true, detail });
  const must = (condition, name, detail) => {
    if (!condition) {
      checks.push({ name, ok: false, detail });
      throw new Failure(detail);
    }
  };
  const json = (path) => {
    const bytes = files.get(path);
    must(bytes !== undefined, `${path} is present`, `the bundle has no ${path}`);
    try {
      return JSON.parse(decoder.decode(bytes));
    } catch (error) {
      must(false, `${path} is readable`, `${path} is not valid JSON: ${error.message}`);
    }
  };
  try {
    const manifestBytes = files.get('manifest.json');
    must(manifestBytes !== undefined, 'the manifest is present', 'the bundle has no manifest.json');
    const manifest = json('manifest.json');
    must(manifest.format === BUNDLE_FORMAT, 'the bundle format is known', `unknown bundle format ${JSON.stringify(manifest.format)}`);
    const signature = json('manifest.sig.json');
    const keyList = json('keys.json');
    const keys = new Map((keyList.keys ?? []).map((k) => [k.keyId, k]));

    // The key: listed in the bundle, and, where keys from elsewhere are given, among them too.
    const key = keys.get(signature.keyId);
    must(key !== undefined, `the manifest's key ${signature.keyId} is known`, `unknown key ${signature.keyId}: the bundle lists no such key`);
    const trusted = options.trustedKeys ? new Map(options.trustedKeys.map((k) => [k.keyId, k])) : null;
    if (trusted) {
      const outside = trusted.get(key.keyId);
      must(outside !== undefined && outside.publicKey === key.publicKey, `key ${key.keyId} is one the portal publishes`,
        `unknown key ${key.keyId}: it is not among the keys given with --keys`);
    }
    pass(`the manifest's key ${key.keyId} is known`, trusted ? 'also among the keys given with --keys' : 'listed in the bundle only: compare it with the key printed on the certificate, or pass --keys (the portal\'s published keys) or --statement');
    must(await ed25519Verify(key.publicKey, signature.signature, manifestBytes), 'the manifest signature is valid',
      `wrong signature: manifest.sig.json does not verify with key ${key.keyId} (the manifest or its signature was changed)`);
    pass('the manifest signature is valid', `Ed25519, key ${key.keyId}`);

    // Every file, byte for byte; nothing added that the manifest does not list.
    const listed = new Set(['manifest.json', 'manifest.sig.json']);
    for (const file of manifest.files) {
      listed.add(file.path);
      const bytes = files.get(file.path);
      must(bytes !== undefined, `${file.path} is present`, `${file.path} is missing from the bundle`);
      const digest = hex(await sha256(bytes));
      must(digest === file.sha256, `${file.path} is unchanged`, `${file.path} was changed: its SHA-256 is ${digest}, the manifest says ${file.sha256}`);
      pass(`${file.path} is unchanged`, `SHA-256 ${digest}`);
    }
    for (const path of files.keys()) must(listed.has(path), `${path} is listed`, `${path} is in the bundle but not in the signed manifest (added)`);

    // The engagement's audit chain, record by record from #1.
    const chain = json(manifest.auditChain.path);
    must(Array.isArray(chain.records) && chain.records.length > 0, 'the audit chain has records', 'the audit chain holds no records');
    let previous = GENESIS;
    const hashAt = new Map();
    for (const [index, record] of chain.records.entries()) {
      const position = String(index + 1);
      const where = `audit record #${position}`;
      must(record.chain === manifest.auditChain.chain, `${where} belongs to the chain`, `${where} belongs to ${record.chain}, not ${manifest.auditChain.chain} (inserted)`);
      must(record.chainSeq === position, `${where} is in place`,
        `audit record #${position} is missing or out of order: found #${record.chainSeq} there (removed, reordered or inserted)`);
      must(record.prevHash === previous, `${where} follows #${index}`,
        `audit record #${position} does not follow #${index} (removed, reordered or inserted before it)`);
      const digest = await auditHash(record, previous);
      must(digest === record.hash, `${where} is unchanged`, `audit record #${position} (${record.action}) was altered: its content no longer matches its hash`);
      hashAt.set(position, record.hash);
      previous = record.hash;
    }
    const last = chain.records[chain.records.length - 1];
    must(last.chainSeq === manifest.auditChain.headSeq && last.hash === manifest.auditChain.headHash, 'the audit chain ends where the manifest says',
      `the audit chain ends at #${last.chainSeq}, the manifest says #${manifest.auditChain.headSeq} (records removed from its end)`);
    pass('the audit chain is whole', `${chain.records.length} records, #1 to #${last.chainSeq}, each linked to the one before`);

    // The checkpoints: signed by a known key, the chain's head a leaf of the signed root, and the
    // chain extends each of them.
    const checkStatement = async (statement, label) => {
      const checkpoint = statement.checkpoint;
      const signer = keys.get(checkpoint.keyId) ?? (trusted ? trusted.get(checkpoint.keyId) : undefined);
      must(signer !== undefined, `${label}: its key is known`, `${label}: unknown key ${checkpoint.keyId}`);
      if (statement.key) must(statement.key.publicKey === signer.publicKey, `${label}: its key matches`, `${label}: unknown key: the statement's key ${checkpoint.keyId} differs from the one the bundle lists`);
      const { signature: checkpointSignature, ...message } = checkpoint;
      must(await ed25519Verify(signer.publicKey, checkpointSignature, encoder.encode(canonicalJson(message))), `${label}: its signature is valid`,
        `${label}: wrong signature on the checkpoint (it was not signed by key ${checkpoint.keyId}, or was changed)`);
      must(statement.chain === manifest.auditChain.chain, `${label}: it is about this chain`, `${label}: it is about ${statement.chain}, not ${manifest.auditChain.chain}`);
      const root = await rootFromProof({ chain: statement.chain, seq: statement.head.seq, hash: statement.head.hash }, statement.inclusion.leafIndex, checkpoint.treeSize, statement.inclusion.auditPath);
      must(root === checkpoint.root, `${label}: the chain head is in its signed root`, `${label}: the chain head #${statement.head.seq} is not in the checkpoint's signed root (Merkle proof fails)`);
      if (BigInt(statement.head.seq) > BigInt(last.chainSeq)) {
        pass(`${label}: signed and proven`, `its head #${statement.head.seq} is later than this bundle's chain (#${last.chainSeq}); not compared`);
        return;
      }
      const here = hashAt.get(statement.head.seq);
      must(here === statement.head.hash, `${label}: the chain extends it`,
        `${label}: the chain does not extend this checkpoint: record #${statement.head.seq} has hash ${here}, the checkpoint signed ${statement.head.hash} (history rewritten)`);
      pass(`${label}: the chain extends it`, `signed ${checkpoint.issuedAt} by key ${checkpoint.keyId}; record #${statement.head.seq} matches`);
    };
    const checkpoints = json(manifest.checkpoints.path);
    must(checkpoints.length > 0, 'a checkpoint covers the chain', 'no checkpoint covers the audit chain');
    for (const statement of checkpoints) await checkStatement(statement, `checkpoint ${statement.checkpoint.id}`);

    for (const [index, raw] of (options.statements ?? []).entries()) {
      let statement;
      try {
        statement = parseStatement(raw);
      } catch (error) {
        must(false, `your statement ${index + 1} is readable`, `your statement ${index + 1} is not a checkpoint statement: ${error.message}`);
      }
      await checkStatement(statement, `your statement ${index + 1} (checkpoint ${statement.checkpoint.id})`);
    }
    return { ok: true, checks, manifest };
  } catch (error) {
    if (!(error instanceof Failure)) checks.push({ name: 'the bundle can be read', ok: false, detail: error.message });
    return { ok: false, checks };
  }
}

/** A statement as kept: its JSON (object or text), or the code printed in the mail. */
export function parseStatement(raw) {
  if (typeof raw === 'object' && raw !== null) return raw;
  const text = String(raw).trim();
  const statement = JSON.parse(text.startsWith('{') ? text : decoder.decode(fromBase64(text)));
  if (statement.type !== 'mdr-portal/checkpoint-statement/v1') throw new Error('not a checkpoint statement');
  return statement;
}
