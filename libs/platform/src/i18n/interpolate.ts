/** Message parameters: `{name}` in a message is replaced by `String(params.name)`. */
export type MessageParams = Readonly<Record<string, unknown>>;

/**
 * `template` with each `{name}` filled from `params` (through `encode`, e.g. HTML escaping, when
 * given). A placeholder without a parameter stays visible rather than vanishing.
 */
export function interpolate(
  template: string,
  params: MessageParams,
  encode: (value: string) => string = (value) => value,
): string {
  // Most messages have no placeholder: nothing to scan for (a page looks up hundreds).
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? encode(String(params[name])) : whole,
  );
}

/** The placeholder names of a message, each once, sorted (translations must use the same). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();
}
