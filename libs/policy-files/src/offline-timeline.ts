import { documentToEvents, instantMs, PolicyTimeline, type Instant, type PolicyDocument, type RecordedPolicyEvent } from '#domain';
import type { PolicyDirectory } from './load-policy-directory.js';

/**
 * The events of policy files as if imported into an empty store one file after another, each
 * file recorded on its source's publication date, or on its recordedOn date when it corrects the
 * record later (docs/adr/008-offline-policy-timeline.md). So, without a store, "as known on K"
 * means "the files published, or recorded as corrections, by K".
 */
export function recordDocuments(documents: readonly PolicyDocument[]): RecordedPolicyEvent[] {
  const recorded: RecordedPolicyEvent[] = [];
  for (const document of documents) {
    for (const event of documentToEvents(document)) {
      recorded.push({ event, position: recorded.length + 1, recordedAt: recordingDate(document) });
    }
  }
  return recorded;
}

/** When a policy file joins the record: its recordedOn, else its source's publication date. */
export function recordingDate(document: PolicyDocument): Instant {
  return document.recordedOn ?? document.source.publishedAt;
}

/** A policy's timeline built from its files, with no store. */
export function offlineTimeline(directory: PolicyDirectory): PolicyTimeline {
  return new PolicyTimeline(directory.policyId, recordDocuments(directory.documents));
}

/** The latest recording instant: a knownAt that knows every file. */
export function lastRecordedAt(timeline: PolicyTimeline): Instant {
  const instants = timeline.events.map((recorded) => recorded.recordedAt);
  return instants.reduce((latest, at) => (instantMs(at) > instantMs(latest) ? at : latest), instants[0]);
}
