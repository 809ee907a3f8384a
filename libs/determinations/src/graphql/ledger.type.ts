import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('LedgerDraw', { description: 'A capped exception (e.g. LPP) a result relies on: what issuing it draws from the ledger' })
export class LedgerDrawType {
  @Field({ description: 'The ledger, named by the exception, e.g. LPP' })
  ledger!: string;

  @Field(() => Float, { description: 'What this item draws, in the measure of the cap (e.g. total TPP)' })
  amount!: number;

  @Field(() => Float, { description: 'Drawn this calendar year for the consignee before this draw: by earlier rulings and earlier items of this ruling' })
  usedBefore!: number;

  @Field(() => Float)
  cap!: number;
}

@ObjectType('LedgerFigure', { description: "A capped ledger's year-to-date figure for the consignee, as the ruling read it" })
export class LedgerFigureType {
  @Field()
  ledger!: string;

  @Field(() => Float, { description: 'Drawn this calendar year before the ruling' })
  drawn!: number;
}
