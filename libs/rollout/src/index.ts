export * from './inventory/endpoint.entity';
export * from './entities';
