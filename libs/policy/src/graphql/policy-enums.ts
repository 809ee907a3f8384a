import { registerEnumType } from '@nestjs/graphql';
import type { EnforcementStatus, LegalStatus, ReviewPolicy, RuleKind } from '#domain';

const values = <T extends string>(...names: T[]) => Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };

export const LegalStatusEnum = values<LegalStatus>('IN_FORCE', 'RESCINDED', 'REINSTATED');
export const EnforcementStatusEnum = values<EnforcementStatus>('ENFORCED', 'SUSPENDED');
export const ReviewPolicyEnum = values<ReviewPolicy>('PRESUMPTION_OF_APPROVAL', 'CASE_BY_CASE', 'PRESUMPTION_OF_DENIAL');
export const RuleKindEnum = values<RuleKind>('classification', 'requirement', 'exception');

registerEnumType(LegalStatusEnum, { name: 'LegalStatus' });
registerEnumType(EnforcementStatusEnum, { name: 'EnforcementStatus' });
registerEnumType(ReviewPolicyEnum, { name: 'ReviewPolicy' });
registerEnumType(RuleKindEnum, { name: 'RuleKind' });
