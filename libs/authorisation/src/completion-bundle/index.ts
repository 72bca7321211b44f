export * from './completion-bundle.service';
export * from './completion-bundle.module';
export * from './approved-plan-content';
export * from './verifier-files';
export * from './zip-writer';
