import { registerEnumType } from '@nestjs/graphql';
import type { ItemKind, Outcome } from '#domain';

const values = <T extends string>(...names: T[]) => Object.fromEntries(names.map((n) => [n, n])) as { [K in T]: K };

export const OutcomeEnum = values<Outcome>('NO_LICENSE_REQUIRED', 'LICENSE_EXCEPTION', 'LICENSE_REQUIRED');
export const ItemKindEnum = values<ItemKind>('INTEGRATED_CIRCUIT', 'COMPUTER', 'MODEL_WEIGHTS');

registerEnumType(OutcomeEnum, { name: 'Outcome' });
registerEnumType(ItemKindEnum, { name: 'ItemKind' });
