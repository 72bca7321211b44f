/**
 * Whether hostnames come in the order of the hostname index (the byte order of the lower-cased
 * name, which JavaScript's string comparison gives for ASCII; hostnames are ASCII).
 */
export class HostnameOrder {
  rows = 0;
  ascending = true;
  private last = '';

  see(hostname: string): void {
    this.rows += 1;
    if (!this.ascending) return;
    const key = hostname.toLowerCase();
    if (key < this.last) this.ascending = false;
    this.last = key;
  }
}
