import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { nextTurn } from '#api-kit';
import { DomainError } from '#domain';
import type { ValidationError } from 'class-validator';
import { CompiledValidation } from './compiled-validation.js';

export interface FieldViolation {
  /** Dotted path from the argument, array indexes included: `input.items.2.quantity`. */
  field: string;
  messages: string[];
}

/** class-validator refused an argument: BAD_USER_INPUT with `fields` listing every offending path. */
export class InputValidationError extends DomainError {
  constructor(readonly violations: FieldViolation[]) {
    super('BAD_USER_INPUT', `Invalid input: ${violations.map((v) => `${v.field}: ${v.messages.join(', ')}`).join('; ')}`, {
      fields: violations.map((v) => v.field),
    });
  }

  /** The same violations, with paths starting at the named argument. */
  within(argument: string): InputValidationError {
    return new InputValidationError(this.violations.map((v) => ({ ...v, field: `${argument}.${v.field}` })));
  }
}

function violationsOf(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...violationsOf(error.children ?? [], field)];
  });
}

/**
 * A ValidationPipe whose errors name the argument too (`input.items.2.quantity`, not
 * `items.2.quantity`), with a fast path for input that passes (CompiledValidation).
 */
class ArgumentValidationPipe extends ValidationPipe {
  private readonly compiled = new CompiledValidation();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // An omitted optional argument stays omitted: Nest's pipe would turn it into an empty DTO.
    if (value === undefined || value === null) return value;
    const { metatype } = metadata;
    if (metatype !== undefined && this.toValidate(metadata)) {
      const valid = this.compiled.instanceOf(metatype as new () => object, value);
      if (valid !== undefined) return holdsLongList(value) ? nextTurn().then(() => valid) : valid;
    }
    try {
      const valid: unknown = await super.transform(value, metadata);
      if (holdsLongList(value)) await nextTurn();
      return valid;
    } catch (error) {
      if (error instanceof InputValidationError && metadata.data !== undefined) throw error.within(metadata.data);
      throw error;
    }
  }
}

/** Lists in an argument from this length on (a determination's items) are worth a turn of the event loop once validated. */
const LONG_LIST = 100;

/**
 * Validating a thousand items takes long enough that what uses them (an evaluation) should run
 * on the next turn of the event loop, with health checks and other callers served in between.
 */
function holdsLongList(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const member of Object.values(value)) if (Array.isArray(member) && member.length >= LONG_LIST) return true;
  return false;
}

/**
 * The global pipe: strips nothing silently (unknown properties are refused), converts plain input
 * into the DTO classes and validates nested objects and arrays (with `@ValidateNested` and
 * `@Type` on the DTO). Every property of a DTO needs at least one class-validator decorator,
 * `@IsOptional()` or `@Allow()` at least, or it is refused as unknown.
 */
export function createValidationPipe(): ValidationPipe {
  return new ArgumentValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new InputValidationError(violationsOf(errors)),
  });
}
