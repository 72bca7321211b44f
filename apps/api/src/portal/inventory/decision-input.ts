import { ValidationException } from '@app/platform';
import {
  DECISION_KINDS,
  DecisionInput,
  DecisionKind,
  OS_FAMILIES,
  OsFamily,
  SUPPORT_STATUSES,
  SupportStatus,
} from '@app/rollout';
import { UUID } from '../kit/uuid';
import { parseDateInput } from '../protection/protection-input';
import { DecisionForm } from './inventory.forms';
import { listOf } from './inventory-input';

function pick<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/** The decision form as the service's input; what it cannot be is a field error. */
export function decisionInputOf(form: DecisionForm): DecisionInput {
  const errors: { field: string; reason: string }[] = [];
  const kind = pick(DECISION_KINDS, form.kind);
  if (!kind) errors.push({ field: 'kind', reason: `must be one of ${DECISION_KINDS.join(', ')}` });
  const upgradeBy = parseDateInput(form.upgradeBy);
  if (kind === 'upgrade' && upgradeBy === undefined)
    errors.push({ field: 'upgradeBy', reason: 'must be a date (YYYY-MM-DD)' });
  const ids = listOf(form.endpointIds);
  const byFilter = form.target === 'filter';
  if (!byFilter && ids.length === 0)
    errors.push({ field: 'endpointIds', reason: 'choose at least one endpoint' });
  if (!byFilter && ids.some((x) => !UUID.test(x)))
    errors.push({ field: 'endpointIds', reason: 'is not a list of endpoints' });
  if (errors.length) throw new ValidationException(errors);
  const input: DecisionInput = {
    kind: kind as DecisionKind,
    upgradeBy: kind === 'upgrade' && upgradeBy ? form.upgradeBy?.trim() : null,
    note: form.note?.trim() ?? '',
  };
  if (!byFilter) return { ...input, endpointIds: ids };
  const site = form.site?.trim();
  const osVersion = form.osVersion?.trim();
  const osFamily = pick<OsFamily>(OS_FAMILIES, form.osFamily);
  const supportStatus = pick<SupportStatus>(SUPPORT_STATUSES, form.supportStatus);
  return {
    ...input,
    filters: {
      ...(site ? { site } : {}),
      ...(osVersion ? { osVersion } : {}),
      ...(osFamily ? { osFamily } : {}),
      ...(supportStatus ? { supportStatus } : {}),
    },
  };
}
