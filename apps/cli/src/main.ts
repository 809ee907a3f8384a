import { DomainError } from '#domain';
import { PolicyFileError, formatProblem } from '#policy-files';
import { amendment } from './amendment.command.js';
import { audit } from './audit.command.js';
import { backup } from './backup/backup.command.js';
import { restore } from './backup/restore.command.js';
import { CliError, EXIT_FAILURE, usageError } from './cli-error.js';
import { drift } from './drift.command.js';
import { evaluate } from './evaluate.command.js';
import { exportPolicies } from './export.command.js';
import { importPolicies } from './import.command.js';
import { USAGE } from './help.js';
import { processOutput, type Output } from './output.js';
import { rebuild } from './rebuild.command.js';
import { test } from './test.command.js';
import { token } from './token.command.js';
import { validate } from './validate.command.js';

/** Runs one policyctl command line and returns the exit code; reports failures without stack traces. */
export async function run(argv: string[], out: Output, now: () => string): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help' || args.includes('--help')) {
      out.stdout(USAGE);
      return 0;
    }
    if (command === 'validate') validate(args, out);
    else if (command === 'evaluate') evaluate(args, out, now);
    else if (command === 'import') await importPolicies(args, out);
    else if (command === 'rebuild') await rebuild(args, out);
    else if (command === 'amendment') await amendment(args, out, now);
    else if (command === 'backup') await backup(args, out);
    else if (command === 'restore') await restore(args, out);
    else if (command === 'export') await exportPolicies(args, out);
    else if (command === 'drift') await drift(args, out);
    else if (command === 'test') await test(args, out, now);
    else if (command === 'token') await token(args, out, process.env, Math.floor(Date.parse(now()) / 1000));
    else if (command === 'audit') await audit(args, out);
    else throw usageError(`unknown command '${command}'`);
    return 0;
  } catch (error) {
    return report(error, out);
  }
}

function report(error: unknown, out: Output): number {
  if (error instanceof PolicyFileError) {
    for (const problem of error.problems) out.stderr(formatProblem(problem));
    out.stderr(`policyctl: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the policy files`);
    return EXIT_FAILURE;
  }
  if (error instanceof CliError) {
    out.stderr(`policyctl: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof DomainError) {
    out.stderr(`policyctl: ${error.message}`);
    return EXIT_FAILURE;
  }
  out.stderr(`policyctl: internal error: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT_FAILURE;
}

process.exitCode = await run(process.argv.slice(2), processOutput, () => new Date().toISOString());
