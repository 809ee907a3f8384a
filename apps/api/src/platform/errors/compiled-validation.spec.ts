import 'reflect-metadata';
import { Type, plainToInstance } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { CompiledValidation } from './compiled-validation.js';

// The kinds of constraints the API's input types use (libs/*/src/**/*.input.ts).
class Item {
  @IsIn(['CHIP', 'WEIGHTS'])
  kind!: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  tpp?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  quantity?: number;

  @IsOptional()
  @IsBoolean()
  openWeights?: boolean;
}

class Party {
  @Matches(/^[A-Z]{2}$/)
  country!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5)
  name?: string;
}

class Order {
  @Matches(/^[A-Z]{2}$/)
  destination!: string;

  @ValidateNested()
  @Type(() => Party)
  party!: Party;

  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];

  @IsOptional()
  @ArrayMaxSize(2)
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Party)
  parent?: Party;

  @Allow()
  note?: unknown;
}

/** What the global ValidationPipe does: class-transformer, then class-validator with its options. */
function classValidatorAccepts(dto: new () => object, value: object): boolean {
  return validateSync(plainToInstance(dto, value), { whitelist: true, forbidNonWhitelisted: true }).length === 0;
}

const VALID = { destination: 'IN', party: { country: 'IN', name: 'Acme' }, items: [{ kind: 'CHIP', tpp: 15.5, quantity: 200 }, { kind: 'WEIGHTS' }] };

/** The last three are valid for class-validator, but left to the full pipe (which strips prototype keys first). */
const VARIANTS: Array<[string, unknown]> = [
  ['the valid order', VALID],
  ['with optional fields null', { ...VALID, tags: null, parent: null, items: [{ kind: 'CHIP', tpp: null, quantity: null, openWeights: null }] }],
  ['with tags and a parent', { ...VALID, tags: ['a', 'b'], parent: { country: 'AE' }, note: { any: 'thing' } }],
  ['a bad destination', { ...VALID, destination: 'usa' }],
  ['no destination', { party: VALID.party, items: VALID.items }],
  ['a bad nested country', { ...VALID, party: { country: '1A' } }],
  ['a nested name too long', { ...VALID, party: { country: 'IN', name: 'Acme Ltd' } }],
  ['the nested object missing', { ...VALID, party: undefined }],
  ['the nested object null', { ...VALID, party: null }],
  ['the nested object a string', { ...VALID, party: 'IN' }],
  ['the nested object an array', { ...VALID, party: [{ country: 'IN' }] }],
  ['no items', { ...VALID, items: [] }],
  ['four items', { ...VALID, items: [...VALID.items, ...VALID.items] }],
  ['an item that is a number', { ...VALID, items: [5] }],
  ['an item that is null', { ...VALID, items: [null] }],
  ['items that are not a list', { ...VALID, items: { kind: 'CHIP' } }],
  ['a negative tpp', { ...VALID, items: [{ kind: 'CHIP', tpp: -1 }] }],
  ['an infinite tpp', { ...VALID, items: [{ kind: 'CHIP', tpp: Infinity }] }],
  ['a fractional quantity', { ...VALID, items: [{ kind: 'CHIP', quantity: 1.5 }] }],
  ['a quantity over the maximum', { ...VALID, items: [{ kind: 'CHIP', quantity: 1001 }] }],
  ['an unknown kind', { ...VALID, items: [{ kind: 'TOASTER' }] }],
  ['openWeights a string', { ...VALID, items: [{ kind: 'CHIP', openWeights: 'yes' }] }],
  ['an unknown property', { ...VALID, colour: 'red' }],
  ['an unknown property in an item', { ...VALID, items: [{ kind: 'CHIP', colour: 'red' }] }],
  ['a tag that is a number', { ...VALID, tags: ['a', 3] }],
  ['three tags', { ...VALID, tags: ['a', 'b', 'c'] }],
  ['a bad parent', { ...VALID, parent: { country: 'x' } }],
  ['tags a Set', { ...VALID, tags: new Set(['a']) }],
  ['a __proto__ key', JSON.parse('{"destination":"IN","party":{"country":"IN"},"items":[{"kind":"CHIP"}],"__proto__":{"x":1}}')],
  ['a constructor key', { ...VALID, constructor: 'x' }],
];

describe('CompiledValidation', () => {
  const compiled = new CompiledValidation();

  it.each(VARIANTS)('never accepts what class-validator refuses: %s', (_, value) => {
    const accepted = compiled.instanceOf(Order, value) !== undefined;

    expect(!accepted || classValidatorAccepts(Order, value as object)).toBe(true);
  });

  it.each(VARIANTS.slice(0, -3))('accepts what class-validator accepts: %s', (_, value) => {
    expect(compiled.instanceOf(Order, value) !== undefined).toBe(classValidatorAccepts(Order, value as object));
  });

  it('builds the instances class-transformer would', () => {
    const value = { ...VALID, tags: ['a'], parent: { country: 'AE' } };

    const order = compiled.instanceOf(Order, value) as Order;

    expect(order).toBeInstanceOf(Order);
    expect(order.party).toBeInstanceOf(Party);
    expect(order.parent).toBeInstanceOf(Party);
    expect(order.items.map((item) => item.constructor)).toEqual([Item, Item]);
    expect(order).toEqual(plainToInstance(Order, value));
  });

  it('leaves to class-validator what it does not handle: a class without decorators, IsDefined, a custom condition', () => {
    class Bare {
      name?: string;
    }
    class Defined {
      @IsDefined()
      name?: string;
    }
    class Conditional {
      @ValidateIf((object: Conditional) => object.kind === 'CHIP')
      @Min(1)
      tpp?: number;

      @IsString()
      kind!: string;
    }

    expect(compiled.instanceOf(Bare, {})).toBeUndefined();
    expect(compiled.instanceOf(Defined, { name: 'x' })).toBeUndefined();
    expect(compiled.instanceOf(Conditional, { kind: 'WEIGHTS', tpp: 0 })).toBeInstanceOf(Conditional);
    expect(compiled.instanceOf(Conditional, { kind: 'CHIP', tpp: 0 })).toBeUndefined();
  });
});
