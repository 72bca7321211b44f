/** Where each error code's explanation lives in the catalogs (ja, en, zh): `errors.code.<CODE>`. */
const ERROR_MESSAGE_PREFIX = 'errors.code';

export function errorMessageKey(code: string): string {
  return `${ERROR_MESSAGE_PREFIX}.${code}`;
}

export function isErrorMessageKey(key: string): boolean {
  return key.startsWith(`${ERROR_MESSAGE_PREFIX}.`);
}
