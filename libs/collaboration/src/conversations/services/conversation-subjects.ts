import { Injectable } from '@nestjs/common';
import type { Language } from '@app/access';
import { NotFoundException } from '@app/platform';
import { localise, TemplateRegistry } from '@app/workflow';
import { EntityManager } from 'typeorm';
import type { SubjectType } from '../domain/conversation-vocabulary';
import { documentTitle } from '../domain/subject-titles';

/** What a conversation is about, found inside its engagement. */
export interface ConversationSubject {
  type: SubjectType;
  id: string;
  engagementId: string;
  /** Its name in a reader's language. */
  title(language: Language): string;
  /** The portal page the subject lives on (path under PUBLIC_URL). */
  pagePath: string;
}

interface StepRow {
  key: string;
  onboardingId: string;
  templateKey: string;
  templateVersion: number;
}

/**
 * Finds a step, document version or incident of the engagement; anything else (another
 * engagement's, unknown) answers 404, like another tenant's engagement.
 */
@Injectable()
export class ConversationSubjects {
  constructor(private readonly templates: TemplateRegistry) {}

  async find(
    manager: EntityManager,
    engagementId: string,
    type: SubjectType,
    id: string,
  ): Promise<ConversationSubject> {
    const found = await this.load(manager, engagementId, type, id);
    if (!found) throw new NotFoundException('Conversation subject');
    return found;
  }

  private async load(
    manager: EntityManager,
    engagementId: string,
    type: SubjectType,
    id: string,
  ): Promise<ConversationSubject | null> {
    const base = { type, id, engagementId };
    switch (type) {
      case 'onboarding_step': {
        const [row] = (await manager.query(
          `SELECT s.key, o.id AS "onboardingId", o.template_key AS "templateKey", o.template_version AS "templateVersion"
             FROM onboarding_step s JOIN onboarding o ON o.id = s.onboarding_id
            WHERE s.id = $1 AND o.engagement_id = $2`,
          [id, engagementId],
        )) as StepRow[];
        if (!row) return null;
        const definition = this.templates.step(row.templateKey, row.templateVersion, row.key);
        return {
          ...base,
          title: (language) => (definition ? localise(definition.title, language) : row.key),
          pagePath: `/onboardings/${row.onboardingId}#step-${row.key}`,
        };
      }
      case 'document_version': {
        const [row] = (await manager.query(
          `SELECT kind, version FROM engagement_document_version WHERE id = $1 AND engagement_id = $2`,
          [id, engagementId],
        )) as { kind: string; version: number }[];
        if (!row) return null;
        return {
          ...base,
          title: (language) => documentTitle(row.kind, row.version, language),
          pagePath: `/engagements/${engagementId}/documents`,
        };
      }
      case 'incident': {
        const [row] = (await manager.query(
          `SELECT title FROM incident WHERE id = $1 AND engagement_id = $2`,
          [id, engagementId],
        )) as { title: string }[];
        if (!row) return null;
        return {
          ...base,
          title: () => row.title,
          pagePath: `/engagements/${engagementId}/incidents/${id}`,
        };
      }
    }
  }
}
