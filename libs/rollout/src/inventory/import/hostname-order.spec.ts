import { HostnameOrder } from './hostname-order';

function orderOf(hostnames: string[]): HostnameOrder {
  const order = new HostnameOrder();
  for (const hostname of hostnames) order.see(hostname);
  return order;
}

describe('HostnameOrder', () => {
  test('hostnames in ascending byte order of their lower case are in order, whatever their case', () => {
    expect(orderOf(['ALPHA-1', 'alpha-2', 'Beta', 'beta-0', 'gamma']).ascending).toBe(true);
    expect(orderOf([]).ascending).toBe(true);
  });

  test('one hostname before its predecessor puts the whole file out of order', () => {
    const order = orderOf(['a-1', 'a-3', 'A-2', 'a-4']);
    expect(order.ascending).toBe(false);
    expect(order.rows).toBe(4);
  });

  test('byte order, not a locale: a digit sorts before a letter, "-" before both, "z" before nothing shorter', () => {
    expect(orderOf(['host-9', 'host-a']).ascending).toBe(true);
    expect(orderOf(['host-a', 'host-9']).ascending).toBe(false);
    expect(orderOf(['host', 'host-1', 'host1']).ascending).toBe(true);
    expect(orderOf(['hostz', 'host']).ascending).toBe(false);
  });
});
