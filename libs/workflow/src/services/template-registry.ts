import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalJson } from '@app/audit/canonical-json';
import { DomainException } from '@app/platform';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkflowTemplate } from '../entities/workflow-template.entity';
import { BUILT_IN_TEMPLATES } from '../templates';
import { StepDefinition, TemplateDefinition } from '../templates/template.types';
import { validateTemplate } from '../templates/template-validation';

const WORKFLOW_TEMPLATES = Symbol('WORKFLOW_TEMPLATES');

function templateChecksum(template: TemplateDefinition): string {
  return createHash('sha256').update(canonicalJson(template)).digest('hex');
}

/**
 * Validates the templates kept as code when the app starts (a bad one stops the boot, naming
 * the template and step) and records each version in the database.
 */
@Injectable()
export class TemplateRegistry implements OnModuleInit {
  private readonly templates = new Map<string, TemplateDefinition>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(WORKFLOW_TEMPLATES) templates?: TemplateDefinition[],
  ) {
    for (const template of templates ?? BUILT_IN_TEMPLATES) {
      validateTemplate(template);
      this.templates.set(`${template.key}@${template.version}`, template);
    }
  }

  async onModuleInit(): Promise<void> {
    const repo = this.dataSource.getRepository(WorkflowTemplate);
    for (const template of this.templates.values()) {
      const checksum = templateChecksum(template);
      await repo
        .createQueryBuilder()
        .insert()
        .values({ key: template.key, version: template.version, definition: template, checksum })
        .orIgnore()
        .execute();
      const stored = await repo.findOneByOrFail({ key: template.key, version: template.version });
      if (stored.checksum !== checksum) {
        throw new Error(
          `Workflow template "${template.key}" version ${template.version} differs from the copy in the database: give the changed template a new version`,
        );
      }
    }
  }

  /** The newest version of a template key, for new onboardings. */
  latest(key: string): TemplateDefinition {
    const versions = [...this.templates.values()].filter((t) => t.key === key);
    if (versions.length === 0) {
      throw new DomainException('VALIDATION_FAILED', `Unknown template ${key}`, [
        { field: 'templateKey', reason: `unknown template; known: ${this.keys().join(', ')}` },
      ]);
    }
    return versions.reduce((a, b) => (b.version > a.version ? b : a));
  }

  get(key: string, version: number): TemplateDefinition {
    const template = this.templates.get(`${key}@${version}`);
    if (!template) throw new Error(`Workflow template ${key}@${version} is not loaded`);
    return template;
  }

  step(key: string, version: number, stepKey: string): StepDefinition | undefined {
    return this.get(key, version).steps.find((s) => s.key === stepKey);
  }

  /** Every loaded template version. */
  all(): TemplateDefinition[] {
    return [...this.templates.values()];
  }

  keys(): string[] {
    return [...new Set([...this.templates.values()].map((t) => t.key))];
  }
}
