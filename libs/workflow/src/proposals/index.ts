export * from './proposal-document';
export * from './plan-snapshot';
export * from './proposal-subjects.registry';
export * from './free-form-schemas';
export * from './document-labels';
export * from './plan-snapshots.service';
export * from './proposal-documents.service';
export * from './proposal-document-renderer';
