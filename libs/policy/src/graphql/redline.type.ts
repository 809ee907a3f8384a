import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar, PositionField } from '#api-kit';
import type { RedlineMark } from '#domain';
import { AmendmentStatusEnum } from '../amendments/graphql/amendment.type.js';
import { PolicySourceType } from './policy-source.type.js';

export const RedlineMarkEnum: { [K in RedlineMark]: K } = { SAME: 'SAME', DELETED: 'DELETED', INSERTED: 'INSERTED' };
registerEnumType(RedlineMarkEnum, {
  name: 'RedlineMark',
  description: 'SAME text is kept, DELETED text is struck out, INSERTED text is new',
});

@ObjectType('RedlineSegment', { description: 'A run of words of a redline row, kept, struck out or inserted' })
export class RedlineSegmentType {
  @Field()
  text!: string;

  @Field(() => RedlineMarkEnum)
  mark!: RedlineMark;
}

@ObjectType('RedlineRow', { description: 'One field of a part before and after, diffed word by word (CEL conditions token by token)' })
export class RedlineRowType {
  @Field({ description: 'condition, explanation, citation, tier, groups, value, unit, enforcementStatus, source...' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'null where the part did not exist' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'null where the part no longer exists' })
  after!: string | null;

  @Field(() => [RedlineSegmentType])
  segments!: RedlineSegmentType[];
}

@ObjectType('RedlineCause', { description: 'A change a redline line is owed to' })
export class RedlineCauseType {
  @Field(() => ID)
  changeId!: string;

  @Field(() => ID)
  amendmentId!: string;

  @Field({ description: 'The event type, e.g. ThresholdChanged' })
  type!: string;

  @Field(() => DateTimeScalar)
  effectiveAt!: string;

  @Field(() => PolicySourceType)
  source!: PolicySourceType;
}

@ObjectType('RedlineEntry', { description: 'One country, parameter, rule or regime that reads differently, from a date, because of named changes' })
export class RedlineEntryType {
  @Field({ description: 'country, parameter, rule or regime' })
  kind!: string;

  @Field()
  key!: string;

  @Field({ description: 'ADDED, REMOVED or CHANGED' })
  change!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the new reading takes effect; null where no recorded change explains it' })
  effectiveAt!: string | null;

  @Field(() => [RedlineCauseType])
  causes!: RedlineCauseType[];

  @Field(() => [RedlineRowType], { description: 'The fields that differ; a rule always shows its condition and explanation' })
  rows!: RedlineRowType[];
}

@ObjectType('Redline', { description: "An amendment's changes as a legal redline against the policy it amends" })
export class RedlineType {
  @Field(() => ID)
  amendmentId!: string;

  @Field(() => ID)
  policyId!: string;

  @Field(() => AmendmentStatusEnum)
  status!: string;

  @PositionField(
    'The policy stream position the redline is read against: the current head for an unpublished amendment, the position before its publication for a published one',
  )
  againstPosition!: number;

  @Field(() => [RedlineEntryType], { description: 'In effective-date order' })
  entries!: RedlineEntryType[];

  @Field(() => [RedlineCauseType], { description: 'Changes that alter nothing where they take effect' })
  withoutEffect!: RedlineCauseType[];
}
