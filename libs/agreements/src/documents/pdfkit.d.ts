// The part of pdfkit's API (0.20) the document PDFs use; pdfkit ships no typings of its own.
declare module 'pdfkit' {
  import { Readable } from 'node:stream';

  namespace PDFKit {
    interface DocumentOptions {
      size?: string | [number, number];
      margin?: number;
      lang?: string;
      bufferPages?: boolean;
      autoFirstPage?: boolean;
      info?: {
        Title?: string;
        Author?: string;
        Subject?: string;
        Creator?: string;
        Producer?: string;
        CreationDate?: Date;
        ModDate?: Date;
      };
    }
    interface TextOptions {
      width?: number;
      indent?: number;
      paragraphGap?: number;
      lineGap?: number;
      continued?: boolean;
      align?: 'left' | 'center' | 'right' | 'justify';
    }
    interface Page {
      width: number;
      height: number;
      margins: { top: number; bottom: number; left: number; right: number };
    }
  }

  class PDFDocument extends Readable {
    constructor(options?: PDFKit.DocumentOptions);
    x: number;
    y: number;
    page: PDFKit.Page;
    registerFont(name: string, src: Buffer | Uint8Array | string): this;
    font(name: string, size?: number): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    text(text: string, options?: PDFKit.TextOptions): this;
    text(text: string, x?: number, y?: number, options?: PDFKit.TextOptions): this;
    moveDown(lines?: number): this;
    addPage(): this;
    heightOfString(text: string, options?: PDFKit.TextOptions): number;
    widthOfString(text: string, options?: PDFKit.TextOptions): number;
    lineWidth(width: number): this;
    rect(x: number, y: number, width: number, height: number): this;
    stroke(color?: string): this;
    fillAndStroke(fill?: string, stroke?: string): this;
    end(): void;
  }

  export = PDFDocument;
}
