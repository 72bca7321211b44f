// The agreement and catalogue drafts live beside the demo scenario, which proposes them too.
export {
  northwindAgreement,
  sampleAgreement,
  sampleCatalogue,
} from '../../../apps/api/src/seed/scenario/agreement-drafts';
