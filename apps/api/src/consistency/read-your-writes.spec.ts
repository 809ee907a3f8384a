import { InvalidInputError } from '#domain';
import { requestedPosition } from './read-your-writes.js';

describe('requestedPosition: what a query asks to be consistent with', () => {
  it('is nothing without the argument or the header', () => {
    expect(requestedPosition(undefined, undefined)).toBeUndefined();
    expect(requestedPosition(null, undefined)).toBeUndefined();
  });

  it('takes the argument, the header, or the higher of both', () => {
    expect(requestedPosition(1200, undefined)).toBe(1200);
    expect(requestedPosition(undefined, '3400')).toBe(3400);
    expect(requestedPosition(5000, ' 3400 ')).toBe(5000);
    expect(requestedPosition(0, ['1', '9'])).toBe(9);
  });

  it('accepts positions past 2^31, as EventStoreDB log offsets are', () => {
    expect(requestedPosition(2 ** 40, undefined)).toBe(2 ** 40);
    expect(requestedPosition(undefined, String(2 ** 40))).toBe(2 ** 40);
  });

  it.each([[-1], [1.5], [2 ** 53], ['12']])('refuses the argument %p as BAD_USER_INPUT naming consistentWith', (argument) => {
    const error = (() => {
      try {
        return requestedPosition(argument, undefined);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', path: 'consistentWith' });
  });

  it.each(['soon', '-4', '1e6', '', '12345678901234567890'])('refuses the header %p as BAD_USER_INPUT naming x-consistent-with', (header) => {
    expect(() => requestedPosition(undefined, header)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', path: 'x-consistent-with' }));
  });
});
