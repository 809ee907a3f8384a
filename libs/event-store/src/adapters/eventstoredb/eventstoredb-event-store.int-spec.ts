import { EventStoreDbStandIn } from '../../../../../test/support/esdb-standin/event-store-db-stand-in.js';
import { describeEventStoreContract } from '../../testing/event-store-contract.js';
import { eventStoreDbConnectionStringFromEnv, openEventStoreDbEventStore } from './eventstoredb-event-store.js';

// The real client and this adapter's real calls, against the in-process stand-in (not EventStoreDB).
describe('eventstoredb on the in-process stand-in', () => {
  const standIn = new EventStoreDbStandIn();

  beforeAll(async () => {
    await standIn.start();
    console.log(`eventstoredb (stand-in): ran against the EventStoreDB stand-in at ${standIn.connectionString}`);
  });

  afterAll(async () => {
    await standIn.stop();
  });

  describeEventStoreContract('eventstoredb (stand-in)', async () => ({
    open: async (options) => openEventStoreDbEventStore({ connectionString: standIn.connectionString, serializer: options?.serializer }),
    dispose: async () => undefined,
  }));
});

const realServer = eventStoreDbConnectionStringFromEnv();
if (realServer) {
  console.log(`eventstoredb (real server): ran against ${realServer.replace(/\/\/[^@/]*@/, '//***@')}`);
  describeEventStoreContract('eventstoredb (real server)', async () => ({
    open: async (options) => openEventStoreDbEventStore({ connectionString: realServer, serializer: options?.serializer }),
    dispose: async () => undefined,
  }));
} else {
  describe('eventstoredb (real server)', () => {
    it('is skipped: EVENTSTORE_CONNECTION_STRING is not set', () => {
      console.log('eventstoredb (real server): skipped, EVENTSTORE_CONNECTION_STRING not set');
    });
  });
}
