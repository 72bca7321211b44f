import type { Language } from '@app/identity';
import { translate } from '../i18n/translate';

/**
 * The API explains bad rows, classifications and refused input in English sentences. The ones
 * it is known to say are matched here and shown in the page's language (keys under
 * `inventory.reason.`); anything else is shown as given.
 */
const KNOWN: readonly (readonly [RegExp, string, readonly string[]])[] = [
  [/^hostname is empty$/, 'hostnameEmpty', []],
  [/^hostname "(.*)" is not a valid host name$/, 'hostnameInvalid', ['value']],
  [/^type "(.*)" must be one of (.+)$/, 'typeInvalid', ['value', 'allowed']],
  [/^os_family "(.*)" must be one of (.+)$/, 'osFamilyInvalid', ['value', 'allowed']],
  [/^os_version is empty$/, 'osVersionEmpty', []],
  [/^site is empty$/, 'siteEmpty', []],
  [/^kernel is required for Linux endpoints$/, 'kernelRequired', []],
  [/^country "(.*)" is not an ISO 3166-1 alpha-2 code$/, 'countryInvalid', ['value']],
  [/^(\w+) is longer than (\d+) characters$/, 'tooLong', ['field', 'max']],
  [/^more than (\d+) tags$/, 'tooManyTags', ['max']],
  [/^has (\d+) fields, expected (\d+)$/, 'fieldCount', ['got', 'expected']],
  [/^duplicate hostname "(.*)" \(first at line (\d+)\)$/, 'duplicateHostname', ['value', 'line']],
  [/^unknown column "(.*)"$/, 'unknownColumn', ['value']],
  [/^column "(.*)" appears twice$/, 'columnTwice', ['value']],
  [/^missing column "(.*)"$/, 'missingColumn', ['value']],
  [/^the file is empty \(no header line\)$/, 'emptyFile', []],
  [
    /^(.+): (?:extended support|support|.+ support) ended (\d{4}-\d{2}-\d{2})$/,
    'supportEnded',
    ['name', 'date'],
  ],
  [
    /^(.+): (?:extended support|support|.+ support) ends (\d{4}-\d{2}-\d{2}) \(in (\d+) days\)$/,
    'supportEnds',
    ['name', 'date', 'days'],
  ],
  [/^(.+): not supported by the (.+) sensor$/, 'notBySensor', ['name', 'product']],
  [
    /^(.+): supported by ([^;]+); (?:extended support|support|.+ support) until (\d{4}-\d{2}-\d{2})$/,
    'supportedUntil',
    ['name', 'product', 'date'],
  ],
  [/^(.+): supported by ([^;]+)$/, 'supported', ['name', 'product']],
  [
    /^(?:Windows version|macOS version|Linux distribution) "(.*)" is not in the (.+) support matrix(?: \(.*\))?$/,
    'notInMatrix',
    ['value', 'product'],
  ],
  [
    /^(.+) "(.*)": this version is not in the (.+) support matrix$/,
    'versionNotInMatrix',
    ['name', 'value', 'product'],
  ],
  [/^(.+): kernel "(.*)" is not a kernel version$/, 'kernelInvalid', ['name', 'value']],
  [
    /^(.+): kernel (.+) is outside the supported range (.+)–(.+)$/,
    'kernelOutOfRange',
    ['name', 'value', 'min', 'max'],
  ],
  [/^is required$/, 'required', []],
  [/^is required for an upgrade$/, 'upgradeByRequired', []],
  [/^is required when the product is removed$/, 'removePhaseRequired', []],
  [/^match no endpoint that needs a decision$/, 'noMatch', []],
  [
    /^(\d+) of (\d+) are not endpoints of this engagement that need a decision$/,
    'notEligible',
    ['bad', 'total'],
  ],
  [/^choose at least one endpoint$/, 'chooseEndpoints', []],
  [/^must be a date \(YYYY-MM-DD\)$/, 'date', []],
  [/^must be one of (.+)$/, 'oneOf', ['allowed']],
];

export function reasonText(language: Language, reason: string): string {
  for (const [pattern, key, names] of KNOWN) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
    return translate(language, `inventory.reason.${key}`, params);
  }
  return reason;
}
