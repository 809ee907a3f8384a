/** Every failure the domain reports carries a stable code; the API maps codes to GraphQL errors in one place. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'POLICY_INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'QUOTA_EXCEEDED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that names a field wrongly: `path` is the offending field path, e.g. `items.0.quantity`. */
export class InvalidInputError extends DomainError {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super('BAD_USER_INPUT', message, { path });
  }
}

/** A policy change or CEL condition that cannot be applied or compiled. */
export class PolicyInvalidError extends DomainError {
  constructor(
    message: string,
    readonly location: { changeIndex?: number; field?: string; position?: number; ruleId?: string } = {},
  ) {
    super('POLICY_INVALID', message, location);
  }
}
