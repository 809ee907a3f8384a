import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '#api-kit';

@ObjectType('AuditCheckpoint', { description: 'A signed statement of the log: its size and Merkle root (RFC 9162) at a time (docs/audit.md)' })
export class AuditCheckpointType {
  @Field(() => Float)
  treeSize!: number;

  @Field({ description: 'Lowercase hex of the SHA-256 root hash' })
  rootHash!: string;

  @Field(() => DateTimeScalar)
  issuedAt!: string;

  @Field({ description: 'RFC 7638 thumbprint of the signing key (see /.well-known/policy-ledger/audit-key.pem)' })
  keyId!: string;

  @Field({ description: 'JWS (EdDSA, Ed25519) over document, compact serialization with a detached payload' })
  signature!: string;

  @Field({ description: 'The exact signed text' })
  document!: string;
}

@ObjectType('AuditInclusionProof')
export class AuditInclusionProofType {
  @Field(() => Float)
  leafIndex!: number;

  @Field()
  leafHash!: string;

  @Field(() => Float)
  treeSize!: number;

  @Field(() => [String], { description: 'RFC 9162 inclusion path, leaf side first, lowercase hex' })
  hashes!: string[];

  @Field(() => AuditCheckpointType, { description: 'The first logged checkpoint covering the leaf, or an interim tree head signed at once' })
  checkpoint!: AuditCheckpointType;
}

@ObjectType('AuditConsistencyProof')
export class AuditConsistencyProofType {
  @Field(() => Float)
  fromTreeSize!: number;

  @Field(() => Float)
  toTreeSize!: number;

  @Field(() => [String], { description: 'RFC 9162 consistency proof, lowercase hex' })
  hashes!: string[];
}

@ObjectType('AuditVerification')
export class AuditVerificationType {
  @Field(() => Int)
  streamsChecked!: number;

  @Field(() => Int)
  eventsChecked!: number;

  @Field()
  ok!: boolean;

  @Field({ nullable: true, description: 'The first failure: which leaf (stream@revision, position) and why' })
  firstBrokenAt?: string;

  @Field(() => Float, { nullable: true, description: 'The leaf index of the first failure' })
  firstBrokenIndex?: number;

  @Field(() => Float, { nullable: true, description: 'The tree size of the latest checkpoint checked against' })
  checkpointTreeSize?: number;
}
