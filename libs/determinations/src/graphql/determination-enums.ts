import { registerEnumType } from '@nestjs/graphql';
import type { ItemKind, Outcome, TransactionType } from '#domain';

const values = <T extends string>(...names: T[]) => Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };

export const OutcomeEnum = values<Outcome>('NO_LICENSE_REQUIRED', 'LICENSE_EXCEPTION', 'LICENSE_REQUIRED');
export const ItemKindEnum = values<ItemKind>('INTEGRATED_CIRCUIT', 'COMPUTER', 'MODEL_WEIGHTS');
export const TransactionTypeEnum = values<TransactionType>('EXPORT', 'REEXPORT', 'IN_COUNTRY_TRANSFER');

registerEnumType(OutcomeEnum, { name: 'Outcome' });
registerEnumType(ItemKindEnum, { name: 'ItemKind' });
registerEnumType(TransactionTypeEnum, {
  name: 'TransactionType',
  description: 'EXPORT from the United States, REEXPORT from one foreign country to another, IN_COUNTRY_TRANSFER within one',
});
