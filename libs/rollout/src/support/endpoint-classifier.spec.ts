import { ClassifiableEndpoint, classifyEndpoint } from './classify-endpoint';
import { memoisedClassifier } from './endpoint-classifier';
import { supportMatrixFor } from './matrices';

const matrix = supportMatrixFor('example-edr');
const TODAY = '2025-06-01';

const endpoints: ClassifiableEndpoint[] = [
  { type: 'client', osFamily: 'windows', osVersion: '10.0.19045', kernel: null },
  { type: 'server', osFamily: 'windows', osVersion: '10.0.17763', kernel: null },
  { type: 'client', osFamily: 'windows', osVersion: '10.0.17763', kernel: null },
  { type: 'server', osFamily: 'linux', osVersion: 'RHEL 8.6', kernel: '4.18.0-372.9.1.el8.x86_64' },
  { type: 'server', osFamily: 'linux', osVersion: 'RHEL 8.6', kernel: '2.6.32' },
  { type: 'client', osFamily: 'macos', osVersion: '14.5', kernel: null },
  { type: 'client', osFamily: 'macos', osVersion: '14.5', kernel: '' },
];

describe('memoisedClassifier', () => {
  it('answers as classifyEndpoint does, remembering each (type, family, version, kernel)', () => {
    const classify = memoisedClassifier(matrix, TODAY, 180);
    const first = endpoints.map((e) => classify(e));
    expect(first).toEqual(endpoints.map((e) => classifyEndpoint(matrix, e, TODAY, 180)));
    // Remembered: the same objects again (a null kernel and '' are one key, as before).
    expect(endpoints.map((e) => classify({ ...e }))).toEqual(first);
    endpoints.forEach((e, i) => expect(classify({ ...e })).toBe(first[i]));
    expect(classify(endpoints[6])).toBe(classify(endpoints[5]));
  });

  it('stays right past its size limit (it starts afresh)', () => {
    const classify = memoisedClassifier(matrix, TODAY, 180);
    for (let i = 0; i < 25_000; i += 1) {
      const endpoint: ClassifiableEndpoint = {
        type: 'client',
        osFamily: 'windows',
        osVersion: `10.0.${i}`,
        kernel: null,
      };
      if (i % 997 === 0)
        expect(classify(endpoint)).toEqual(classifyEndpoint(matrix, endpoint, TODAY, 180));
      else classify(endpoint);
    }
    expect(classify(endpoints[0])).toEqual(classifyEndpoint(matrix, endpoints[0], TODAY, 180));
  });
});
