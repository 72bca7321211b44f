import { labelsFor } from '@app/agreements/domain/labels';
import { EngagementDocumentVersion } from '@app/agreements/entities';
import { Engagement, Membership, Organisation, User } from '@app/identity';
import { ValidationException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { AuthorisationError } from '../authorisation-errors';
import { SignatureDocuments } from './signature-documents';
import { SignatureDocumentKind } from './signature-vocabulary';

// What a signature request asks, checked before anything is written: who signs (a security lead
// of the customer, or an external signer in its domains) and the exact document they sign.

export interface CreateSignatureRequestInput {
  document: SignatureDocumentKind;
  /** For `agreement_version`: the version number of the engagement's service agreement. */
  agreementVersion?: number;
  /** A customer security lead of the engagement's customer… */
  signerUserId?: string;
  /** …or an external signer whose email is in one of the customer's declared domains. */
  signerName?: string;
  signerEmail?: string;
}

export interface Signer {
  userId: string | null;
  name: string;
  email: string;
  language: Organisation['language'];
}

export interface SignedDocument {
  title: string;
  html: string;
  sha256: string;
  versionId: string | null;
}

/** The signer the input names; 400 naming the field when it names none, or both kinds. */
export async function signerOf(
  manager: EntityManager,
  customer: Organisation,
  input: CreateSignatureRequestInput,
): Promise<Signer> {
  if (input.signerUserId) {
    if (input.signerEmail || input.signerName) {
      throw new ValidationException([
        {
          field: 'signerUserId',
          reason: 'name either a user or an external signer (signerName and signerEmail), not both',
        },
      ]);
    }
    const user = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Membership, 'm', 'm.user_id = u.id')
      .where(`u.id = :id AND m.organisation_id = :org AND m.role = 'customer_security_lead'`, {
        id: input.signerUserId,
        org: customer.id,
      })
      .getOne();
    if (!user)
      throw new ValidationException([
        { field: 'signerUserId', reason: "must be a security lead of the engagement's customer" },
      ]);
    return {
      userId: user.id,
      name: user.displayName,
      email: user.email,
      language: user.language,
    };
  }
  const name = (input.signerName ?? '').trim();
  const email = (input.signerEmail ?? '').trim().toLowerCase();
  if (!name)
    throw new ValidationException([
      {
        field: 'signerName',
        reason: 'is required for an external signer (or give signerUserId)',
      },
    ]);
  const domain = email.split('@')[1] ?? '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || !customer.emailDomains.includes(domain)) {
    throw new ValidationException([
      {
        field: 'signerEmail',
        reason: `must be an address in one of the customer's domains: ${customer.emailDomains.join(', ') || '(none declared)'}`,
      },
    ]);
  }
  return { userId: null, name, email, language: customer.language };
}

/** The authorisation letter rendered now, or the proposed or approved agreement version. */
export async function documentToSign(
  manager: EntityManager,
  documents: SignatureDocuments,
  engagement: Engagement,
  customer: Organisation,
  provider: Organisation,
  input: CreateSignatureRequestInput,
): Promise<SignedDocument> {
  if (input.document === 'authorisation_letter') {
    if (!engagement.edrTenant) {
      throw new AuthorisationError(
        'EDR_TENANT_MISSING',
        'The engagement names no EDR console tenant (edrTenant) yet; the letter cannot be rendered',
      );
    }
    const letter = documents.renderLetter({
      language: customer.language,
      customerName: customer.name,
      providerName: provider.name,
      engagementName: engagement.name,
      edrProduct: engagement.edrProduct,
      edrTenant: engagement.edrTenant,
    });
    return { title: letter.title, html: letter.html, sha256: letter.sha256, versionId: null };
  }
  if (!input.agreementVersion)
    throw new ValidationException([
      { field: 'agreementVersion', reason: 'is required to sign an agreement version' },
    ]);
  const version = await manager.getRepository(EngagementDocumentVersion).findOneBy({
    engagementId: engagement.id,
    kind: 'service_agreement',
    version: input.agreementVersion,
  });
  if (!version)
    throw new ValidationException([
      { field: 'agreementVersion', reason: 'no such version of the service agreement' },
    ]);
  if (version.status !== 'proposed' && version.status !== 'approved') {
    throw new AuthorisationError(
      'AGREEMENT_VERSION_NOT_SIGNABLE',
      `Agreement version ${version.version} is ${version.status}; only the proposed or approved version can be signed`,
    );
  }
  return {
    title: `${labelsFor(version.language).documentTitle.service_agreement} v${version.version}`,
    html: version.documentHtml,
    sha256: version.documentSha256,
    versionId: version.id,
  };
}
