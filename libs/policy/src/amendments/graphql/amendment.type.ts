import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar, JsonScalar, PositionField } from '#api-kit';
import { PageInfoType } from '../../graphql/policy-change.type.js';
import { PolicySourceType } from '../../graphql/policy-source.type.js';

export const AmendmentStatusEnum = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  PUBLISHED: 'PUBLISHED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
registerEnumType(AmendmentStatusEnum, { name: 'AmendmentStatus' });

@ObjectType('Approval')
export class ApprovalType {
  @Field()
  by!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field({ nullable: true })
  comment?: string;
}

@ObjectType('AmendmentHistoryEntry')
export class AmendmentHistoryEntryType {
  @Field()
  type!: string;

  @Field(() => DateTimeScalar)
  at!: string;

  @Field()
  actor!: string;

  @Field(() => String, { nullable: true, description: 'The reason of a rejection or withdrawal, the comment of an approval' })
  note?: string | null;
}

@ObjectType('Amendment', { description: 'A staged list of policy changes on its way through four-eyes approval' })
export class AmendmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  policyId!: string;

  @Field(() => AmendmentStatusEnum)
  status!: string;

  @Field(() => Int, { description: 'Increases with every event; reviseAmendment expects it' })
  version!: number;

  @Field()
  title!: string;

  @Field()
  rationale!: string;

  @Field(() => PolicySourceType)
  source!: PolicySourceType;

  @Field()
  author!: string;

  @Field(() => [String], {
    description: 'Everyone who wrote its content (the author and every reviser): none of them may approve it (four eyes)',
  })
  contributors!: string[];

  @Field(() => [ApprovalType])
  approvals!: ApprovalType[];

  @Field(() => [JsonScalar], { description: 'The changes, in the ChangeInput / policy file shape' })
  changes!: unknown[];

  @PositionField('Policy stream position the amendment was based on (validated against)')
  basePosition!: number;

  @PositionField('Position of the published changes, once published', { nullable: true })
  publishedPosition?: number | null;

  @Field(() => [AmendmentHistoryEntryType])
  history!: AmendmentHistoryEntryType[];

  @PositionField('Commit position of the last write, for read-your-writes')
  position!: number;
}

@ObjectType('AmendmentConnection')
export class AmendmentConnectionType {
  @Field(() => [AmendmentType])
  nodes!: AmendmentType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int)
  totalCount!: number;
}
