import { DomainError } from '../errors/domain-error.js';
import { DeciderSpecification } from './decider-specification.js';

/** A counter that refuses to go past 2: enough to see the helper pass and fail. */
type Incremented = { type: 'Incremented' };
const spec = DeciderSpecification.for<{ type: 'Increment' }, Incremented, { count: number }>({
  initialState: () => ({ count: 0 }),
  evolve: ({ count }) => ({ count: count + 1 }),
  decide: (_, { count }) => {
    if (count >= 2) throw new DomainError('CONFLICT', 'full', { reason: 'FULL', count });
    return [{ type: 'Incremented' }];
  },
});
const increment = { type: 'Increment' } as const;

describe('DeciderSpecification', () => {
  it('given history when decided then it compares the events and the state they lead to', () => {
    spec
      .given([{ type: 'Incremented' }])
      .when(increment)
      .then([{ type: 'Incremented' }]);
    spec
      .given([{ type: 'Incremented' }])
      .when(increment)
      .thenState({ count: 2 });
    expect(() => spec.given([]).when(increment).then([])).toThrow();
  });

  it('given a refusal when thenThrows names it then it passes, and fails on other details or no error', () => {
    const full = [{ type: 'Incremented' }, { type: 'Incremented' }] as Incremented[];
    spec.given(full).when(increment).thenThrows(DomainError, { reason: 'FULL', count: 2 });
    expect(() => spec.given(full).when(increment).thenThrows(DomainError, { reason: 'EMPTY' })).toThrow();
    expect(() => spec.given(full).when(increment).thenThrows(TypeError)).toThrow();
    expect(() => spec.given([]).when(increment).thenThrows(DomainError)).toThrow(/expected DomainError, but decide returned \[\{"type":"Incremented"\}\]/);
  });
});
