import { labelsFor } from '@app/agreements/domain/labels';
import { LANGUAGES, Language } from '@app/identity';
import { INCIDENT_EVENT_LABELS, INCIDENT_STATUS_LABELS } from '../domain/incident-labels';
import { INCIDENT_EVENT_TYPES, INCIDENT_STATUSES } from '../domain/incident-vocabulary';
import type {
  Incident,
  IncidentEvent,
  IncidentReview,
  IncidentReviewItem,
  IncidentTask,
} from '../entities';
import { closureReportModel, ReportInputs } from './closure-report-model';
import { compileClosureReport } from './closure-report-template';

const at = (minutes: number) => new Date(Date.UTC(2030, 11, 2, 2, minutes));

const incident = {
  title: 'Ransomware on sk-pc-0042',
  host: 'sk-pc-0042',
  severity: 'critical',
  status: 'resolved',
  startedAt: at(0),
  acknowledgeDueAt: at(15),
  acknowledgedAt: at(10),
  respondDueAt: at(60),
  respondedAt: at(30),
  resolvedAt: at(50),
  closedAt: null,
} as unknown as Incident;

/** One event of every type, so each one's words are checked. */
const events = INCIDENT_EVENT_TYPES.map(
  (type, i) =>
    ({ type, at: at(i), actorUserId: i === 0 ? 'u1' : null }) as unknown as IncidentEvent,
);

const tasks = [
  {
    title: 'Collect the memory image',
    ownerParty: 'customer',
    dueAt: at(40),
    status: 'open',
    completedAt: null,
    completedBy: null,
  },
] as unknown as IncidentTask[];

const inputs = (language: Language): ReportInputs => ({
  incident,
  language,
  timeZone: 'Asia/Tokyo',
  labels: labelsFor(language),
  customerName: 'Sakura Trading',
  events,
  actions: [],
  tasks,
  breaches: [],
  names: new Map([
    ['u1', 'Lead Analyst'],
    ['u2', 'Hanako Sato'],
  ]),
  review: {
    review: {
      whatHappened: 'A phishing mail <script> ran a macro',
      rootCause: 'Macros from the internet were allowed',
      lessons: 'Block macros by policy',
      recordedBy: 'u1',
      recordedAt: at(55),
    } as IncidentReview,
    items: [
      { description: 'Disable macros', ownerUserId: 'u2', dueDate: '2030-12-20' },
    ] as IncidentReviewItem[],
  },
});

const template = compileClosureReport();
const render = (language: Language): string =>
  template(closureReportModel(inputs(language)), language);

/** What a reader sees: the text between the tags, not the markup's attributes. */
const visibleText = (html: string): string => html.replace(/<[^>]*>/g, ' ');

describe('incident labels', () => {
  it.each([...LANGUAGES])('labels every event type and status in %s', (language) => {
    for (const type of INCIDENT_EVENT_TYPES)
      expect(INCIDENT_EVENT_LABELS[language][type]?.trim()).toBeTruthy();
    for (const status of INCIDENT_STATUSES)
      expect(INCIDENT_STATUS_LABELS[language][status]?.trim()).toBeTruthy();
  });
});

describe('closure report model', () => {
  it('words the status, the timeline and the task owners in the report language, keeping the event code for markup only', () => {
    const model = closureReportModel(inputs('ja'));
    expect(model.status).toBe('解決済み');
    expect(model.severity).toBe(labelsFor('ja').severity.critical);
    const timeline = model.timeline as { type: string; event: string; actor: string | null }[];
    expect(timeline.find((e) => e.type === 'status_changed')?.event).toBe('状態変更');
    // Times are in the reader's zone (Tokyo here), the zone named.
    expect(timeline[0]).toEqual({
      at: '2030/12/02 11:00 JST',
      type: 'opened',
      event: '起票',
      actor: 'Lead Analyst',
    });
    expect((model.tasks as { owner: string }[])[0].owner).toBe(labelsFor('ja').party.customer);
  });

  it.each([...LANGUAGES])(
    'the %s report prints words, not codes, and keeps each event code as data-type',
    (language) => {
      const html = render(language);
      const text = visibleText(html);
      for (const type of INCIDENT_EVENT_TYPES) {
        expect(text).toContain(INCIDENT_EVENT_LABELS[language][type]);
        expect(html).toContain(`<tr data-type="${type}">`);
      }
      expect(text).toContain(INCIDENT_STATUS_LABELS[language].resolved);
      expect(text).toContain(labelsFor(language).party.customer);
      // English words may equal a plain code ("Escalation acknowledged"); snake_case never reads as English.
      const codes = [...INCIDENT_EVENT_TYPES, 'resolved', 'customer', 'critical'].filter(
        (code) => language !== 'en' || code.includes('_'),
      );
      for (const code of codes) expect(text).not.toMatch(new RegExp(`\\b${code}\\b`));
    },
  );

  it.each([
    ['ja', '事後レビュー', '2030/12/20', '2030/12/02 11:55 JST'],
    ['en', 'Post-incident review', '20 Dec 2030', '2 Dec 2030, 11:55 GMT+9'],
    ['zh', '事后复盘', '2030年12月20日', '2030年12月2日 11:55'],
  ] as const)(
    'the %s report carries the post-incident review: its text escaped, owners by name, due days as days',
    (language, heading, due, recorded) => {
      const html = render(language);
      const text = visibleText(html);
      expect(text).toContain(heading);
      expect(html).toContain('A phishing mail &lt;script&gt; ran a macro');
      expect(text).toContain('Macros from the internet were allowed');
      expect(text).toContain('Block macros by policy');
      expect(html).toMatch(
        new RegExp(
          `<tr data-testid="review-item"><td>Disable macros</td><td>Hanako Sato</td><td>${due}</td></tr>`,
        ),
      );
      expect(text).toContain(recorded);
      const none = closureReportModel({ ...inputs(language), review: null });
      expect(none.review).toBeNull();
    },
  );

  it('the Japanese report shows 状態変更 for a status change, not status_changed', () => {
    const text = visibleText(render('ja'));
    expect(text).toContain('状態変更');
    expect(text).not.toContain('status_changed');
  });
});
