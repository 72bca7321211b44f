export * from './domain/incident-vocabulary';
export * from './domain/incident-rules';
export * from './entities';
export * from './incidents.module';
export * from './services/incidents.service';
export * from './services/incident-progress.service';
export * from './services/response-actions.service';
export * from './services/action-links.service';
