// date-sensitive: the bundle's verifier runs under another clock (faketime) and time zone
import { auditHash, AuditService, canonicalJson } from '@app/audit';
import { SYSTEM_ACTOR } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { CheckpointIntervalHandler, SigningKeys } from '@app/proof';
import { createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { portalAgent, signIn, textOf } from '../portal/portal-client';
import { launchChromium, SCREENSHOTS } from '../support/browser';
import {
  createSakuraOnboarding,
  driveToReady,
  proposeSakuraDocuments,
  sakuraEngagementId,
  Tokens,
} from '../support/onboarding-driver';
import { testClockNow } from '../support/test-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { copyOf, extract, runVerifier, unzipStored } from './support/bundle-files';
import { stepId } from '../collaboration/conversation-driver';

/** What an internal comment and its file say; no bundle may carry any of it. */
const INTERNAL_SECRETS = ['their change board is a rubber stamp', 'board-minutes.pdf'];

interface Check {
  ok: boolean;
  text: string;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The verifier's verdict lines. */
function linesOf(stdout: string): Check[] {
  return stdout
    .split('\n')
    .filter((l) => /^(ok {2}|FAIL) /.test(l))
    .map((l) => ({ ok: l.startsWith('ok'), text: l.slice(5) }));
}

/**
 * The completion bundle: one signed file with every approved and signed document, the evidence,
 * the engagement's audit chain to the service start, the checkpoints it extends, the keys and a
 * verifier that needs nothing of ours. Every kind of tampering is named by the verifier, and the
 * statement the customer kept catches a chain rewritten by someone holding the portal's key.
 */
describe('completion bundle and its offline verifier', () => {
  let t: TestApp;
  let tokens: Tokens;
  let onboardingId: string;
  let engagementId: string;
  let bundle: Buffer;
  let dir: string;
  let verifier: string;
  const work = mkdtempSync(join(tmpdir(), 'mdr-proof-'));

  const download = async (email = 'security@sakura.example') =>
    t
      .http()
      .get(`/api/onboardings/${onboardingId}/completion-bundle`)
      .set('Authorization', await tokens.for(email))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  /** What someone holding the portal's key does after changing a file: a new manifest, re-signed. */
  const resign = (folder: string): void => {
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string; bytes: number }[];
    };
    for (const file of manifest.files) {
      const data = readFileSync(join(folder, file.path));
      file.sha256 = sha256(data);
      file.bytes = data.length;
    }
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(folder, 'manifest.json'), bytes);
    const keys = t.app.get(SigningKeys);
    writeFileSync(
      join(folder, 'manifest.sig.json'),
      JSON.stringify({
        algorithm: 'Ed25519',
        keyId: keys.current.keyId,
        signature: keys.sign(bytes),
      }),
    );
  };

  const chainOf = (folder: string) =>
    JSON.parse(readFileSync(join(folder, 'audit/chain.json'), 'utf8')) as {
      chain: string;
      records: Record<string, unknown>[];
    };
  const writeChain = (folder: string, chain: unknown) =>
    writeFileSync(join(folder, 'audit/chain.json'), JSON.stringify(chain));

  /** The first failure the verifier names for a tampered copy (and that it exits 1). */
  const failureOf = (folder: string, args: string[] = []): string => {
    const result = runVerifier(verifier, folder, args);
    const checks = linesOf(result.stdout);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NOT VERIFIED');
    const failed = checks.filter((c) => !c.ok);
    expect(failed).toHaveLength(1);
    expect(checks[checks.length - 1]).toBe(failed[0]);
    return failed[0].text;
  };

  beforeAll(async () => {
    // The statement mail goes to the dev mailbox (no SMTP_URL), as the domain-permission driver needs.
    t = await startTestApp({ seed: true, withWorker: true });
    tokens = new Tokens(t);
    engagementId = await sakuraEngagementId(t, tokens);
    onboardingId = await createSakuraOnboarding(t, tokens, '2027-06-01');
    await proposeSakuraDocuments(t, tokens, engagementId);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers 409 before the service starts', async () => {
    const response = await download();
    expect(response.status).toBe(409);
  });

  it('signs a checkpoint at the service start and mails its statement to the security lead', async () => {
    // An internal comment with a file before the start: its records are in the bundled chain.
    const step = await stepId(t, onboardingId, 'service_agreement');
    await t
      .http()
      .post(`/api/engagements/${engagementId}/conversations/step/${step}`)
      .set('Authorization', await tokens.for('analyst@mdr.example'))
      .field('body', `Internal: ${INTERNAL_SECRETS[0]}`)
      .field('visibility', 'internal')
      .attach('file', Buffer.from('%PDF-1.7\n%%EOF\n'), INTERNAL_SECRETS[1]!)
      .expect(201);
    await driveToReady(t, tokens, onboardingId, engagementId);
    await t
      .http()
      .post(`/api/onboardings/${onboardingId}/start-service`)
      .set('Authorization', await tokens.for('lead@mdr.example'))
      .expect(201);
    const [start] = await t.dataSource.query(
      `SELECT chain_seq::text AS seq, hash FROM audit_record WHERE chain = $1 AND action = 'onboarding.service_started'`,
      [`engagement:${engagementId}`],
    );
    const list = await t
      .http()
      .get(`/api/engagements/${engagementId}/checkpoints`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      reason: 'service_start',
      chainSeq: start.seq,
      chainHash: start.hash,
    });

    const mail = await (async () => {
      for (let i = 0; i < 200; i += 1) {
        const [found] = (await t.dataSource.query(
          `SELECT "to", subject, text FROM dev_mailbox_message WHERE subject LIKE '%署名付きチェックポイント%' ORDER BY created_at DESC LIMIT 1`,
        )) as { to: string; subject: string; text: string }[];
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('no statement mail arrived');
    })();
    expect(mail.to).toBe('security@sakura.example');
    expect(mail.text).toContain(start.hash);
    // When it was issued, in the security lead's zone (Tokyo), named.
    expect(mail.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2} JST/);
    // The mailed code is the statement itself.
    const code = (mail.text ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /^[A-Za-z0-9_-]{200,}$/.test(l)) as string;
    const statement = JSON.parse(Buffer.from(code, 'base64url').toString('utf8'));
    const served = await t
      .http()
      .get(`/api/engagements/${engagementId}/checkpoints/${list.body.items[0].id}`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    expect(statement).toEqual(served.body);
    writeFileSync(join(work, 'kept-statement.json'), code);
  }, 300_000);

  it('is one zip with a signed manifest that verify.mjs, shipped inside it, verifies offline', async () => {
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    bundle = response.body as Buffer;
    expect(response.headers['x-bundle-sha256']).toBe(sha256(bundle));
    const files = unzipStored(bundle);
    const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}');
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'certificate/completion-certificate.html',
        'certificate/completion-certificate.pdf',
        'evidence/signature-events.json',
        'evidence/domain-confirmation.json',
        'plans/approved-proposals.json',
        'audit/chain.json',
        'audit/checkpoints.json',
        'keys.json',
        'verify.mjs',
        'verify.html',
      ]),
    );
    // Every approved document, as HTML and PDF, whose SHA-256 is what its step was bound to.
    const required: { key: string; content_hash: string | null }[] = await t.dataSource.query(
      `SELECT key, content_hash FROM onboarding_step WHERE onboarding_id = $1 AND key IN ('service_agreement', 'peacetime_runbook', 'incident_runbook')`,
      [onboardingId],
    );
    for (const step of required) {
      const html = paths.find(
        (p: string) => p.endsWith('.html') && sha256(files.get(p) as Buffer) === step.content_hash,
      );
      expect({ step: step.key, html }).toEqual({
        step: step.key,
        html: expect.stringMatching(/^documents\/.+\.html$/),
      });
      expect(paths).toContain(html.replace(/\.html$/, '.pdf'));
    }
    const signed: { id: string; document_sha256: string }[] = await t.dataSource.query(
      `SELECT id, document_sha256 FROM signature_request WHERE onboarding_id = $1 AND status = 'signed'`,
      [onboardingId],
    );
    expect(signed.length).toBeGreaterThan(0);
    for (const s of signed)
      expect(sha256(files.get(`signatures/${s.id}-document.html`) as Buffer)).toBe(
        s.document_sha256,
      );
    const evidence = JSON.parse(files.get('evidence/domain-confirmation.json')?.toString() ?? '{}');
    const confirmed = evidence.confirmations.find(
      (c: { status: string }) => c.status === 'confirmed',
    );
    expect(confirmed).toMatchObject({
      decision: 'confirmed',
      messageId: expect.stringMatching(/^<.+>$/),
      statementSha256: sha256(confirmed.statement),
    });
    const plans = JSON.parse(files.get('plans/approved-proposals.json')?.toString() ?? '[]') as {
      contentHash: string;
      content: unknown;
    }[];
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) expect(plan.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // The chain ends at the service start, where its checkpoint was signed.
    const chain = JSON.parse(files.get('audit/chain.json')?.toString() ?? '{}');
    expect(chain.records.at(-1).action).toBe('onboarding.service_started');
    // The internal comment and its file are there as existence only; nothing of them is.
    const internal = (
      chain.records as { action: string; changes: Record<string, unknown> }[]
    ).filter((r) => r.changes.visibility === 'internal');
    expect(internal.map((r) => r.action)).toEqual([
      'conversation.comment_posted',
      'evidence.uploaded',
    ]);
    for (const record of internal)
      expect(Object.keys(record.changes).sort()).toEqual(['contentSha256', 'visibility']);
    for (const secret of INTERNAL_SECRETS) expect(bundle.includes(secret)).toBe(false);

    dir = extract(files);
    verifier = join(dir, 'verify.mjs');
    writeFileSync(join(work, 'bundle.zip'), bundle);
    const zipped = runVerifier(verifier, join(work, 'bundle.zip'));
    expect(zipped.stderr).toBe('');
    expect(zipped.status).toBe(0);
    expect(zipped.stdout).toContain('VERIFIED: every check passed');
    expect(zipped.stdout).toContain('the manifest signature is valid');
    expect(zipped.stdout).toContain('the audit chain is whole');
    expect(zipped.stdout).toMatch(/checkpoint [0-9a-f-]+: the chain extends it/);
    expect(linesOf(zipped.stdout).every((c) => c.ok)).toBe(true);
    // The unzipped folder verifies the same.
    expect(runVerifier(verifier, dir).status).toBe(0);
  });

  it('verifies on another machine’s clock and time zone, and through npm run cli -- verify-bundle', () => {
    const path = join(work, 'bundle.zip');
    const elsewhere = runVerifier(
      verifier,
      path,
      [],
      { TZ: 'Pacific/Kiritimati', LANG: 'ja_JP.UTF-8' },
      ['faketime', '2031-07-15 23:59:59'],
    );
    expect(elsewhere.stderr).toBe('');
    expect(elsewhere.status).toBe(0);
    const cli = runVerifier(
      join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js'),
      'verify-bundle',
      [path],
      { TZ: 'America/St_Johns' },
    );
    expect(cli.stdout).toContain('VERIFIED: every check passed');
    expect(cli.status).toBe(0);
  });

  it('names a changed byte in any document', () => {
    for (const path of [
      'certificate/completion-certificate.pdf',
      'certificate/completion-certificate.html',
      'evidence/signature-events.json',
      'plans/approved-proposals.json',
    ]) {
      const copy = copyOf(dir);
      const data = readFileSync(join(copy, path));
      data[Math.floor(data.length / 2)] ^= 0x01;
      writeFileSync(join(copy, path), data);
      expect(failureOf(copy)).toMatch(
        new RegExp(
          `^${path.replace(/[./]/g, '\\$&')} is unchanged — ${path.replace(/[./]/g, '\\$&')} was changed: its SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}$`,
        ),
      );
    }
    const added = copyOf(dir);
    writeFileSync(join(added, 'certificate', 'extra.html'), '<p>added</p>');
    expect(failureOf(added)).toContain(
      'certificate/extra.html is in the bundle but not in the signed manifest (added)',
    );
  });

  it('names an audit record reordered, removed, inserted or altered, even in a re-signed manifest', () => {
    const reordered = copyOf(dir);
    const chain = chainOf(reordered);
    [chain.records[3], chain.records[4]] = [chain.records[4], chain.records[3]];
    writeChain(reordered, chain);
    resign(reordered);
    expect(failureOf(reordered)).toContain(
      'audit record #4 is missing or out of order: found #5 there',
    );

    const removed = copyOf(dir);
    const shorter = chainOf(removed);
    shorter.records.splice(2, 1);
    writeChain(removed, shorter);
    resign(removed);
    expect(failureOf(removed)).toContain(
      'audit record #3 is missing or out of order: found #4 there',
    );

    // A record made up to fit: numbered and linked where it goes in, its own hash right (no key
    // is needed for that); the record that was there now comes one place too late.
    const inserted = copyOf(dir);
    const longer = chainOf(inserted);
    const forged: Record<string, unknown> = {
      ...longer.records[2],
      action: 'onboarding.forged',
      prevHash: longer.records[1].hash,
    };
    forged.hash = auditHash(forged as unknown as Parameters<typeof auditHash>[0]);
    longer.records.splice(2, 0, forged);
    writeChain(inserted, longer);
    resign(inserted);
    expect(failureOf(inserted)).toContain(
      'audit record #4 is missing or out of order: found #3 there',
    );

    const altered = copyOf(dir);
    const changed = chainOf(altered);
    changed.records[5] = { ...changed.records[5], actorIp: '203.0.113.9' };
    writeChain(altered, changed);
    resign(altered);
    expect(failureOf(altered)).toMatch(
      /audit record #6 \([a-z_.]+\) was altered: its content no longer matches its hash/,
    );

    const cut = copyOf(dir);
    const truncated = chainOf(cut);
    truncated.records.pop();
    writeChain(cut, truncated);
    resign(cut);
    expect(failureOf(cut)).toMatch(
      /the audit chain ends at #\d+, the manifest says #\d+ \(records removed from its end\)/,
    );
  });

  it('names a wrong signature and an unknown key', () => {
    const wrong = copyOf(dir);
    const signature = JSON.parse(readFileSync(join(wrong, 'manifest.sig.json'), 'utf8'));
    const bytes = Buffer.from(signature.signature, 'base64');
    bytes[0] ^= 0xff;
    writeFileSync(
      join(wrong, 'manifest.sig.json'),
      JSON.stringify({ ...signature, signature: bytes.toString('base64') }),
    );
    expect(failureOf(wrong)).toContain(
      'wrong signature: manifest.sig.json does not verify with key',
    );

    // Someone else's key, listed in the bundle and used for the manifest: known to the bundle
    // only, so the portal's published keys (or a kept statement) expose it.
    const forged = copyOf(dir);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const keyId = sha256(raw).slice(0, 16);
    const keysFile = JSON.parse(readFileSync(join(forged, 'keys.json'), 'utf8'));
    const published = { keys: keysFile.keys };
    writeFileSync(
      join(forged, 'keys.json'),
      JSON.stringify({
        ...keysFile,
        keys: [
          {
            keyId,
            algorithm: 'Ed25519',
            publicKey: raw.toString('base64'),
            createdAt: '2026-01-01T00:00:00.000Z',
            retiredAt: null,
          },
        ],
      }),
    );
    const manifest = JSON.parse(readFileSync(join(forged, 'manifest.json'), 'utf8'));
    manifest.files.find((f: { path: string }) => f.path === 'keys.json').sha256 = sha256(
      readFileSync(join(forged, 'keys.json')),
    );
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    writeFileSync(join(forged, 'manifest.json'), manifestBytes);
    writeFileSync(
      join(forged, 'manifest.sig.json'),
      JSON.stringify({
        algorithm: 'Ed25519',
        keyId,
        signature: sign(null, manifestBytes, privateKey).toString('base64'),
      }),
    );
    const keysArg = join(work, 'published-keys.json');
    writeFileSync(keysArg, JSON.stringify(published));
    expect(failureOf(forged, ['--keys', keysArg])).toContain(
      `unknown key ${keyId}: it is not among the keys given with --keys`,
    );

    const unlisted = copyOf(dir);
    writeFileSync(
      join(unlisted, 'manifest.sig.json'),
      JSON.stringify({ ...signature, keyId: 'ffffffffffffffff' }),
    );
    expect(failureOf(unlisted)).toContain(
      'unknown key ffffffffffffffff: the bundle lists no such key',
    );
  });

  it('names a checkpoint whose signature or proof no longer holds', () => {
    const copy = copyOf(dir);
    const checkpoints = JSON.parse(readFileSync(join(copy, 'audit/checkpoints.json'), 'utf8'));
    checkpoints[0].checkpoint.root = 'a'.repeat(64);
    writeFileSync(join(copy, 'audit/checkpoints.json'), JSON.stringify(checkpoints));
    resign(copy);
    expect(failureOf(copy)).toMatch(/checkpoint [0-9a-f-]+: wrong signature on the checkpoint/);
  });

  it('seals the certificate PDF with a PDF signature over every byte but the signature', () => {
    const files = unzipStored(bundle);
    const pdf = files.get('certificate/completion-certificate.pdf') as Buffer;
    const text = pdf.toString('latin1');
    const range = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text);
    expect(range).not.toBeNull();
    const [a, b, c, d] = (range as RegExpExecArray).slice(1).map(Number);
    expect(a).toBe(0);
    expect(c + d).toBe(pdf.length);
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    // The placeholder is zero-padded after the DER value; its own length says where it ends (a
    // signature may itself end in zero bytes, so the padding cannot be trimmed as text).
    const padded = Buffer.from(pdf.subarray(a + b + 1, c - 1).toString('latin1'), 'hex');
    const p7 = forge.pkcs7.messageFromAsn1(
      forge.asn1.fromDer(padded.subarray(0, derLength(padded)).toString('binary')),
    ) as forge.pkcs7.PkcsSignedData & {
      rawCapture: { signerInfos: forge.asn1.Asn1[] };
    };
    // SignerInfo: …, [0] signed attributes, the signature algorithm, the signature (OCTET STRING).
    const signerInfo = p7.rawCapture.signerInfos[0].value as forge.asn1.Asn1[];
    const attributesNode = signerInfo.find(
      (n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
    ) as forge.asn1.Asn1;
    const signatureNode = signerInfo
      .filter(
        (n) => n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING,
      )
      .at(-1) as forge.asn1.Asn1;
    const attributes = attributesNode.value as forge.asn1.Asn1[];
    const digest = attributes
      .map((attr) => attr.value as forge.asn1.Asn1[])
      .find((v) => forge.asn1.derToOid(v[0].value as string) === forge.pki.oids.messageDigest);
    const signedDigest = Buffer.from(
      (digest?.[1].value as forge.asn1.Asn1[])[0].value as string,
      'binary',
    ).toString('hex');
    expect(signedDigest).toBe(sha256(signed));
    const set = forge.asn1.create(
      forge.asn1.Class.UNIVERSAL,
      forge.asn1.Type.SET,
      true,
      attributes,
    );
    const certificate = forge.pki.certificateToPem(p7.certificates[0]);
    expect(
      verify(
        'sha256',
        Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary'),
        certificate,
        Buffer.from(signatureNode.value as string, 'binary'),
      ),
    ).toBe(true);
    // The seal is the one the portal publishes, bound to its checkpoint key.
    const keys = JSON.parse(files.get('keys.json')?.toString() ?? '{}');
    const seal = keys.pdfSeals[0];
    expect(
      sha256(
        Buffer.from(
          forge.asn1.toDer(forge.pki.certificateToAsn1(p7.certificates[0])).getBytes(),
          'binary',
        ),
      ),
    ).toBe(seal.fingerprint);
    const key = keys.keys.find((k: { keyId: string }) => k.keyId === seal.keyId);
    const spki = Buffer.concat([
      Buffer.from('302a300506032b6570032100', 'hex'),
      Buffer.from(key.publicKey, 'base64'),
    ]);
    const binding = Buffer.from(
      canonicalJson({
        type: 'mdr-portal/pdf-seal-binding/v1',
        keyId: seal.keyId,
        certificateSha256: seal.fingerprint,
      }),
    );
    expect(
      verify(
        null,
        binding,
        createPublicKey({ key: spki, format: 'der', type: 'spki' }),
        Buffer.from(seal.bindingSignature, 'base64'),
      ),
    ).toBe(true);
  });

  it('runs the same check as a page opened from the file system', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'verify.html')}`);
      await page.setInputFiles('#bundle', join(work, 'bundle.zip'));
      await page.fill('#statements', readFileSync(join(work, 'kept-statement.json'), 'utf8'));
      await page.click('#run');
      await page.waitForSelector('#verdict.ok, #verdict.fail');
      await page.screenshot({ path: join(SCREENSHOTS, 'bundle-verifier.png'), fullPage: true });
      expect(await page.textContent('#verdict')).toBe('検証済み：すべての確認に合格しました');
      expect(await page.locator('li.fail').count()).toBe(0);
      expect(await page.textContent('#checks')).toContain('your statement 1');
      const tampered = copyOf(dir);
      const pdf = readFileSync(join(tampered, 'certificate/completion-certificate.pdf'));
      pdf[100] ^= 1;
      const files = unzipStored(bundle);
      files.set('certificate/completion-certificate.pdf', pdf);
      const { zip } = await import('@app/authorisation/completion-bundle/zip-writer');
      writeFileSync(
        join(tampered, 'bundle.zip'),
        zip(
          [...files].map(([path, data]) => ({ path, data })),
          testClockNow(),
        ),
      );
      await page.setInputFiles('#bundle', join(tampered, 'bundle.zip'));
      await page.click('#run');
      await page.waitForSelector('#verdict.fail');
      expect(await page.textContent('li.fail')).toContain(
        'certificate/completion-certificate.pdf was changed',
      );
    } finally {
      await browser.close();
    }
  });

  it('catches a chain rewritten with the portal’s own key by the statement the customer kept', async () => {
    // Whoever controls the database rewrites one record of the engagement's chain, re-hashes the
    // rest, moves the head, and replaces every checkpoint with freshly signed ones.
    const chain = `engagement:${engagementId}`;
    const records: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT * FROM audit_record WHERE chain = $1 ORDER BY chain_seq`,
      [chain],
    );
    await t.dataSource.query('ALTER TABLE audit_record DISABLE TRIGGER USER');
    await t.dataSource.query('ALTER TABLE audit_checkpoint DISABLE TRIGGER USER');
    let previous = '0'.repeat(64);
    for (const [index, r] of records.entries()) {
      const changes =
        index === 1
          ? { ...(r.changes as object), rewritten: true }
          : (r.changes as Record<string, unknown>);
      const hash = auditHash({
        chain,
        chainSeq: String(r.chain_seq),
        occurredAt: r.occurred_at as Date,
        actorUserId: r.actor_user_id as string | null,
        actorOrganisationId: r.actor_organisation_id as string | null,
        actorIp: r.actor_ip as string | null,
        actorUserAgent: r.actor_user_agent as string | null,
        action: r.action as string,
        subjectType: r.subject_type as string,
        subjectId: r.subject_id as string,
        organisationId: r.organisation_id as string | null,
        engagementId: r.engagement_id as string | null,
        changes,
        prevHash: previous,
      });
      await t.dataSource.query(
        `UPDATE audit_record SET changes = $2, prev_hash = $3, hash = $4 WHERE seq = $1`,
        [r.seq, JSON.stringify(changes), previous, hash],
      );
      previous = hash;
    }
    await t.dataSource.query(`UPDATE audit_chain_head SET hash = $2 WHERE chain = $1`, [
      chain,
      previous,
    ]);
    await t.dataSource.query(`DELETE FROM checkpoint_statement`);
    await t.dataSource.query(`DELETE FROM audit_checkpoint`);
    await t.dataSource.query('ALTER TABLE audit_checkpoint ENABLE TRIGGER USER');
    await t.dataSource.query('ALTER TABLE audit_record ENABLE TRIGGER USER');

    const rewritten = (await download()).body as Buffer;
    const path = join(work, 'rewritten-bundle.zip');
    writeFileSync(path, rewritten);
    // On its own the rewritten bundle is consistent: nothing inside it contradicts it.
    expect(runVerifier(verifier, path).status).toBe(0);
    // The statement the security lead kept from the service start does.
    const failure = failureOf(path, ['--statement', join(work, 'kept-statement.json')]);
    expect(failure).toMatch(
      /^your statement 1 \(checkpoint [0-9a-f-]+\): the chain extends it — your statement 1 \(checkpoint [0-9a-f-]+\): the chain does not extend this checkpoint: record #\d+ has hash [0-9a-f]{64}, the checkpoint signed [0-9a-f]{64} \(history rewritten\)$/,
    );
  });

  it('shows the bundle button and the statements page in the portal, in the reader’s language', async () => {
    const customer = portalAgent(t);
    await signIn(customer, 'security@sakura.example');
    const onboardingPage = (await customer.get(`/onboardings/${onboardingId}`).expect(200)).text;
    expect(onboardingPage).toContain(`href="/onboardings/${onboardingId}/completion-bundle"`);
    expect(onboardingPage).toContain('完了バンドルをダウンロード');
    const download = await customer
      .get(`/onboardings/${onboardingId}/completion-bundle`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(unzipStored(download.body as Buffer).has('manifest.json')).toBe(true);
    for (const secret of INTERNAL_SECRETS)
      expect((download.body as Buffer).includes(secret)).toBe(false);
    const html = (await customer.get(`/engagements/${engagementId}/checkpoints`).expect(200)).text;
    const listed = (
      await t
        .http()
        .get(`/api/engagements/${engagementId}/checkpoints`)
        .set('Authorization', await tokens.for('security@sakura.example'))
        .expect(200)
    ).body.items;
    expect(listed.length).toBeGreaterThan(0);
    expect(html.match(/data-testid="checkpoint-statement"/g)).toHaveLength(listed.length);
    expect(html).toContain(listed[0].chainHash);
    expect(html).toContain(
      `<td>${listed[0].reason === 'completion_bundle' ? '完了バンドル' : listed[0].reason === 'interval' ? '定期チェックポイント' : 'サービス開始'}</td>`,
    );
    // Times in the reader's zone: Sakura's security lead reads Japan time.
    expect(textOf(html)).toContain('時刻は Asia/Tokyo で表示しています。');
    expect(textOf(html)).toMatch(/\d{4}\/\d{2}\/\d{2} \d{2}:\d{2} JST/);
    const other = portalAgent(t);
    await signIn(other, 'security@northwind.example');
    expect((await other.get(`/engagements/${engagementId}/checkpoints`)).status).toBe(404);
  });

  it('signs an interval checkpoint only when a chain moved, with a statement for each engagement that moved', async () => {
    const handler = (t.worker as NonNullable<TestApp['worker']>).get(CheckpointIntervalHandler);
    const count = async (): Promise<number> =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_checkpoint WHERE reason = 'interval'`,
        )
      )[0].n;
    await t.app.get(TransactionRunner).run((manager) =>
      t.app.get(AuditService).record(manager, SYSTEM_ACTOR, {
        action: 'test.moved',
        subjectType: 'test',
        subjectId: 'x',
        engagementId,
        changes: {},
      }),
    );
    await handler.handle();
    const first = await count();
    expect(first).toBe(1);
    const [latest] = await t.dataSource.query(
      `SELECT id FROM audit_checkpoint WHERE reason = 'interval'`,
    );
    const told: { engagement_id: string }[] = await t.dataSource.query(
      `SELECT engagement_id FROM checkpoint_statement WHERE checkpoint_id = $1`,
      [latest.id],
    );
    // Sakura's chain moved since its bundle's statement (Northwind's was never stated at all).
    expect(told.map((r) => r.engagement_id)).toContain(engagementId);
    await handler.handle();
    expect(await count()).toBe(first);
  });

  it('refuses roles that may not take the audit log away (403) and other tenants (404)', async () => {
    expect((await download('analyst@mdr.example')).status).toBe(403);
    expect((await download('security@northwind.example')).status).toBe(404);
    expect(
      (
        await t
          .http()
          .get(`/api/engagements/${engagementId}/checkpoints`)
          .set('Authorization', await tokens.for('security@northwind.example'))
      ).status,
    ).toBe(404);
    const keys = await t.http().get('/.well-known/mdr-portal-keys.json').expect(200);
    expect(keys.body.keys[0]).toMatchObject({
      keyId: t.app.get(SigningKeys).current.keyId,
      algorithm: 'Ed25519',
    });
  });
});

/** The length of the DER value at the start of `bytes`: its tag, its length field and its content. */
function derLength(bytes: Buffer): number {
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  return 2 + octets + bytes.readUIntBE(2, octets);
}
