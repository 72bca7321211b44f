export * from './domain-confirmation';
