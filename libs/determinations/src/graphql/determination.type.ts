import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { DeterminationInput } from '#domain';
import { DateTimeScalar, JsonScalar, PositionField } from '#api-kit';
import { DeterminationResultType } from './determination-result.type.js';

@ObjectType('Determination', { description: 'An issued determination: its result and everything needed to replay it' })
export class DeterminationType extends DeterminationResultType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  policyId!: string;

  @Field(() => DateTimeScalar)
  issuedAt!: string;

  @Field()
  issuedBy!: string;

  @Field(() => JsonScalar, { description: 'The DeterminationInput as given', deprecationReason: 'Use givenInput: the same input, typed' })
  input!: DeterminationInput;

  @Field({ nullable: true })
  reference?: string;

  @Field(() => JsonScalar, {
    description: 'Year-to-date ledger figures used, by ledger name',
    deprecationReason: 'Use ledgerFigures: the same figures, typed',
  })
  ledger!: Record<string, number>;

  @PositionField('Commit position of the write, for read-your-writes')
  position!: number;
}
