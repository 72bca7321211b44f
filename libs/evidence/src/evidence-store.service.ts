import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Actor, can, Engagement, EngagementService, User } from '@app/identity';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
} from '@app/platform';
import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import {
  AcceptedEvidenceFile,
  acceptEvidenceFile,
  EvidenceStoreLimits,
  EvidenceUpload,
} from './accept-evidence-file';
import { EvidenceAttachment, EvidenceChunk } from './evidence-attachment.entity';
import { downloadsEvidence, readsInternalEvidence } from './evidence-readers';
import type {
  EvidenceSubject,
  EvidenceSubjectKind,
  EvidenceSubjectRef,
  EvidenceVisibility,
} from './evidence-subject';

/** A file as lists show it (no bytes). */
export interface EvidenceFileView {
  id: string;
  subjectKind: EvidenceSubjectKind;
  subjectId: string;
  visibility: EvidenceVisibility;
  fileName: string;
  kind: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string | null;
  uploadedAt: Date;
}

export interface EvidenceDownload {
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  content: Buffer;
}

/**
 * Bytes per chunk row: a 20 MiB file is 40 rows, so no statement carries the whole file and
 * PGlite (WASM, one memory) never holds one huge value in a single message.
 */
export const EVIDENCE_CHUNK_BYTES = 512 * 1024;

/**
 * The one store of files attached to a subject (a step, an incident, a comment, a task's
 * completion): checked (size, allow-listed kind by the bytes), hashed by the server, kept in
 * PostgreSQL as bytea chunks, listed and downloaded by whoever sees the subject (internal files
 * only by the provider's side; a completion's files only by the engagement's parties), every
 * upload and download audited.
 */
