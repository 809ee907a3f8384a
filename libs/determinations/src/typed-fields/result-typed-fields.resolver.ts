import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DeterminationResultType } from '../graphql/determination-result.type.js';
import { DeterminationType } from '../graphql/determination.type.js';
import { FactEntryType } from '../graphql/fact-entry.type.js';
import { GivenInputType } from '../graphql/given-input.type.js';
import { LedgerDrawType, LedgerFigureType } from '../graphql/ledger.type.js';
import { factEntries } from './fact-entries.js';

/*
 * The typed twins of the JSON fields (ADR 029), resolved from the very values the JSON fields
 * serve, and only when a query selects them. A field resolver belongs to one GraphQL type, not to
 * a TypeScript subclass, so DeterminationResult and Determination each get the shared ones.
 */

function resultTypedFields(type: typeof DeterminationResultType) {
  @Resolver(() => type, { isAbstract: true })
  abstract class ResultTypedFields {
    @ResolveField('factEntries', () => [FactEntryType], { description: 'The facts the ruling used, one entry per fact (the typed form of facts)' })
    factEntries(@Parent() result: DeterminationResultType): FactEntryType[] {
      return factEntries(result.facts);
    }

    @ResolveField('draws', () => [LedgerDrawType], {
      description: 'Draws on capped exceptions (e.g. LPP) this result relies on (the typed form of ledgerDraws)',
    })
    draws(@Parent() result: DeterminationResultType): LedgerDrawType[] {
      return result.ledgerDraws;
    }
  }
  return ResultTypedFields;
}

@Resolver(() => DeterminationResultType)
export class DeterminationResultTypedFieldsResolver extends resultTypedFields(DeterminationResultType) {}

@Resolver(() => DeterminationType)
export class DeterminationTypedFieldsResolver extends resultTypedFields(DeterminationType) {
  @ResolveField('givenInput', () => GivenInputType, { description: 'The DeterminationInput as given (the typed form of input)' })
  givenInput(@Parent() determination: DeterminationType): GivenInputType {
    return determination.input;
  }

  @ResolveField('ledgerFigures', () => [LedgerFigureType], {
    description: 'Year-to-date figures of the capped ledgers the ruling read, for the consignee (the typed form of ledger)',
  })
  ledgerFigures(@Parent() determination: DeterminationType): LedgerFigureType[] {
    return Object.entries(determination.ledger).map(([ledger, drawn]) => ({ ledger, drawn }));
  }
}
