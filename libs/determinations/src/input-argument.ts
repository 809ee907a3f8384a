import { InvalidInputError, validateDeterminationInput, type DeterminationInput } from '#domain';

/**
 * Checks a DeterminationInput given as the GraphQL argument `input`, so an error names the path
 * the caller sent (`input.items.2.quantity`), as the schema's own checks do.
 */
export function validateInputArgument(input: DeterminationInput): void {
  try {
    validateDeterminationInput(input);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`input.${error.message}`, `input.${error.path}`);
    throw error;
  }
}
