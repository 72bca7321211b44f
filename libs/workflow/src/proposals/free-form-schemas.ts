import { isDeepStrictEqual } from 'node:util';
import type { Language } from '@app/access';
import type { FieldError } from '@app/platform';
import { formatDate, joinNames } from '../notifications/notification-labels';
import type { LocalisedText } from '../templates/template.types';
import type { DocumentSection, ProposalChange } from './proposal-document';

/**
 * The written proposals of approval steps that have no configuration behind them. Each step's
 * content is one object of these fields and nothing else (the README lists them):
 * - `date`: a calendar day, `YYYY-MM-DD`;
 * - `text`: 1 to `max` characters;
 * - `lines`: a list of at most `max` entries, each 1 to 200 characters.
 */
export interface FreeFormField {
  name: string;
  type: 'date' | 'text' | 'lines';
  required: boolean;
  max: number;
  label: LocalisedText;
}

const LINE_MAX = 200;

export interface FreeFormSchema {
  /** What the document is called, e.g. "Go-live readiness review". */
  title: LocalisedText;
  fields: readonly FreeFormField[];
}

const FREE_FORM_SCHEMAS: Readonly<Record<string, FreeFormSchema>> = {
  go_live_readiness_review: {
    title: { en: 'Go-live readiness review', ja: '本番移行の準備状況レビュー', zh: '上线就绪评审' },
    fields: [
      {
        name: 'goLiveDate',
        type: 'date',
        required: true,
        max: 10,
        label: {
          en: 'Planned start of production operation',
          ja: '本番運用の開始予定日',
          zh: '正式运行计划开始日期',
        },
      },
      {
        name: 'summary',
        type: 'text',
        required: true,
        max: 4000,
        label: { en: 'Readiness summary', ja: '準備状況のまとめ', zh: '准备情况概述' },
      },
      {
        name: 'openItems',
        type: 'lines',
        required: false,
        max: 50,
        label: {
          en: 'Open items and how they are handled',
          ja: '残課題と対応方針',
          zh: '遗留事项及处理方式',
        },
      },
    ],
  },
  server_block_mode_review: {
    title: {
      en: 'Mode of the server groups',
      ja: 'サーバーグループの動作モード',
      zh: '服务器分组的运行模式',
    },
    fields: [
      {
        name: 'summary',
        type: 'text',
        required: true,
        max: 4000,
        label: {
          en: 'Detections since the start of the service',
          ja: 'サービス開始以降の検知状況',
          zh: '服务启动以来的检测情况',
        },
      },
      {
        name: 'moveToBlock',
        type: 'lines',
        required: false,
        max: 100,
        label: {
          en: 'Server groups to switch to block mode',
          ja: 'ブロックモードへ切り替えるサーバーグループ',
          zh: '切换为阻断模式的服务器分组',
        },
      },
      {
        name: 'stayInDetect',
        type: 'lines',
        required: false,
        max: 100,
        label: {
          en: 'Server groups that stay in detect mode',
          ja: '検知モードを継続するサーバーグループ',
          zh: '继续保持检测模式的服务器分组',
        },
      },
      {
        name: 'closerMonitoring',
        type: 'text',
        required: false,
        max: 4000,
        label: {
          en: 'Closer monitoring of the groups that stay in detect mode',
          ja: '検知モードを継続するグループの監視強化策',
          zh: '对继续保持检测模式分组的加强监控措施',
        },
      },
    ],
  },
};

const HEADING: LocalisedText = { en: 'Proposal', ja: '提案内容', zh: '提案内容' };
const NONE: LocalisedText = { en: 'None', ja: 'なし', zh: '无' };

export function freeFormSchema(stepKey: string): FreeFormSchema | null {
  return FREE_FORM_SCHEMAS[stepKey] ?? null;
}

function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function readField(
  field: FreeFormField,
  value: unknown,
  path: string,
  errors: FieldError[],
): unknown {
  switch (field.type) {
    case 'date':
      if (typeof value !== 'string' || !isCalendarDay(value))
        errors.push({ field: path, reason: 'must be a date written YYYY-MM-DD' });
      return value;
    case 'text': {
      const text = typeof value === 'string' ? value.trim() : '';
      if (typeof value !== 'string' || text.length === 0 || text.length > field.max) {
        errors.push({ field: path, reason: `must be text of 1 to ${field.max} characters` });
      }
      return text;
    }
    case 'lines': {
      if (!Array.isArray(value) || value.length > field.max) {
        errors.push({ field: path, reason: `must be a list of at most ${field.max} entries` });
        return value;
      }
      return value.map((item: unknown, i) => {
        const text = typeof item === 'string' ? item.trim() : '';
        if (typeof item !== 'string' || text.length === 0 || text.length > LINE_MAX) {
          errors.push({
            field: `${path}[${i}]`,
            reason: `must be text of 1 to ${LINE_MAX} characters`,
          });
        }
        return text;
      });
    }
  }
}

/** The content as stored (text trimmed), or every field that is missing, unknown or malformed. */
export function readFreeForm(
  schema: readonly FreeFormField[],
  content: unknown,
): { content: Record<string, unknown> } | { errors: FieldError[] } {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    return {
      errors: [
        {
          field: 'content',
          reason: `must be an object with the fields ${schema.map((f) => f.name).join(', ')}`,
        },
      ],
    };
  }
  const source = content as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(source)) {
    if (!schema.some((f) => f.name === key)) {
      errors.push({
        field: `content.${key}`,
        reason: `is not a field of this step's proposal (use ${schema.map((f) => f.name).join(', ')})`,
      });
    }
  }
  const read: Record<string, unknown> = {};
  for (const field of schema) {
    const value = source[field.name];
    if (value === undefined || value === null) {
      if (field.required) errors.push({ field: `content.${field.name}`, reason: 'is required' });
      continue;
    }
    read[field.name] = readField(field, value, `content.${field.name}`, errors);
  }
  return errors.length ? { errors } : { content: read };
}

function shown(field: FreeFormField, value: unknown, language: Language): string {
  if (value === undefined || value === null) return NONE[language];
  if (field.type === 'date' && typeof value === 'string')
    return formatDate(new Date(`${value}T00:00:00Z`), language);
  if (field.type === 'lines' && Array.isArray(value))
    return joinNames(value.map(String), language) ?? NONE[language];
  return String(value);
}

/** The fields as one section of facts, in `language`. */
export function freeFormSections(
  schema: readonly FreeFormField[],
  content: Record<string, unknown>,
  language: Language,
): DocumentSection[] {
  return [
    {
      key: 'proposal',
      heading: HEADING[language],
      facts: schema.map((field) => ({
        key: field.name,
        label: field.label[language],
        value: shown(field, content[field.name], language),
      })),
    },
  ];
}

/** Field by field: each field whose value differs. */
export function compareFreeForm(
  schema: readonly FreeFormField[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  language: Language,
): ProposalChange[] {
  return schema
    .filter((field) => !isDeepStrictEqual(before[field.name] ?? null, after[field.name] ?? null))
    .map((field) => ({
      kind:
        before[field.name] === undefined
          ? 'added'
          : after[field.name] === undefined
            ? 'removed'
            : 'changed',
      key: field.name,
      item: field.label[language],
      field: null,
      before: before[field.name] === undefined ? null : shown(field, before[field.name], language),
      after: after[field.name] === undefined ? null : shown(field, after[field.name], language),
    }));
}
