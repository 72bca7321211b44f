/**
 * Reads the HTML our own document templates produce (a small, known set of tags, every text
 * escaped by Handlebars) into blocks a PDF writer can lay out. It is not a general HTML parser
 * and is never given outside HTML.
 */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'preformatted'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'table'; rows: Array<Array<{ text: string; header: boolean }>> };

interface Element {
  tag: string;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['meta', 'br', 'hr', 'link', 'img']);
const SKIP = new Set(['head', 'style', 'script', 'title']);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function parse(html: string): Element {
  const root: Element = { tag: 'root', children: [] };
  const stack: Element[] = [root];
  const pattern =
    /<!--[\s\S]*?-->|<!doctype[^>]*>|<\/([a-z0-9]+)\s*>|<([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>|([^<]+)/gi;
  for (const match of html.matchAll(pattern)) {
    const [, closing, opening, , text] = match;
    const top = stack[stack.length - 1];
    if (text !== undefined) {
      top.children.push(decodeEntities(text));
    } else if (opening !== undefined) {
      const element: Element = { tag: opening.toLowerCase(), children: [] };
      top.children.push(element);
      if (!VOID.has(element.tag)) stack.push(element);
    } else if (closing !== undefined) {
      const tag = closing.toLowerCase();
      const index = stack.map((e) => e.tag).lastIndexOf(tag);
      if (index > 0) stack.length = index;
    }
  }
  return root;
}

function textOf(node: Node, preserve = false): string {
  const raw =
    typeof node === 'string'
      ? node
      : node.children.map((child) => textOf(child, preserve)).join('');
  return preserve ? raw : raw.replace(/\s+/g, ' ');
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function elements(node: Element, tag?: string): Element[] {
  return node.children.filter(
    (c): c is Element => typeof c !== 'string' && (tag === undefined || c.tag === tag),
  );
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of elements(table)) {
    if (child.tag === 'tr') rows.push(child);
    else if (child.tag === 'thead' || child.tag === 'tbody' || child.tag === 'tfoot')
      rows.push(...elements(child, 'tr'));
  }
  return rows;
}

function collect(node: Element, blocks: Block[]): void {
  for (const child of node.children) {
    if (typeof child === 'string') {
      const text = clean(child);
      if (text) blocks.push({ type: 'paragraph', text });
      continue;
    }
    if (SKIP.has(child.tag)) continue;
    switch (child.tag) {
      case 'h1':
      case 'h2':
      case 'h3':
        blocks.push({
          type: 'heading',
          level: Number(child.tag[1]) as 1 | 2 | 3,
          text: clean(textOf(child)),
        });
        break;
      case 'p':
        blocks.push({ type: 'paragraph', text: clean(textOf(child)) });
        break;
      case 'pre':
        blocks.push({
          type: 'preformatted',
          text: textOf(child, true).replace(/^\n/, '').replace(/\s+$/, ''),
        });
        break;
      case 'ul':
      case 'ol':
        blocks.push({
          type: 'list',
          ordered: child.tag === 'ol',
          items: elements(child, 'li').map((li) => clean(textOf(li))),
        });
        break;
      case 'table':
        blocks.push({
          type: 'table',
          rows: rowsOf(child).map((tr) =>
            elements(tr)
              .filter((cell) => cell.tag === 'th' || cell.tag === 'td')
              .map((cell) => ({ text: clean(textOf(cell)), header: cell.tag === 'th' })),
          ),
        });
        break;
      default:
        collect(child, blocks);
    }
  }
}

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  collect(parse(html), blocks);
  return blocks.filter((block) => block.type !== 'paragraph' || block.text.length > 0);
}

/** The document's title, from <title>. */
export function htmlTitle(html: string): string {
  const match = /<title>([^<]*)<\/title>/i.exec(html);
  return match ? decodeEntities(match[1]).trim() : '';
}