@Injectable()
export class EvidenceStore {
  readonly limits: EvidenceStoreLimits;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { maxBytes: config.evidenceStoreMaxBytes, types: config.evidenceTypes };
  }

  /** The upload as the store would keep it, or the refusal (413, the kind's code); writes nothing. */
  check(upload: EvidenceUpload): AcceptedEvidenceFile {
    return acceptEvidenceFile(upload, this.limits);
  }

  /**
   * A person attaches a file to a subject they reached through their scope: they must hold
   * `evidence.attach` on its engagement (403) and `evidence.read_internal` for an internal file.
   * Checked before any write; the file and its audit record are written in one transaction.
   */
  async attach(
    scope: AccessScope,
    subject: EvidenceSubject,
    upload: EvidenceUpload,
  ): Promise<EvidenceFileView> {
    const engagement = {
      customerOrganisationId: subject.customerOrganisationId,
      providerOrganisationId: subject.providerOrganisationId,
    };
    if (!can(scope, 'evidence.attach', engagement))
      throw new ForbiddenException('You may not attach files here');
    if (subject.visibility === 'internal' && !readsInternalEvidence(scope, engagement))
      throw new ForbiddenException("Only the provider's staff attach internal files");
    const file = this.check(upload);
    return this.tx.run((manager) => this.keep(manager, scope.actor, subject, file));
  }

  /**
   * Writes a checked file for a subject inside the caller's transaction, with its audit record
   * (for a part that attaches files as part of its own change, e.g. a comment with attachments:
   * that part has checked who may attach and what the visibility is).
   */
  async keep(
    manager: EntityManager,
    actor: Actor,
    subject: EvidenceSubject,
    file: AcceptedEvidenceFile,
  ): Promise<EvidenceFileView> {
    if (!actor.userId) throw new Error('An evidence file is attached by a person');
    const chunkCount = Math.ceil(file.bytes.length / EVIDENCE_CHUNK_BYTES);
    const saved = await manager.getRepository(EvidenceAttachment).save(
      manager.getRepository(EvidenceAttachment).create({
        engagementId: subject.engagementId,
        subjectKind: subject.kind,
        subjectId: subject.id,
        visibility: subject.visibility,
        fileName: file.fileName,
        kind: file.kind,
        contentType: file.contentType,
        sizeBytes: file.bytes.length,
        sha256: file.sha256,
        chunkCount,
        uploadedBy: actor.userId,
        uploadedAt: this.clock.now(),
      }),
    );
    for (let seq = 0; seq < chunkCount; seq += 1) {
      const data = file.bytes.subarray(
        seq * EVIDENCE_CHUNK_BYTES,
        (seq + 1) * EVIDENCE_CHUNK_BYTES,
      );
      await manager.getRepository(EvidenceChunk).insert({ attachmentId: saved.id, seq, data });
    }
    await this.audit.record(manager, actor, {
      action: 'evidence.uploaded',
      subjectType: 'evidence_file',
      subjectId: saved.id,
      organisationId: subject.customerOrganisationId,
      engagementId: subject.engagementId,
      changes: {
        subjectKind: subject.kind,
        subjectId: subject.id,
        visibility: subject.visibility,
        fileName: file.fileName,
        contentType: file.contentType,
        sizeBytes: file.bytes.length,
        sha256: file.sha256,
      },
      // An internal file's name and hash stay out of the chain the customer exports.
      visibility: subject.visibility === 'internal' ? 'internal' : undefined,
    });
    const [view] = await this.views(manager, [saved]);
    return view;
  }

  /**
   * The files of subjects the caller has already reached through the reader's scope, oldest
   * first; internal ones only when the reader may see them (see readsInternalEvidence).
   */
  list(
    scope: AccessScope,
    engagement: Pick<Engagement, 'customerOrganisationId' | 'providerOrganisationId'>,
    subjects: readonly EvidenceSubjectRef[],
    manager: EntityManager = this.tx.manager,
  ): Promise<EvidenceFileView[]> {
    return this.filesOf(manager, subjects, readsInternalEvidence(scope, engagement));
  }

  /**
   * The shared files of subjects the caller has already reached through the reader's scope,
   * oldest first, for a part whose subjects hold shared files only (a task's completions): every
   * reader of the subject sees them, so no reader is needed.
   */
  listShared(
    subjects: readonly EvidenceSubjectRef[],
    manager: EntityManager = this.tx.manager,
  ): Promise<EvidenceFileView[]> {
    return this.filesOf(manager, subjects, false);
  }

  /** Which subject a file belongs to (null: no such file), for a route that names the subject too. */
  async subjectOf(
    attachmentId: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<EvidenceSubjectRef | null> {
    const file = await manager
      .getRepository(EvidenceAttachment)
      .findOne({ where: { id: attachmentId }, select: { subjectKind: true, subjectId: true } });
    return file && { kind: file.subjectKind, id: file.subjectId };
  }

  /**
   * One file's bytes for a reader of its engagement: another tenant's file, an unknown id, or an
   * internal file asked for by the customer answers 404 alike; a completion's file asked for by
   * someone of neither party (the platform admin) 403. The download is audited.
   */
  download(scope: AccessScope, attachmentId: string): Promise<EvidenceDownload> {
    return this.tx.run(async (manager) => {
      const file = await manager.getRepository(EvidenceAttachment).findOneBy({ id: attachmentId });
      if (!file) throw new NotFoundException('Evidence file');
      const engagement = await this.engagements
        .get(scope, file.engagementId, manager)
        .catch((error: unknown) => {
          if (error instanceof NotFoundException) throw new NotFoundException('Evidence file');
          throw error;
        });
      if (file.visibility === 'internal' && !readsInternalEvidence(scope, engagement))
        throw new NotFoundException('Evidence file');
      if (!downloadsEvidence(scope, engagement, file.subjectKind))
        throw new ForbiddenException(
          "This file is for the engagement's customer and provider only",
        );
      const chunks = await manager
        .getRepository(EvidenceChunk)
        .find({ where: { attachmentId: file.id }, order: { seq: 'ASC' } });
      const content = Buffer.concat(chunks.map((c) => c.data));
      // What is served is what was recorded: a damaged file is an error, never sent.
      if (createHash('sha256').update(content).digest('hex') !== file.sha256)
        throw new Error(`Evidence file ${file.id} does not match its recorded SHA-256`);
      await this.audit.record(manager, scope.actor, {
        action: 'evidence.downloaded',
        subjectType: 'evidence_file',
        subjectId: file.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: {
          subjectKind: file.subjectKind,
          subjectId: file.subjectId,
          fileName: file.fileName,
          sha256: file.sha256,
        },
        visibility: file.visibility === 'internal' ? 'internal' : undefined,
      });
      return {
        fileName: file.fileName,
        contentType: file.contentType,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
        content,
      };
    });
  }

  private async filesOf(
    manager: EntityManager,
    subjects: readonly EvidenceSubjectRef[],
    withInternal: boolean,
  ): Promise<EvidenceFileView[]> {
    if (subjects.length === 0) return [];
    const qb = manager.getRepository(EvidenceAttachment).createQueryBuilder('a');
    const byKind = new Map<EvidenceSubjectKind, string[]>();
    for (const s of subjects) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s.id]);
    const clauses = [...byKind.keys()].map(
      (kind, i) => `(a.subject_kind = :kind${i} AND a.subject_id IN (:...ids${i}))`,
    );
    const params = Object.fromEntries(
      [...byKind.entries()].flatMap(([kind, ids], i) => [
        [`kind${i}`, kind],
        [`ids${i}`, ids],
      ]),
    );
    qb.where(`(${clauses.join(' OR ')})`, params);
    if (!withInternal) qb.andWhere(`a.visibility = 'shared'`);
    const rows = await qb.orderBy('a.uploaded_at', 'ASC').addOrderBy('a.seq', 'ASC').getMany();
    return this.views(manager, rows);
  }

  private async views(
    manager: EntityManager,
    rows: EvidenceAttachment[],
  ): Promise<EvidenceFileView[]> {
    const ids = [...new Set(rows.map((r) => r.uploadedBy))];
    const people = ids.length ? await manager.getRepository(User).findBy({ id: In(ids) }) : [];
    return rows.map((r) => ({
      id: r.id,
      subjectKind: r.subjectKind,
      subjectId: r.subjectId,
      visibility: r.visibility,
      fileName: r.fileName,
      kind: r.kind,
      contentType: r.contentType,
      sizeBytes: r.sizeBytes,
      sha256: r.sha256,
      uploadedBy: r.uploadedBy,
      uploadedByName: people.find((p) => p.id === r.uploadedBy)?.displayName ?? null,
      uploadedAt: r.uploadedAt,
    }));
  }
}
