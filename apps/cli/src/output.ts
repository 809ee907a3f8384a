/** Where policyctl writes: results on stdout, problems and logs on stderr. */
export interface Output {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Whether stdout is a terminal that shows colour (not when piped, nor with NO_COLOR set). */
  readonly colour?: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR set to anything (https://no-color.org). */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export const processOutput: Output = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  colour: wantsColour(process.stdout, process.env),
};
