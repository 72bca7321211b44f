import { EntityManager } from 'typeorm';
import { EngagementDocumentVersion } from '../entities/document-version.entity';
import type { DocumentKind } from '../domain/vocabulary';

/** Manager-level reads of document versions; no scope, so only for code that checked access. */
export const documentVersions = {
  async newest(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<EngagementDocumentVersion | null> {
    return manager
      .getRepository(EngagementDocumentVersion)
      .findOne({ where: { engagementId, kind }, order: { version: 'DESC' } });
  },

  /** The proposed or approved version (at most one, by a unique index), if any. */
  async current(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<EngagementDocumentVersion | null> {
    return manager
      .getRepository(EngagementDocumentVersion)
      .createQueryBuilder('v')
      .where('v.engagement_id = :engagementId AND v.kind = :kind', { engagementId, kind })
      .andWhere(`v.status IN ('proposed', 'approved')`)
      .getOne();
  },

  async draft(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<EngagementDocumentVersion | null> {
    return manager
      .getRepository(EngagementDocumentVersion)
      .findOne({ where: { engagementId, kind, status: 'draft' } });
  },

  async byNumber(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<EngagementDocumentVersion | null> {
    return manager
      .getRepository(EngagementDocumentVersion)
      .findOne({ where: { engagementId, kind, version } });
  },

  async all(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<EngagementDocumentVersion[]> {
    return manager
      .getRepository(EngagementDocumentVersion)
      .find({ where: { engagementId, kind }, order: { version: 'DESC' } });
  },

  /**
   * Serialises every change to one engagement's document of one kind until commit, so version
   * numbers, the single draft and the single current version never race.
   */
  async lock(manager: EntityManager, engagementId: string, kind: DocumentKind): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(4400, hashtext($1))', [
      `${engagementId}:${kind}`,
    ]);
  },
};
