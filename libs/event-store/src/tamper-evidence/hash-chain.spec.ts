import { createHash } from 'node:crypto';
import { loadThresholdChangedV1Fixture } from '../testing/event-store-contract.js';
import { canonicalJson } from '#domain';
import { ChainVerifier, GENESIS_HASH, eventHash } from './hash-chain.js';

describe('the hash chain', () => {
  it('hashes the canonical JSON of { stream, revision, type, data, metadata without hash, prevHash }', () => {
    const data = { value: 1, parameter: 'tpp' };
    const metadata = { schemaVersion: 1, prevHash: GENESIS_HASH, correlationId: 'c' };
    const expected = createHash('sha256')
      .update(canonicalJson({ stream: 's', revision: 0, type: 'T', data, metadata, prevHash: GENESIS_HASH }))
      .digest('hex');
    expect(eventHash('s', 0, 'T', canonicalJson(data), canonicalJson(metadata), GENESIS_HASH)).toBe(expected);
  });

  it('still verifies the stored version-1 fixture', () => {
    const fixture = loadThresholdChangedV1Fixture() as ReturnType<typeof loadThresholdChangedV1Fixture> & { id: string; position: number };
    const verifier = new ChainVerifier();
    verifier.check(fixture);
    expect(verifier.result()).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 1 });
  });

  it('reports the first broken link: an edited event, then a link that skips', () => {
    const event = (revision: number, prevHash: string, data: unknown) => {
      const metadata = { schemaVersion: 1, prevHash };
      const hash = eventHash('s', revision, 'T', canonicalJson(data), canonicalJson(metadata), prevHash);
      return { id: `e${revision}`, stream: 's', revision, position: revision + 1, type: 'T', data, metadata: { ...metadata, hash } };
    };
    const e0 = event(0, GENESIS_HASH, { i: 0 });
    const e1 = event(1, e0.metadata.hash, { i: 1 });
    const e2 = event(2, e1.metadata.hash, { i: 2 });

    const edited = new ChainVerifier();
    [e0, { ...e1, data: { i: 99 } }, e2].forEach((e) => edited.check(e));
    expect(edited.result()).toMatchObject({ ok: false, eventsChecked: 2, broken: { revision: 1, reason: 'hash-mismatch' } });

    const relinked = new ChainVerifier();
    const forged = event(1, e0.metadata.hash, { i: 99 });
    [e0, forged, e2].forEach((e) => relinked.check(e));
    expect(relinked.result()).toMatchObject({ ok: false, broken: { revision: 2, reason: 'prev-hash-mismatch' } });

    const gap = new ChainVerifier();
    [e0, e2].forEach((e) => gap.check(e));
    expect(gap.result()).toMatchObject({ ok: false, broken: { revision: 2, reason: 'revision-gap', expected: '1', actual: '2' } });
  });
});
