// The one store of evidence files: checked by their bytes, hashed, kept as bytea chunks in
// PostgreSQL, listed and downloaded through the reader's scope, audited. Below the workflow, so
// a task's completion keeps its files here as steps, incidents and comments do.
export * from './evidence-errors';
export * from './evidence-subject';
export * from './safe-file-name';
export * from './evidence-file-kinds';
export * from './accept-evidence-file';
export * from './evidence-attachment.entity';
export * from './evidence-readers';
export * from './evidence-store.service';
export * from './evidence-store.module';
