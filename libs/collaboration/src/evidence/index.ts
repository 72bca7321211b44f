export * from './evidence-subject';
export * from './evidence-file-kinds';
export * from './accept-evidence-file';
export * from './evidence-attachment.entity';
export * from './evidence-store.service';
export * from './evidence-subjects.service';
export * from './evidence.module';
