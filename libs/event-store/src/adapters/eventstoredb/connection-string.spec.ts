import { clientConnectionString } from './connection-string.js';

describe('clientConnectionString', () => {
  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['kurrentdb+discover://cluster.internal:2113?nodePreference=leader', 'esdb+discover://cluster.internal:2113?nodePreference=leader'],
    ['kdb://admin:changeit@a:2113,b:2113,c:2113?tls=true', 'esdb://admin:changeit@a:2113,b:2113,c:2113?tls=true'],
    ['KurrentDB://localhost:2113', 'esdb://localhost:2113'],
  ])('reads the KurrentDB scheme of %s as the esdb one', (given, expected) => {
    expect(clientConnectionString(given)).toBe(expected);
  });

  it('leaves esdb:// strings as they are', () => {
    expect(clientConnectionString('esdb://node1:2113,node2:2113?tls=false&nodePreference=leader')).toBe(
      'esdb://node1:2113,node2:2113?tls=false&nodePreference=leader',
    );
    expect(clientConnectionString('esdb+discover://cluster:2113')).toBe('esdb+discover://cluster:2113');
  });

  it('does not touch a scheme that merely starts like one (the client then refuses it)', () => {
    expect(clientConnectionString('kurrentdbx://localhost:2113')).toBe('kurrentdbx://localhost:2113');
  });
});
