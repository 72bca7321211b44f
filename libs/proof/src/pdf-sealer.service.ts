import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { Clock } from '@app/platform';
import { SecretCipher } from '@app/platform/crypto/secret-cipher';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import {
  createHash,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  X509Certificate,
} from 'node:crypto';
import { DataSource } from 'typeorm';
import { PdfSealCertificate } from './entities';
import { addSignaturePlaceholder } from './pdf-signature-placeholder';
import { sealBindingBytes } from './signed-messages';
import { SigningKeys } from './signing-keys.service';

/** The seal as printed on documents and published with the keys. */
export interface PublishedSeal {
  keyId: string;
  certificatePem: string;
  /** SHA-256 of the certificate's DER, hex. */
  fingerprint: string;
  /** The checkpoint key's Ed25519 signature over the fingerprint (signed-messages.ts), base64. */
  bindingSignature: string;
}

const P12_PASSPHRASE = 'pdf-seal';

/**
 * Seals PDFs with a PDF signature (PKCS#7 detached, SHA-256; @signpdf) so a PDF reader shows
 * that nothing changed since the portal made them. PDF readers check RSA certificates, so the
 * seal is an RSA key with a self-signed certificate, one per checkpoint key, made on first use;
 * the checkpoint key signs its fingerprint, which binds the two (published at the well-known
 * URL and printed on certificates). The PKCS#12 is stored sealed under a key derived from the
 * checkpoint key, so it is exactly as secret as that key.
 */
@Injectable()
export class PdfSealer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: SigningKeys,
    private readonly pdf: PdfWriter,
    private readonly clock: Clock,
  ) {}

  private cipher(): SecretCipher {
    const secret = Buffer.from(
      hkdfSync(
        'sha256',
        this.keys.current.privateKey.export({ format: 'der', type: 'pkcs8' }),
        'mdr-portal',
        'pdf seal p12 v1',
        32,
      ),
    );
    return new SecretCipher(secret.toString('base64url'), 'pdf-seal-p12');
  }

  async certificate(): Promise<PdfSealCertificate> {
    const keyId = this.keys.current.keyId;
    const repo = this.dataSource.getRepository(PdfSealCertificate);
    const existing = await repo.findOneBy({ keyId });
    if (existing) return existing;
    const made = this.make(keyId);
    await repo.createQueryBuilder().insert().values(made).orIgnore().execute();
    return repo.findOneByOrFail({ keyId });
  }

  async published(): Promise<PublishedSeal[]> {
    const all = await this.dataSource
      .getRepository(PdfSealCertificate)
      .find({ order: { createdAt: 'DESC' } });
    return all.map((c) => ({
      keyId: c.keyId,
      certificatePem: c.certificatePem,
      fingerprint: c.fingerprint,
      bindingSignature: c.bindingSignature,
    }));
  }

  /** The document's PDF, drawn from its HTML and sealed. */
  async sealedPdf(html: string, language: string, reason: string): Promise<Buffer> {
    const seal = await this.certificate();
    const signingTime = this.clock.now();
    const unsigned = await this.pdf.render(html, language, (doc) =>
      addSignaturePlaceholder(doc, {
        reason,
        name: 'MDR onboarding portal',
        location: 'MDR onboarding portal',
        contactInfo: `seal ${seal.fingerprint.slice(0, 16)}`,
        signingTime,
      }),
    );
    const p12 = Buffer.from(this.cipher().open(seal.sealedP12, seal.keyId), 'base64');
    return new SignPdf().sign(
      unsigned,
      new P12Signer(p12, { passphrase: P12_PASSPHRASE }),
      signingTime,
    );
  }

  private make(keyId: string): PdfSealCertificate {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forgePrivate = forge.pki.privateKeyFromPem(
      privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    );
    const forgePublic = forge.pki.publicKeyFromPem(
      publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    );
    const cert = forge.pki.createCertificate();
    cert.publicKey = forgePublic;
    cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
    const now = this.clock.now();
    cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
    cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
    const name = [
      { name: 'commonName', value: `MDR onboarding portal document seal ${keyId}` },
      { name: 'organizationName', value: 'MDR onboarding portal' },
    ];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    ]);
    cert.sign(forgePrivate, forge.md.sha256.create());
    const certificatePem = forge.pki.certificateToPem(cert);
    const fingerprint = createHash('sha256')
      .update(new X509Certificate(certificatePem).raw)
      .digest('hex');
    const p12 = forge.pkcs12.toPkcs12Asn1(forgePrivate, [cert], P12_PASSPHRASE, {
      algorithm: '3des',
    });
    const p12Der = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
    return Object.assign(new PdfSealCertificate(), {
      keyId,
      certificatePem,
      sealedP12: this.cipher().seal(p12Der.toString('base64'), keyId),
      fingerprint,
      bindingSignature: this.keys.sign(sealBindingBytes(keyId, fingerprint)),
      createdAt: now,
    });
  }
}
