import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { consistencyProof, importPublicKey, inclusionProof, toHex, verifyCheckpoint, type Receipt, type SignedCheckpoint } from '#audit';
import { EVENT_STORE } from '#api-kit';
import { DomainError } from '#domain';
import { READ_MODEL_DATABASE } from '#determinations';
import type { EventStore, RecordedEvent } from '#event-store';
import type { ReadModelProjection } from '#projections';
import { CheckpointWriter } from '../checkpoint-writer.js';
import { LogVerifier, type LogVerification } from '../log-verifier.js';
import { receiptFor } from '../receipts.js';
import { loadSigningKey, type AuditSigningKey } from '../signing-key.js';
import { AuditTreeProjection } from '../tree/audit-tree-projection.js';
import { nativeHasher } from '../tree/native-hasher.js';
import { SqliteTreeStore } from '../tree/sqlite-tree-store.js';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings.js';

/** Events one verification step reads before it yields the event loop to other requests. */
const VERIFY_PAGE = 500;

export interface InclusionProofAnswer {
  leafIndex: number;
  leafHash: string;
  treeSize: number;
  hashes: string[];
  checkpoint: SignedCheckpoint;
}

/**
 * The audit record of this node (docs/audit.md): the tree projection over the whole log, the
 * signing key, checkpoints written at CHECKPOINT_INTERVAL and at shutdown, receipts and proofs.
 */
