import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The libs form layers: a lib imports only libs below it, and no source file takes part in an
 * import cycle. docs/ARCHITECTURE.md draws the same order.
 */
const LAYERS: readonly string[][] = [
  ['platform'],
  ['access'],
  ['notify', 'audit'],
  ['identity'],
  ['proof'],
  ['evidence'],
  ['workflow'],
  ['agreements'],
  ['authorisation', 'rollout'],
  ['incidents'],
  ['collaboration'],
];

const ROOT = resolve(__dirname, '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g;
const BINDINGS = /(?:^|\n)\s*(?:import|export)\s([^;]*?)\s*from\s+'([^']+)'/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

function layerOf(lib: string): number {
  const layer = LAYERS.findIndex((libs) => libs.includes(lib));
  if (layer < 0) throw new Error(`libs/${lib} has no layer in import-graph.spec.ts`);
  return layer;
}

/** The file an import names, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  const alias = /^@app\/([a-z-]+)(?:\/(.*))?$/.exec(specifier);
  if (alias) base = join(ROOT, 'libs', alias[1], 'src', alias[2] ?? '');
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else return null;
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Each import or re-export of a file: what it names (`*` for all) and where from. */
function bindingsOf(file: string): { names: string[]; specifier: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(BINDINGS)].map((match) => {
    const clause = match[1].replace(/^type\s+/, '').trim();
    const braces = /\{([^}]*)\}/.exec(clause);
    const names = braces
      ? braces[1]
          .split(',')
          .map(
            (name) =>
              name
                .trim()
                .replace(/^type\s+/, '')
                .split(/\s+as\s+/)[0],
          )
          .filter((name) => name !== '')
      : [clause];
    return { names, specifier: match[2] };
  });
}

/** The names a file exports itself (classes, functions, constants, types). */
function ownExportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(
      /(?:^|\n)export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|const|let|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g,
    ),
  ].map((m) => m[1]);
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => match[1]);
}

/** Strongly connected components of more than one file (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.map((file) => relative(ROOT, file)).sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

describe('the import graph', () => {
  const libs = readdirSync(join(ROOT, 'libs')).filter((name) =>
    statSync(join(ROOT, 'libs', name)).isDirectory(),
  );

  it('has every lib import only libs of a lower layer', () => {
    const upward: string[] = [];
    for (const lib of libs) {
      for (const file of sourceFiles(join(ROOT, 'libs', lib, 'src'))) {
        for (const specifier of importsOf(file)) {
          const other = /^@app\/([a-z-]+)/.exec(specifier)?.[1];
          if (!other || other === lib) continue;
          if (layerOf(other) >= layerOf(lib))
            upward.push(`${relative(ROOT, file)} imports ${specifier}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no cycle between source files', () => {
    const graph = new Map<string, string[]>();
    const files = [
      ...libs.map((lib) => join(ROOT, 'libs', lib, 'src')),
      join(ROOT, 'apps'),
    ].flatMap(sourceFiles);
    for (const file of files) {
      graph.set(
        file,
        importsOf(file)
          .map((specifier) => resolveImport(file, specifier))
          .filter((target): target is string => target !== null),
      );
    }
    expect(cycles(graph)).toEqual([]);
  });

  it('has a controller imported only to register it, never for a helper of its own', () => {
    const misuses: string[] = [];
    const files = [
      ...libs.map((lib) => join(ROOT, 'libs', lib, 'src')),
      join(ROOT, 'apps'),
    ].flatMap(sourceFiles);
    for (const file of files) {
      for (const { names, specifier } of bindingsOf(file)) {
        const target = resolveImport(file, specifier);
        if (!target?.endsWith('.controller.ts')) continue;
        // `export *` (a lib's index) passes on whatever the controller exports.
        const named = names.includes('*') ? ownExportsOf(target) : names;
        const helpers = named.filter((name) => !name.endsWith('Controller'));
        if (helpers.length > 0)
          misuses.push(
            `${relative(ROOT, file)} imports ${helpers.join(', ')} from ${relative(ROOT, target)}`,
          );
      }
    }
    expect(misuses).toEqual([]);
  });

  it('keeps the portal in feature folders: no flat folder of controllers', () => {
    // Each portal feature holds its controllers, page service and forms (docs/ARCHITECTURE.md).
    expect(existsSync(join(ROOT, 'apps', 'api', 'src', 'portal', 'controllers'))).toBe(false);
  });
});
