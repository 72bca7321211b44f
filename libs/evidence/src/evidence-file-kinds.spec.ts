import { judgeEvidenceKind, sniffContent } from './evidence-file-kinds';

const ALL = ['pdf', 'png', 'jpeg', 'txt', 'csv', 'xlsx', 'docx'] as const;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('judgeEvidenceKind', () => {
  it('accepts a file whose bytes are the kind its name says, served as that kind', () => {
    expect(judgeEvidenceKind('Report.PDF', Buffer.from('%PDF-1.7\n'), ALL)).toEqual({
      ok: true,
      kind: 'pdf',
      contentType: 'application/pdf',
    });
    expect(judgeEvidenceKind('shot.png', PNG, ALL)).toMatchObject({ ok: true, kind: 'png' });
    expect(judgeEvidenceKind('hosts.csv', Buffer.from('host\nあ-pc\n'), ALL)).toEqual({
      ok: true,
      kind: 'csv',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(
      judgeEvidenceKind('plan.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 9]), ALL),
    ).toMatchObject({ ok: true, kind: 'docx' });
  });

  it('refuses programs by their bytes under any name, and by their extension', () => {
    expect(judgeEvidenceKind('report.pdf', Buffer.from('MZ\x90\x00'), ALL)).toMatchObject({
      ok: false,
      refusal: 'EVIDENCE_FILE_EXECUTABLE',
    });
    expect(judgeEvidenceKind('notes.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), ALL)).toMatchObject(
      { ok: false, refusal: 'EVIDENCE_FILE_EXECUTABLE' },
    );
    expect(
      judgeEvidenceKind('a.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), ALL),
    ).toMatchObject({ refusal: 'EVIDENCE_FILE_EXECUTABLE' });
    expect(judgeEvidenceKind('run.bat', Buffer.from('echo hi'), ALL)).toMatchObject({
      refusal: 'EVIDENCE_FILE_EXECUTABLE',
    });
  });

  it('refuses markup a browser would render, by its bytes or its extension', () => {
    expect(
      judgeEvidenceKind('notes.txt', Buffer.from('  <!DOCTYPE html><p>hi'), ALL),
    ).toMatchObject({ ok: false, refusal: 'EVIDENCE_FILE_ACTIVE_CONTENT' });
    expect(
      judgeEvidenceKind('data.csv', Buffer.from('a,b\n1,<script>alert(1)</script>\n'), ALL),
    ).toMatchObject({ refusal: 'EVIDENCE_FILE_ACTIVE_CONTENT' });
    expect(judgeEvidenceKind('logo.svg', Buffer.from('<svg xmlns="x"/>'), ALL)).toMatchObject({
      refusal: 'EVIDENCE_FILE_ACTIVE_CONTENT',
    });
    expect(judgeEvidenceKind('page.html', Buffer.from('hello'), ALL)).toMatchObject({
      refusal: 'EVIDENCE_FILE_ACTIVE_CONTENT',
    });
  });

  it('refuses kinds not on the list, and bytes that are not what the name says', () => {
    expect(judgeEvidenceKind('archive.zip', Buffer.from([0x50, 0x4b, 3, 4]), ALL)).toEqual({
      ok: false,
      refusal: 'EVIDENCE_FILE_TYPE_NOT_ALLOWED',
      reason: 'must be one of .pdf, .png, .jpg, .jpeg, .txt, .csv, .xlsx, .docx (got .zip)',
    });
    expect(judgeEvidenceKind('shot.png', PNG, ['pdf'])).toMatchObject({
      refusal: 'EVIDENCE_FILE_TYPE_NOT_ALLOWED',
    });
    expect(judgeEvidenceKind('report.pdf', PNG, ALL)).toEqual({
      ok: false,
      refusal: 'EVIDENCE_FILE_TYPE_MISMATCH',
      reason: 'is not a pdf file (its content does not match .pdf)',
    });
    expect(judgeEvidenceKind('latin.txt', Buffer.from([0x41, 0xe9, 0x42]), ALL)).toMatchObject({
      refusal: 'EVIDENCE_FILE_TYPE_MISMATCH',
    });
    expect(judgeEvidenceKind('noext', Buffer.from('text'), ALL)).toMatchObject({
      refusal: 'EVIDENCE_FILE_TYPE_NOT_ALLOWED',
    });
  });
});

describe('sniffContent', () => {
  it('reads what the bytes are, never the name', () => {
    expect(sniffContent(Buffer.from('%PDF-1.4'))).toEqual({ is: 'kind', kind: 'pdf' });
    expect(sniffContent(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({
      is: 'kind',
      kind: 'jpeg',
    });
    expect(sniffContent(Buffer.from('plain words'))).toEqual({ is: 'text' });
    expect(sniffContent(Buffer.from([0x00, 0x01, 0x02]))).toEqual({ is: 'unknown' });
  });
});
