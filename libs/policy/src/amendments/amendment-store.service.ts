import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, eventMetadata, stableId } from '#api-kit';
import {
  amendmentDecider,
  amendmentStreamName,
  evolveAmendment,
  initialAmendmentState,
  knownPolicyOf,
  policyStreamName,
  type AmendmentBase,
  type AmendmentCommand,
  type AmendmentEvent,
  type AmendmentState,
  type KnownPolicy,
  type PolicyEvent,
} from '#domain';
import { handleCommand, readStream, type EventStore } from '#event-store';

export interface LoadedAmendment {
  state: AmendmentState;
  position: number;
}

/** An amendment's stream, folded; and the policy head that drafts are checked against. */
@Injectable()
export class AmendmentStore {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(amendmentId: string): Promise<LoadedAmendment> {
    const read = await readStream<AmendmentEvent>(this.store, amendmentStreamName(amendmentId));
    return { state: read.events.reduce(evolveAmendment, initialAmendmentState()), position: read.recorded.at(-1)?.position ?? 0 };
  }

  /**
   * The amendment decider through handleCommand: decides the command built from the folded
   * stream and appends at the revision folded (a concurrent write makes this a CONFLICT; no retry:
   * the command was built on what the caller saw). Event ids derive from the command's id.
   */
  async run(amendmentId: string, commandId: string, build: (state: AmendmentState) => AmendmentCommand | Promise<AmendmentCommand>): Promise<LoadedAmendment> {
    const stream = amendmentStreamName(amendmentId);
    let decided: AmendmentCommand | undefined;
    const result = await handleCommand(this.store, amendmentDecider, async (state: AmendmentState) => (decided = await build(state)), {
      streams: [stream],
      toNewEvent: (event, index) => ({
        id: stableId(amendmentId, commandId, String(index)),
        type: event.type,
        data: event.data,
        metadata: eventMetadata(decided!.data.actor, { commandId }),
      }),
    });
    return { state: result.state, position: result.streams[stream]!.position };
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
