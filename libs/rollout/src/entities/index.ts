import { Endpoint } from '../inventory/endpoint.entity';

export { Endpoint };

/** Every roll-out table; each part of the roll-out adds its entities here. */
export const ROLLOUT_ENTITIES = [Endpoint];
