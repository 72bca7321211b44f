import type { CommentView } from '@app/collaboration';
import { evidenceDownloadPath } from '../evidence/evidence-paths';
import { formatBytes } from '../onboarding/completion-flash';

/** A comment's file as a page lists it: name, size, SHA-256 and its download with the session. */
export interface CommentFileLink {
  id: string;
  fileName: string;
  size: string;
  sha256: string;
  href: string;
}

/** The files a comment view carries (already only those the reader may see), as links. */
export function commentFileLinks(files: CommentView['files']): CommentFileLink[] {
  return files.map((file) => ({
    id: file.id,
    fileName: file.fileName,
    size: formatBytes(file.sizeBytes),
    sha256: file.sha256,
    href: evidenceDownloadPath(file.id),
  }));
}
