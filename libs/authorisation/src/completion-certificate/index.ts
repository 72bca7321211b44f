export * from './certificate-facts';
export * from './completion-certificate.service';
export * from './completion-certificate.module';
