import { csvLine } from '@app/platform';
import type { OverviewRow } from './overview.service';

const OVERVIEW_CSV_HEADER = [
  'customer',
  'engagement',
  'status',
  'phase',
  'days_in_phase',
  'required_done',
  'required_total',
  'percent_done',
  'waiting_on_customer',
  'waiting_on_provider',
  'overdue_steps',
  'next_due_at',
  'planned_start',
  'forecast_start',
  'slippage_days',
  'blockers',
  'onboarding_id',
];

function overviewCsvRow(row: OverviewRow): string {
  return csvLine([
    row.customerName,
    row.engagementName,
    row.status,
    row.phase,
    row.daysInPhase,
    row.requiredDone,
    row.requiredTotal,
    row.percentDone,
    row.waitingOnCustomer,
    row.waitingOnProvider,
    row.overdueSteps,
    row.nextDueAt,
    row.plannedStartDate,
    row.forecastStartDate,
    row.slippageDays,
    row.blockers.map((b) => `${b.key} (${b.party})`).join('; '),
    row.onboardingId,
  ]);
}

/** The overview as CSV lines, one row at a time (the API export and the portal's download). */
export async function* overviewCsvLines(rows: AsyncIterable<OverviewRow>): AsyncGenerator<string> {
  // A byte-order mark so spreadsheet programs read the UTF-8 names correctly.
  yield `\uFEFF${csvLine(OVERVIEW_CSV_HEADER)}`;
  for await (const row of rows) yield overviewCsvRow(row);
}
