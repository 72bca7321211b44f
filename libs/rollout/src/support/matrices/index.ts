import { NotFoundException } from '@app/platform';
import type { SupportMatrix } from '../support-matrix';
import exampleEdr from './example-edr.json';

/** Every shipped matrix, by the engagement's `edrProduct`; a new product is a JSON file and a line here. */
const MATRICES: Record<string, SupportMatrix> = {
  'example-edr': exampleEdr as SupportMatrix,
};

export function supportMatrixFor(product: string): SupportMatrix {
  const matrix = Object.hasOwn(MATRICES, product) ? MATRICES[product] : undefined;
  if (!matrix) throw new NotFoundException(`Support matrix for EDR product "${product}"`);
  return matrix;
}
