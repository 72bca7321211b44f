import type { Language } from '@app/access';
import type { AgreementContent } from './agreement-content';
import type { ServiceCatalogue } from './catalogue-content';
import { describeDays, fillFormat, Labels, labelsFor } from './labels';
import { coversHours, ServiceHours } from './service-hours';
import { Channel, RESPONSE_ACTIONS, SEVERITIES } from './vocabulary';

function describeHours(labels: Labels, hours: ServiceHours): string {
  if (hours.coverage === '24x7') return labels.coverage['24x7'];
  return fillFormat(labels.formats.businessHours, {
    coverage: labels.coverage.business_hours,
    days: describeDays(labels, hours.days ?? []),
    start: hours.start ?? '',
    end: hours.end ?? '',
    timeZone: hours.timeZone,
  });
}

/**
 * Every requirement of the agreement that the provider's catalogue cannot meet, each as one
 * sentence naming what the customer wants and what the provider offers. Empty when all is met.
 * English keeps the API's codes (zh, critical, disable_account); Japanese and Chinese use words.
 */
export function findCatalogueMismatches(
  agreement: AgreementContent,
  catalogue: ServiceCatalogue,
  providerName: string,
  language: Language,
  at: Date,
): string[] {
  const labels = labelsFor(language);
  const words = language !== 'en';
  const say = labels.mismatch;
  const sentences: string[] = [];

  const wantedLanguages = [
    agreement.communication.primaryLanguage,
    ...agreement.communication.otherLanguages,
  ];
  const missingLanguages = wantedLanguages.filter((l) => !catalogue.languages.includes(l));
  if (missingLanguages.length > 0) {
    sentences.push(
      say.language(labels.list(missingLanguages), providerName, labels.list(catalogue.languages)),
    );
  }

  for (const severity of SEVERITIES) {
    const wanted = agreement.sla[severity];
    const best = catalogue.bestSlaMinutes[severity];
    const name = words ? labels.severity[severity] : severity;
    if (wanted.acknowledgeMinutes < best.acknowledgeMinutes) {
      sentences.push(
        say.sla(
          name,
          'acknowledge',
          wanted.acknowledgeMinutes,
          providerName,
          best.acknowledgeMinutes,
        ),
      );
    }
    if (wanted.respondMinutes < best.respondMinutes) {
      sentences.push(
        say.sla(name, 'respond', wanted.respondMinutes, providerName, best.respondMinutes),
      );
    }
  }

  const offeredActions = catalogue.supportedActions.length
    ? labels.list(catalogue.supportedActions.map((a) => (words ? labels.action[a] : a)))
    : labels.none;
  for (const action of RESPONSE_ACTIONS) {
    if (catalogue.supportedActions.includes(action)) continue;
    const mode = agreement.responseAuthorisation[action].mode;
    // Recommend-only actions are the customer's to carry out: the provider need not offer them.
    if (mode === 'notify') continue;
    sentences.push(
      say.action(
        words ? labels.action[action] : action,
        words ? labels.mode[mode] : mode,
        providerName,
        offeredActions,
      ),
    );
  }

  if (!coversHours(catalogue.serviceHours, agreement.serviceHours, at)) {
    sentences.push(
      say.hours(
        describeHours(labels, agreement.serviceHours),
        providerName,
        describeHours(labels, catalogue.serviceHours),
      ),
    );
  }

  if (catalogue.channels) {
    const offered = catalogue.channels;
    const offeredText = labels.list(offered.map((c) => (words ? labels.channel[c] : c)));
    const channelName = (c: Channel) => (words ? labels.channel[c] : c);
    for (const severity of SEVERITIES) {
      const channel = agreement.sla[severity].channel;
      if (!offered.includes(channel)) {
        const usage = say.slaChannelUsage(words ? labels.severity[severity] : severity);
        sentences.push(say.channel(channelName(channel), usage, providerName, offeredText));
      }
    }
    const missing = agreement.communication.channels.filter((c) => !offered.includes(c));
    if (missing.length > 0) {
      sentences.push(
        say.channel(
          labels.list(missing.map(channelName)),
          say.communicationUsage(),
          providerName,
          offeredText,
        ),
      );
    }
  }
  return sentences;
}
