import { Injectable } from '@nestjs/common';
import type PDFKitDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { Block, htmlTitle, htmlToBlocks } from './html-blocks';

/**
 * Noto Sans SC (SIL OFL), from the @expo-google-fonts/noto-sans-sc package: one font that has
 * every glyph Japanese, Chinese and English documents need. Kanji are drawn in their Simplified
 * Chinese regional forms, which differ slightly from Japanese forms for some characters.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fonts;
}

const HEADING_SIZE = { 1: 18, 2: 13.5, 3: 11.5 } as const;
const BODY_SIZE = 9.5;
/** A fixed date, so the same HTML always gives the same PDF bytes. */
const EPOCH = new Date(Date.UTC(2000, 0, 1));

/**
 * Draws a document's stored HTML as an A4 PDF with pdfkit: headings, paragraphs, lists, tables
 * and preformatted text, with the font embedded (subset), so the text can be copied and searched.
 */
@Injectable()
export class PdfWriter {
  /** `beforeEnd` may add to the finished document (the PDF seal's signature placeholder). */
  async render(
    html: string,
    language: string,
    beforeEnd?: (doc: PDFKit.PDFDocument) => void,
  ): Promise<Buffer> {
    const { regular, bold } = loadFonts();
    // Loaded when the first PDF is drawn: pdfkit and fontkit cost the start about a second.
    const PDFDocument: typeof PDFKitDocument = (await import('pdfkit')).default;
    const doc = new PDFDocument({
      size: 'A4',
      margin: 48,
      lang: language,
      info: {
        Title: htmlTitle(html),
        Creator: 'MDR onboarding portal',
        Producer: 'pdfkit',
        CreationDate: EPOCH,
        ModDate: EPOCH,
      },
    });
    doc.registerFont('regular', regular);
    doc.registerFont('bold', bold);
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    for (const block of htmlToBlocks(html)) this.draw(doc, block);
    beforeEnd?.(doc);
    doc.end();
    return done;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
    const bottom = doc.page.height - doc.page.margins.bottom;
    if (doc.y + height > bottom && doc.y > doc.page.margins.top) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    }
  }

  private width(doc: PDFKit.PDFDocument): number {
    return doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private draw(doc: PDFKit.PDFDocument, block: Block): void {
    const left = doc.page.margins.left;
    switch (block.type) {
      case 'heading':
        doc.moveDown(block.level === 1 ? 0 : 0.6);
        doc.font('bold').fontSize(HEADING_SIZE[block.level]).fillColor('#1b1b1b');
        // Keep a heading with the start of what follows it.
        this.ensureSpace(doc, doc.heightOfString(block.text, { width: this.width(doc) }) + 48);
        doc.text(block.text, left, doc.y, { width: this.width(doc) });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc.font('regular').fontSize(BODY_SIZE).fillColor('#1b1b1b');
        doc.text(block.text, left, doc.y, { width: this.width(doc), paragraphGap: 4 });
        break;
      case 'preformatted':
        doc
          .font('regular')
          .fontSize(BODY_SIZE - 0.5)
          .fillColor('#333333');
        doc.text(block.text, left + 12, doc.y, { width: this.width(doc) - 12, paragraphGap: 4 });
        doc.fillColor('#1b1b1b');
        break;
      case 'list':
        doc.font('regular').fontSize(BODY_SIZE).fillColor('#1b1b1b');
        block.items.forEach((item, index) => {
          const marker = block.ordered ? `${index + 1}.` : '•';
          this.ensureSpace(doc, doc.heightOfString(item, { width: this.width(doc) - 24 }) + 2);
          const y = doc.y;
          doc.text(marker, left + 6, y, { width: 18 });
          doc.text(item, left + 24, y, { width: this.width(doc) - 24, paragraphGap: 2 });
        });
        doc.moveDown(0.3);
        break;
      case 'table':
        this.table(
          doc,
          block.rows.filter((row) => row.length > 0),
        );
        doc.moveDown(0.5);
        break;
    }
  }

  /**
   * A grid with borders, header cells bold on grey; columns sized by their content, rows by their
   * tallest cell; a row that does not fit starts a new page. (pdfkit's own table() measures far
   * more than this needs and is slow with a large CJK font.)
   */
  private table(
    doc: PDFKit.PDFDocument,
    rows: Array<Array<{ text: string; header: boolean }>>,
  ): void {
    if (rows.length === 0) return;
    const columns = Math.max(...rows.map((row) => row.length));
    const total = this.width(doc);
    const padding = 4;
    doc.fontSize(BODY_SIZE);
    const natural = Array.from({ length: columns }, (_, column) =>
      Math.max(
        36,
        ...rows.map((row) => {
          const cell = row[column];
          if (!cell) return 0;
          doc.font(cell.header ? 'bold' : 'regular');
          return Math.min(doc.widthOfString(cell.text), total * 0.6) + 2 * padding;
        }),
      ),
    );
    const sum = natural.reduce((a, b) => a + b, 0);
    const widths = natural.map((w) => (w / sum) * total);
    const left = doc.page.margins.left;
    const bottom = doc.page.height - doc.page.margins.bottom;
    let y = doc.y;
    for (const row of rows) {
      const cells = Array.from(
        { length: columns },
        (_, column) => row[column] ?? { text: '', header: false },
      );
      const heights = cells.map((cell, column) => {
        doc.font(cell.header ? 'bold' : 'regular');
        return (
          doc.heightOfString(cell.text || ' ', { width: widths[column] - 2 * padding }) +
          2 * padding
        );
      });
      const height = Math.max(...heights);
      if (y + height > bottom && y > doc.page.margins.top) {
        doc.addPage();
        y = doc.page.margins.top;
      }
      let x = left;
      cells.forEach((cell, column) => {
        doc.lineWidth(0.5);
        if (cell.header) doc.rect(x, y, widths[column], height).fillAndStroke('#eef1f4', '#999999');
        else doc.rect(x, y, widths[column], height).stroke('#999999');
        doc.fillColor('#1b1b1b').font(cell.header ? 'bold' : 'regular');
        doc.text(cell.text, x + padding, y + padding, { width: widths[column] - 2 * padding });
        x += widths[column];
      });
      y += height;
    }
    doc.x = left;
    doc.y = y;
    doc.font('regular');
  }
}
