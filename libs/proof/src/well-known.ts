/** Where the portal publishes every checkpoint key (current and retired) and its PDF seals. */
export const WELL_KNOWN_KEYS_PATH = '/.well-known/mdr-portal-keys.json';
