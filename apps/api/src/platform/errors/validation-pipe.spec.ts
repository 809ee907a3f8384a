import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { InputValidationError, createValidationPipe } from './validation-pipe.js';

class Item {
  @IsString()
  kind!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  quantity?: number;
}

class Order {
  @ValidateNested({ each: true })
  @Type(() => Item)
  items!: Item[];
}

const pipe = createValidationPipe();
const asArgument = (data: string | undefined) => ({ type: 'body' as const, metatype: Order, data });

describe('createValidationPipe', () => {
  it('refuses with BAD_USER_INPUT naming each offending path from the argument', async () => {
    const input = {
      items: [
        { kind: 'chip', quantity: 1 },
        { kind: 7, quantity: 0 },
      ],
    };

    const refusal = await pipe.transform(input, asArgument('input')).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(InputValidationError);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: ['input.items.1.kind', 'input.items.1.quantity'] } });
    expect((refusal as Error).message).toBe(
      'Invalid input: input.items.1.kind: kind must be a string; input.items.1.quantity: quantity must not be less than 1',
    );
  });

  it('names paths from the arguments object when the whole @Args() class is validated', async () => {
    await expect(pipe.transform({ items: [{ kind: 1 }] }, asArgument(undefined))).rejects.toMatchObject({ details: { fields: ['items.0.kind'] } });
  });

  it('refuses properties the DTO does not declare', async () => {
    await expect(pipe.transform({ items: [{ kind: 'chip', colour: 'red' }] }, asArgument('input'))).rejects.toMatchObject({
      details: { fields: ['input.items.0.colour'] },
    });
  });

  it('returns valid input as instances of the DTO classes', async () => {
    const order = (await pipe.transform({ items: [{ kind: 'chip' }] }, asArgument('input'))) as Order;

    expect(order).toBeInstanceOf(Order);
    expect(order.items[0]).toBeInstanceOf(Item);
  });

  it('leaves an absent optional argument absent', async () => {
    await expect(pipe.transform(undefined, asArgument('filter'))).resolves.toBeUndefined();
    await expect(pipe.transform(null, asArgument('filter'))).resolves.toBeNull();
  });
});
