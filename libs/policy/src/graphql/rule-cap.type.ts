import { Field, ObjectType } from '@nestjs/graphql';
import type { RuleCap } from '#domain';

@ObjectType('RuleCap', { description: 'The yearly ledger an exception draws on, capped by a parameter' })
export class RuleCapType {
  @Field({ description: 'The ledger, e.g. LPP' })
  ledger!: string;

  @Field({ description: 'The parameter holding the cap, e.g. lpp.cap.tpp' })
  parameter!: string;

  @Field(() => String, { description: 'What a draw counts: totalTpp or quantity' })
  measure!: RuleCap['measure'];
}
