import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface PdfText {
  pages: number;
  /** Every page's text, lines joined with \n. */
  text: string;
  title: string | null;
}

/** Parses a PDF with pdfjs-dist in a child process (pdfjs-dist is ESM only; jest runs CommonJS). */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'pdf-text-child.mjs')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`pdf-text exited ${code}: ${Buffer.concat(err).toString()}`));
      resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as PdfText);
    });
    child.stdin.end(pdf);
  });
}

/** Text without any whitespace, so words broken across lines or cells still match. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
