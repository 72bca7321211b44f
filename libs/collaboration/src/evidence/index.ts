export * from './evidence-subjects.service';
export * from './evidence.module';
