import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { PolicyEventType } from '#domain';
import { changeDetailsOf, ChangeDetailsUnion } from '../graphql/change-details.type.js';
import { PolicyChangeType } from '../graphql/policy-change.type.js';

/** PolicyChange.changeDetails: the very details the JSON field serves, typed by the kind of change (ADR 029). */
@Resolver(() => PolicyChangeType)
export class ChangeDetailsResolver {
  @ResolveField('changeDetails', () => ChangeDetailsUnion, { description: 'What the change changed, by its kind (the typed form of details)' })
  changeDetails(@Parent() change: PolicyChangeType): object {
    return changeDetailsOf(change.type as PolicyEventType, change.details as object);
  }
}
