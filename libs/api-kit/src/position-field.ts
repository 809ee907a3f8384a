import { Field, Float } from '@nestjs/graphql';

/**
 * A store position as a GraphQL field. Float, not Int: GraphQL's Int is 32-bit and EventStoreDB's
 * commit positions are log offsets that pass 2^31 once the log passes 2 GB. The value is always
 * a whole number, exact up to 2^53 (a log of 9 PB).
 */
export function PositionField(description: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return Field(() => Float, { description: `${description}; a whole number`, nullable: options.nullable ?? false });
}