@Injectable()
export class AuditRecord implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditRecord');
  private projection?: AuditTreeProjection;
  private writer?: CheckpointWriter;
  private key?: AuditSigningKey;
  private timer?: NodeJS.Timeout;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) db: Database.Database,
    @Inject(AUDIT_SETTINGS) private readonly settings: AuditSettings,
  ) {
    if (!settings.tree) return;
    const tree = new SqliteTreeStore(db, nativeHasher);
    tree.onMismatch = ({ checkpoint, leafIndex, rootHere }) =>
      this.logger.error(
        `the log's checkpoint at leaf ${leafIndex} signs root ${checkpoint.rootHash} for size ${checkpoint.treeSize}; this node's tree has ${rootHere}`,
      );
    this.projection = new AuditTreeProjection(store, tree);
  }

  get enabled(): boolean {
    return this.settings.tree;
  }

  /** The tree, for the node's projection processor (none with AUDIT_TREE=off): it shares the other read models' read of the log. */
  projections(): ReadModelProjection[] {
    return this.projection ? [this.projection.declaration] : [];
  }

  /** Runs once the node's projections (the tree among them) have caught up. */
  async start(): Promise<void> {
    if (!this.projection) {
      this.logger.warn('AUDIT_TREE=off: no audit tree, checkpoints or receipts on this node');
      return;
    }
    const { tree } = this.projection;
    this.key = await loadSigningKey(this.settings.signingKey, this.settings.dataDir);
    this.logger.log(`audit checkpoints are signed by key ${this.key.keyId} (${this.key.source}); public key:\n${this.key.publicKeyPem}`);
    this.writer = new CheckpointWriter(this.store, tree, this.key);
    // A checkpoint at start covers what was recorded while no node was running (e.g. by policyctl).
    await this.checkpoint();
    this.timer = setInterval(() => void this.checkpoint(), this.settings.checkpointIntervalMs).unref();
    this.logger.log(`audit tree ready: ${tree.size} leaves at position ${tree.position}`);
  }

  /** Writes the shutdown checkpoint (of what the tree has applied; the processor stops the tree). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
    await this.checkpoint();
  }

  get publicKeyPem(): string {
    return this.require().key.publicKeyPem;
  }

  /** The latest checkpoint in the log (the same on every node once applied). */
  latestCheckpoint(): SignedCheckpoint {
    const latest = this.require().tree.latestCheckpoint();
    if (!latest) throw new DomainError('NOT_FOUND', 'no checkpoint has been written to the log yet', { reason: 'NO_CHECKPOINT' });
    return latest.checkpoint;
  }

  /** The receipt of a recorded event; waits (bounded) for the tree to apply a just-written one. */
  async receipt(event: RecordedEvent): Promise<Receipt> {
    const { tree, writer, projection } = this.require();
    if (!(await projection.waitFor(event.position, this.settings.receiptWaitMs)))
      throw new DomainError('CONFLICT', `the audit tree of this node has not applied position ${event.position} yet; retry`, {
        reason: 'NOT_CAUGHT_UP',
        retryable: true,
        expectedPosition: event.position,
        actualPosition: tree.position,
      });
    const receipt = await receiptFor(event, tree, writer);
    if (!receipt) throw new DomainError('NOT_FOUND', `no leaf for position ${event.position}`, { position: event.position });
    return receipt;
  }

  /** Inclusion proof of the event at a commit position, against the checkpoint its receipt names. */
  async inclusionProof(position: number): Promise<InclusionProofAnswer> {
    const { tree } = this.require();
    const leafIndex = tree.leafIndexAt(position);
    if (leafIndex === undefined) throw new DomainError('NOT_FOUND', `no event of the audit tree at position ${position}`, { position });
    const checkpoint = tree.firstCheckpointCovering(leafIndex)?.checkpoint ?? (await this.require().writer.signInterim());
    return {
      leafIndex,
      leafHash: toHex(tree.leafHash(leafIndex)),
      treeSize: checkpoint.treeSize,
      hashes: inclusionProof(tree, nativeHasher, leafIndex, checkpoint.treeSize).map(toHex),
      checkpoint,
    };
  }

  consistencyProof(fromTreeSize: number, toTreeSize: number | undefined): { fromTreeSize: number; toTreeSize: number; hashes: string[] } {
    const { tree } = this.require();
    const to = toTreeSize ?? tree.latestCheckpoint()?.checkpoint.treeSize ?? tree.size;
    for (const [name, size] of [
      ['fromTreeSize', fromTreeSize],
      ['toTreeSize', to],
    ] as const) {
      if (!Number.isSafeInteger(size) || size < 0) throw new DomainError('BAD_USER_INPUT', `${name} must be a whole number >= 0`, { path: name });
    }
    if (to > tree.size) throw new DomainError('BAD_USER_INPUT', `toTreeSize ${to} is beyond this node's tree (${tree.size} leaves)`, { path: 'toTreeSize' });
    if (fromTreeSize > to) throw new DomainError('BAD_USER_INPUT', `fromTreeSize ${fromTreeSize} is above toTreeSize ${to}`, { path: 'fromTreeSize' });
    return { fromTreeSize, toTreeSize: to, hashes: consistencyProof(tree, nativeHasher, fromTreeSize, to).map(toHex) };
  }

  /**
   * Checks every event of the log (or of one stream's chain) against the stored tree, and the
   * latest checkpoint's signature and root. Reads a page at a time and yields between pages, so
   * other requests are served while it runs.
   */
  async verify(): Promise<LogVerification> {
    const { tree, key } = this.require();
    const latest = tree.latestCheckpoint();
    if (latest) {
      const signed = await verifyCheckpoint(latest.checkpoint, await importPublicKey(key.publicKeyPem));
      const storedRoot = toHex(tree.rootAt(latest.checkpoint.treeSize));
      const problem = !signed.valid ? signed.reason : storedRoot !== latest.checkpoint.rootHash ? `the stored tree's root is ${storedRoot}` : undefined;
      if (problem)
        return {
          ok: false,
          eventsChecked: 0,
          streamsChecked: 0,
          treeSize: tree.size,
          rootHash: toHex(tree.rootAt(tree.size)),
          firstBrokenIndex: latest.leafIndex,
          firstBrokenAt: `checkpoint at leaf ${latest.leafIndex}: ${problem}`,
        };
    }
    const verifier = new LogVerifier({ storedTree: tree, checkpoint: latest?.checkpoint });
    const end = tree.position;
    let after: number | undefined;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: after, maxCount: VERIFY_PAGE });
      let more = page.length === VERIFY_PAGE;
      for (const event of page) {
        if (event.position > end) {
          more = false;
          break;
        }
        if (!verifier.check(event)) return verifier.finish();
        after = event.position;
      }
      if (!more) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return verifier.finish();
  }

  private async checkpoint(): Promise<void> {
    if (!this.writer) return;
    const run = this.writer.writeIfDue().then(
      (written) => written && this.logger.log(`checkpoint written: ${written.treeSize} leaves, root ${written.rootHash}`),
      (error: unknown) => this.logger.warn(`checkpoint not written: ${String(error)}`),
    );
    this.writing = run;
    await run;
  }

  private require(): { tree: SqliteTreeStore; writer: CheckpointWriter; projection: AuditTreeProjection; key: AuditSigningKey } {
    if (!this.projection || !this.writer || !this.key)
      throw new DomainError('NOT_FOUND', 'the audit record is off on this node (AUDIT_TREE=off)', { reason: 'AUDIT_TREE_OFF' });
    return { tree: this.projection.tree, writer: this.writer, projection: this.projection, key: this.key };
  }
}
