import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TemplateDefinition } from '../templates/template.types';

/** A template version as loaded at boot; onboardings keep the version they started with. */
@Entity()
export class WorkflowTemplate {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @PrimaryColumn({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  definition: TemplateDefinition;

  /** SHA-256 of the canonical definition: a changed template must get a new version. */
  @Column({ type: 'text' })
  checksum: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  loadedAt: Date;
}
