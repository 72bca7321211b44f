import {
  DEFAULT_BYTE_RANGE_PLACEHOLDER,
  DEFAULT_SIGNATURE_LENGTH,
  SIG_FLAGS,
  SUBFILTER_ADOBE_PKCS7_DETACHED,
} from '@signpdf/utils';

/** pdfkit's internals that a signature field needs (not in its public API, nor in our typings). */
interface PdfKitInternals {
  ref(data: Record<string, unknown>): { end(): void };
  initForm(): void;
  _acroform?: unknown;
  _root: {
    data: { AcroForm: { data: { Fields: unknown[]; DR?: unknown } & Record<string, unknown> } };
  };
  page: { dictionary: unknown; annotations: unknown[] };
}

export interface SealFields {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/**
 * Adds an invisible signature field whose value is a signature dictionary with a ByteRange and
 * Contents placeholder, as @signpdf's pdfkit placeholder does (written here because that
 * package's peer range stops at pdfkit 0.11); @signpdf/signpdf then fills both.
 */
export function addSignaturePlaceholder(document: PDFKit.PDFDocument, fields: SealFields): void {
  const pdf = document as unknown as PdfKitInternals;
  const signature = pdf.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    ByteRange: [
      0,
      DEFAULT_BYTE_RANGE_PLACEHOLDER,
      DEFAULT_BYTE_RANGE_PLACEHOLDER,
      DEFAULT_BYTE_RANGE_PLACEHOLDER,
    ],
    Contents: Buffer.alloc(DEFAULT_SIGNATURE_LENGTH),
    Reason: new String(fields.reason),
    M: fields.signingTime,
    ContactInfo: new String(fields.contactInfo),
    Name: new String(fields.name),
    Location: new String(fields.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' } },
  });
  if (!pdf._acroform) pdf.initForm();
  const form = pdf._root.data.AcroForm;
  form.data = {
    Type: 'AcroForm',
    SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY,
    Fields: form.data.Fields,
    DR: form.data.DR,
  };
  const widget = pdf.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: new String(`Signature${form.data.Fields.length + 1}`),
    F: 4,
    P: pdf.page.dictionary,
  });
  pdf.page.annotations.push(widget);
  form.data.Fields.push(widget);
  signature.end();
  widget.end();
}
