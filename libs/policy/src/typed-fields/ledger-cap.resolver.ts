import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PolicyRuleType } from '../graphql/policy-view.type.js';
import { RuleCapType } from '../graphql/rule-cap.type.js';

/** PolicyRule.ledgerCap: the very cap the JSON field `cap` serves, typed (ADR 029). */
@Resolver(() => PolicyRuleType)
export class LedgerCapResolver {
  @ResolveField('ledgerCap', () => RuleCapType, {
    nullable: true,
    description: 'The yearly ledger an exception draws on, capped by a parameter (the typed form of cap)',
  })
  ledgerCap(@Parent() rule: PolicyRuleType): RuleCapType | null {
    return rule.cap ?? null;
  }
}
