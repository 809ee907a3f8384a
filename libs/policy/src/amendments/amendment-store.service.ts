import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, eventMetadata, stableId } from '#api-kit';
import {
  amendmentStreamName,
  decideAmendment,
  evolveAmendment,
  initialAmendmentState,
  knownPolicyOf,
  policyStreamName,
  type Actor,
  type AmendmentBase,
  type AmendmentCommand,
  type AmendmentEvent,
  type AmendmentState,
  type KnownPolicy,
  type PolicyEvent,
} from '#domain';
import type { EventStore } from '#event-store';

export interface LoadedAmendment {
  state: AmendmentState;
  position: number;
}

/** An amendment's stream, folded; and the policy head that drafts are checked against. */
@Injectable()
export class AmendmentStore {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(amendmentId: string): Promise<LoadedAmendment> {
    const events = await this.store.readStream(amendmentStreamName(amendmentId));
    const state = events.reduce((folded, event) => evolveAmendment(folded, { type: event.type, data: event.data } as AmendmentEvent), initialAmendmentState());
    return { state, position: events.at(-1)?.position ?? 0 };
  }

  /**
   * The decider cycle: load the stream, decide the command built from what was loaded, append
   * at the version it was decided on (a concurrent write makes this a CONFLICT).
   */
  async run(
    amendmentId: string,
    commandId: string,
    build: (loaded: LoadedAmendment) => AmendmentCommand | Promise<AmendmentCommand>,
  ): Promise<LoadedAmendment> {
    const loaded = await this.load(amendmentId);
    const command = await build(loaded);
    const events = decideAmendment(command, loaded.state);
    const state = events.reduce(evolveAmendment, loaded.state);
    const position = await this.append(loaded.state, amendmentId, events, command.data.actor, commandId);
    return { state, position };
  }

  private async append(state: AmendmentState, amendmentId: string, events: AmendmentEvent[], actor: Actor, commandId: string): Promise<number> {
    if (events.length === 0) return (await this.load(amendmentId)).position;
    const metadata = eventMetadata(actor, { commandId });
    const result = await this.store.append(
      amendmentStreamName(amendmentId),
      events.map((event, index) => ({ id: stableId(amendmentId, commandId, String(index)), type: event.type, data: event.data, metadata })),
      state.version === 0 ? 'no_stream' : state.version - 1,
    );
    return result.position;
  }

  /** What the policy holds right now, read from the store (not a projection that may lag). */
  async policyHead(policyId: string): Promise<{ known: KnownPolicy; base: AmendmentBase }> {
    const events = await this.store.readStream(policyStreamName(policyId));
    const last = events.at(-1);
    return {
      known: knownPolicyOf(events.map((event) => ({ type: event.type, data: event.data }) as PolicyEvent)),
      base: { position: last?.position ?? 0, revision: last?.revision ?? -1 },
    };
  }
}
