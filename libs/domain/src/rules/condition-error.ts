import { PolicyInvalidError } from '../errors/domain-error.js';

/**
 * A CEL condition that does not compile. Besides the offset that every POLICY_INVALID error
 * carries as `position`, it names the line and column (1-based) so an author can find the spot
 * in a multi-line YAML condition.
 */
export class ConditionInvalidError extends PolicyInvalidError {
  readonly line: number;
  readonly column: number;

  constructor(reason: string, expression: string, offset: number, ruleId?: string) {
    const { line, column } = lineAndColumn(expression, offset);
    const where = ruleId === undefined ? '' : `rule ${ruleId}: `;
    super(`${where}condition invalid at line ${line}, column ${column}: ${reason}`, {
      field: 'condition',
      position: offset,
      ...(ruleId === undefined ? {} : { ruleId }),
    });
    this.line = line;
    this.column = column;
    Object.assign(this.details, { line, column });
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
}
