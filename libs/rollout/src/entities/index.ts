import { SecurityProductPlan } from '../coexistence/security-product-plan.entity';
import { Endpoint } from '../inventory/endpoint.entity';
import { EndpointDecision, EndpointDecisionEndpoint } from '../support/endpoint-decision.entity';

export { Endpoint, EndpointDecision, EndpointDecisionEndpoint, SecurityProductPlan };

/** Every roll-out table; each part of the roll-out adds its entities here. */
export const ROLLOUT_ENTITIES = [Endpoint, EndpointDecision, EndpointDecisionEndpoint, SecurityProductPlan];
