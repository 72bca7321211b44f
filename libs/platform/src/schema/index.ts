export * from './payload-rules';
export * from './payload-read';
