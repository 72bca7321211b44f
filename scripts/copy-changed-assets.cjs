// What `npm run build` copies beside the compiled code after tsc, as a module of its own so a test
// can hold it to its rules on a folder of its own.
const { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Copies each .cjs file under `from` to the same place under `to` when it is new or changed (tsc
 * does not emit them: the embedded database's worker thread is one), and each .json file tsc
 * emitted there (imported by the code: message catalogs, generated schemas) when its source
 * changed since: tsc's build mode judges staleness by the .ts files alone, so an edited catalog
 * would otherwise keep its old text in dist. A .json file tsc did not emit is not copied.
 */
function copyChangedAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyChangedAssets(source, target);
    else if (entry.name.endsWith('.cjs') && olderOrMissing(target, source)) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, target);
    } else if (entry.name.endsWith('.json') && existsSync(target) && olderOrMissing(target, source))
      copyFileSync(source, target);
  }
}

function olderOrMissing(target, source) {
  return !existsSync(target) || statSync(target).mtimeMs < statSync(source).mtimeMs;
}

module.exports = { copyChangedAssets };
