// Reads a PDF from stdin with pdfjs-dist (ESM only, hence a child process under jest) and prints
// { pages, text, title } as JSON: the text of every page, lines joined with \n.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));
const pdf = await getDocument({ data, verbosity: 0, useSystemFonts: false, disableFontFace: true })
  .promise;
let text = '';
for (let number = 1; number <= pdf.numPages; number += 1) {
  const page = await pdf.getPage(number);
  const content = await page.getTextContent();
  for (const item of content.items) text += item.str + (item.hasEOL ? '\n' : '');
  text += '\n';
}
const { info } = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages: pdf.numPages, text, title: info?.Title ?? null }));
