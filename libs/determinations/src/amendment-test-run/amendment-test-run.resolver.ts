import { setImmediate } from 'node:timers/promises';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Clock, Roles } from '#api-kit';
import { DomainError, InvalidInputError } from '#domain';
import { AmendmentsProjection, PolicyCoordinatesService, PolicyTimelines } from '#policy';
import { formatProblem, readCaseFile, runPolicyTests } from '#policy-files';
import { PolicyTestRunType } from '../graphql/policy-test-run.type.js';

/** The largest case file taken over the API (the golden table is about 40 kB). */
const MAX_CASE_FILE_CHARS = 1_000_000;

@Resolver()
export class AmendmentTestRunResolver {
  constructor(
    private readonly amendments: AmendmentsProjection,
    private readonly coordinates: PolicyCoordinatesService,
    private readonly timelines: PolicyTimelines,
    private readonly clock: Clock,
  ) {}

  /**
   * The case file (its text) decided against the policy as recorded now, with and without the
   * amendment. Cases are decided in slices with a turn of the event loop between them, so a long
   * file never holds up other callers; a file is bounded in size and number of cases.
   */
  @Query(() => PolicyTestRunType, {
    description: 'Runs a case file (the format of test/golden/determinations.yaml) with the amendment applied and without it',
  })
  @Roles('viewer')
  async amendmentTestRun(@Args('id', { type: () => ID }) id: string, @Args('cases') cases: string): Promise<PolicyTestRunType> {
    if (cases.length > MAX_CASE_FILE_CHARS) throw new InvalidInputError(`cases: a case file may have at most ${MAX_CASE_FILE_CHARS} characters`, 'cases');
    const amendment = this.amendments.get(id)?.state;
    if (!amendment) throw new DomainError('NOT_FOUND', `No amendment '${id}'.`, { amendmentId: id });
    const staged = this.coordinates.stagedChanges(amendment.policyId, id);
    const read = readCaseFile('cases', cases);
    if (read.problems.length > 0) {
      throw new DomainError('BAD_USER_INPUT', `cases: ${read.problems.map(formatProblem).join('; ')}`, {
        path: 'cases',
        problems: read.problems.map(({ line, col, reason }) => ({ line, col, reason })),
      });
    }
    const timeline = this.timelines.timeline(amendment.policyId);
    const run = await runPolicyTests(read.cases, { timeline, knownAt: this.clock.now() }, { staged, pause: () => setImmediate() });
    return {
      amendmentId: id,
      policyId: amendment.policyId,
      total: run.total,
      passed: run.passed,
      failed: run.failed,
      changedByAmendment: (run.changedByAmendment ?? []).map((result) => result.case.name),
      cases: run.results.map((result) => ({
        name: result.case.name,
        line: result.case.line,
        passed: result.passed,
        passedWithoutAmendment: result.without?.passed ?? result.passed,
        error: result.error ?? null,
        mismatches: result.mismatches,
        deciding: result.passed ? [] : result.deciding,
      })),
    };
  }
}
