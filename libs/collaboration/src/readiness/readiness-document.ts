import { readinessWords } from './readiness-labels';
import type { ReadinessSummary } from './readiness.service';

const HTML_LANG = { ja: 'ja', en: 'en', zh: 'zh-CN' } as const;

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const row = (cells: string[], header = false): string => {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
};

/** The summary as the small HTML the PDF writer draws (headings, paragraphs, tables). */
export function readinessHtml(summary: ReadinessSummary): string {
  const w = readinessWords(summary.language);
  const parts: string[] = [
    `<!doctype html><html lang="${HTML_LANG[summary.language]}"><head><meta charset="utf-8">`,
    `<title>${escape(w.heading(summary.customerName))}</title></head><body>`,
    `<h1>${escape(w.heading(summary.customerName))}</h1>`,
    `<p>${escape(
      w.intro(summary.customerName, summary.providerName, summary.engagementName, summary.sequence),
    )} ${escape(w.asOf(summary.asOf))}</p>`,
    '<table>',
    row([w.planned, summary.plannedStart]),
    summary.serviceStartedAt
      ? row([w.started, summary.serviceStartedAt])
      : row([
          w.forecast,
          `${summary.forecastStart} (${summary.slippageDays > 0 ? w.slipped(summary.slippageDays) : w.onPlan})`,
        ]),
    '</table>',
    `<p>${escape(w.progress(summary.requiredDone, summary.requiredTotal, summary.percentDone))}</p>`,
    `<h2>${escape(w.waiting)}</h2>`,
  ];
  if (summary.waiting.length === 0) parts.push(`<p>${escape(w.nothingWaits)}</p>`);
  else {
    parts.push('<table>', row([w.step, w.waitsOn, w.due, w.state], true));
    for (const wait of summary.waiting) {
      const who = [`${wait.partyName}: ${wait.roleName}`, ...wait.people].join(', ');
      const due = wait.due ? `${wait.due}${wait.overdue ? ` (${w.overdue})` : ''}` : '—';
      parts.push(row([wait.title, who, due, wait.stateName]));
    }
    parts.push('</table>');
  }
  if (summary.blockedCount > 0)
    parts.push(`<p>${escape(w.blockedLater(summary.blockedCount))}</p>`);
  parts.push(`<h2>${escape(w.done)}</h2>`);
  if (summary.done.length === 0) parts.push(`<p>${escape(w.nothingDone)}</p>`);
  else {
    parts.push('<table>', row([w.step, w.state, w.settledAt], true));
    for (const done of summary.done)
      parts.push(
        row([
          done.title,
          done.stateName,
          [done.settledAt, done.by].filter((x): x is string => !!x).join(', ') || '—',
        ]),
      );
    parts.push('</table>');
  }
  parts.push('</body></html>');
  return parts.join('\n');
}
