/** Host names typed one per line (commas and spaces separate too). */
export function hostnamesOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter((h) => h !== '');
}
