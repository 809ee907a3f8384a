import { closestName } from './closest-name.js';

const FIELDS = ['destination', 'consignee', 'items', 'endUse', 'reference', 'transaction'];

describe('closestName', () => {
  it.each([
    ['destinaton', 'destination'],
    ['Destination', 'destination'],
    ['consigne', 'consignee'],
    ['transation', 'transaction'],
    ['enduse', 'endUse'],
    ['refrence', 'reference'],
    ['itmes', 'items'],
  ])('given %s when compared with the known fields then it suggests %s', (name, meant) => {
    expect(closestName(name, FIELDS)).toBe(meant);
  });

  it('given a name close to none of them when compared then it suggests nothing', () => {
    expect(closestName('shipDate', FIELDS)).toBeUndefined();
    expect(closestName('x', FIELDS)).toBeUndefined();
  });
});
