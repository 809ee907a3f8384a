/** A failure policyctl reports as one line on stderr, without a stack trace, and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_FAILURE = 1;
/** Wrong command line: unknown command or option, missing argument. */
export const EXIT_USAGE = 2;

export function usageError(message: string): CliError {
  return new CliError(`${message} (see policyctl --help)`, EXIT_USAGE);
}
