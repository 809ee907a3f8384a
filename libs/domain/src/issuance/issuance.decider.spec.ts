import { readFileSync } from 'node:fs';
import { evaluateDetermination } from '../determination/evaluate-determination.js';
import type { DeterminationInput } from '../determination/determination-input.js';
import { fixtureVersion } from '../determination/policy-fixture.js';
import { DomainError } from '../errors/domain-error.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import type { IssueDetermination } from './issuance.commands.js';
import { issuanceDecider } from './issuance.decider.js';
import { issuanceEventVersions } from './issuance-event-versions.js';
import type { AllocationDrawn, DeterminationIssued, IssuanceEvent } from './issuance.events.js';
import { cappedLedgers } from './issuance.state.js';

const H100_TPP = 15_831;
const CAP = 26_900_000;
const CHIPS = '["3A090.a"]';
const rules: RuleDefinition[] = [
  {
    id: 'cls-3a090a',
    regime: 'ACS',
    kind: 'classification',
    priority: 10,
    eccn: '3A090.a',
    condition: 'item.kind == "INTEGRATED_CIRCUIT" && item.tpp >= 4800.0',
    citation: 'ECCN 3A090.a',
    explanation: 'ICs with TPP of 4800 or more',
  },
  {
    id: 'req-worldwide',
    regime: 'AID',
    kind: 'requirement',
    reviewPolicy: 'CASE_BY_CASE',
    condition: `item.eccn in ${CHIPS}`,
    citation: 'c',
    explanation: 'e',
  },
  {
    id: 'exc-lpp',
    regime: 'AID',
    kind: 'exception',
    code: 'LPP',
    covers: ['req-worldwide'],
    cap: { ledger: 'LPP', parameter: 'lpp.cap.tpp', measure: 'totalTpp' },
    condition: `item.eccn in ${CHIPS} && destination.tier == 2.0`,
    citation: '15 CFR 740.29',
    explanation: 'Low Processing Performance',
  },
];
const version = fixtureVersion({ regimes: { ACS: {}, AID: {} }, countries: { IN: { tier: 2 } }, parameters: { 'lpp.cap.tpp': CAP }, rules });

const shipment = (quantity: number, reference?: string): DeterminationInput => ({
  destination: 'IN',
  consignee: { id: 'acme-in', country: 'IN', headquarters: 'IN' },
  items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: H100_TPP, quantity }],
  ...(reference ? { reference } : {}),
});

function issue(
  id: string,
  input: DeterminationInput,
  request: { validAt?: string; policyId?: string } = { validAt: '2025-06-01T00:00:00.000Z' },
): IssueDetermination {
  return {
    type: 'IssueDetermination',
    data: {
      determinationId: id,
      policyId: 'ai-export-controls',
      request: { validAt: request.validAt ?? null, policyId: request.policyId ?? null },
      input,
      coordinates: { validAt: '2025-06-01T00:00:00.000Z', knownAt: '2026-07-23T00:00:00.000Z' },
      version,
      ledgers: cappedLedgers(version.state),
      issuedAt: '2026-07-23T00:00:00.000Z',
      issuedBy: 'determiner-1',
    },
  };
}

const drawn = (determinationId: string, amount: number, usedBefore: number): IssuanceEvent => ({
  type: 'AllocationDrawn',
  data: { determinationId, ledger: 'LPP', consigneeId: 'acme-in', year: 2025, amount, usedBefore, cap: CAP },
});

/** The DeterminationIssued the command records when decided on these ledger figures. */
function issued(command: IssueDetermination, ledger: Record<string, number>): IssuanceEvent {
  const { data } = command;
  const result = evaluateDetermination(data.input, version, { ledger });
  const recorded: DeterminationIssued = {
    determinationId: data.determinationId,
    policyId: data.policyId,
    input: data.input,
    coordinates: { ...data.coordinates, knownPosition: version.knownPosition, publishedBy: null },
    ledger,
    result,
    issuedAt: data.issuedAt,
    issuedBy: data.issuedBy,
    ...(data.input.reference ? { reference: data.input.reference } : {}),
    request: data.request,
  };
  return { type: 'DeterminationIssued', data: recorded };
}

const spec = DeciderSpecification.for(issuanceDecider);

describe('issuing a determination (the issuance decider)', () => {
  it('given an empty ledger, when 200 H100s go to India, then it draws them and records the determination decided on 0', () => {
    const command = issue('d-1', shipment(200, 'PO-4711'));
    spec
      .given([])
      .when(command)
      .then([drawn('d-1', 200 * H100_TPP, 0), issued(command, { LPP: 0 })]);
  });

  it('given draws of others this year, when a draw fits under the cap, then it draws on the total so far', () => {
    const command = issue('d-3', shipment(100));
    const before = 1000 * H100_TPP + 500 * H100_TPP;
    spec
      .given([drawn('d-1', 1000 * H100_TPP, 0), drawn('d-2', 500 * H100_TPP, 1000 * H100_TPP)])
      .when(command)
      .then([drawn('d-3', 100 * H100_TPP, before), issued(command, { LPP: before })]);
  });

  it('given a ledger near the cap, when the draw would pass it, then nothing is drawn and a license is required', () => {
    const used = CAP - 10 * H100_TPP;
    const command = issue('d-2', shipment(11));
    const events = issuanceDecider.decide(command, [drawn('d-1', used, 0)].reduce(issuanceDecider.evolve, issuanceDecider.initialState()));
    expect(events).toEqual([issued(command, { LPP: used })]);
    expect((events[0]!.data as DeterminationIssued).result.outcome).toBe('LICENSE_REQUIRED');
  });

  it('given exactly the room left, when the draw reaches the cap, then it is drawn', () => {
    const used = CAP - 10 * H100_TPP;
    const command = issue('d-2', shipment(10));
    spec
      .given([drawn('d-1', used, 0)])
      .when(command)
      .then([drawn('d-2', 10 * H100_TPP, used), issued(command, { LPP: used })]);
  });

  describe('a retried command', () => {
    it('given its determination recorded, when the same request comes again, then nothing more is recorded', () => {
      const command = issue('d-1', shipment(200));
      spec
        .given([drawn('d-1', 200 * H100_TPP, 0), issued(command, { LPP: 0 })])
        .when(command)
        .then([]);
    });

    it('given its determination recorded, when the commandId comes with another input, then CONFLICT names the determination', () => {
      const first = issue('d-1', shipment(200));
      spec
        .given([drawn('d-1', 200 * H100_TPP, 0), issued(first, { LPP: 0 })])
        .when(issue('d-1', shipment(201)))
        .thenThrows(DomainError, { reason: 'COMMAND_ID_REUSED', determinationId: 'd-1', differs: ['input'] });
    });

    it('given its determination recorded, when the commandId asks for another date or policy, then CONFLICT says which', () => {
      const first = issue('d-1', shipment(200));
      const given = spec.given([issued(first, { LPP: 0 })]);
      given.when(issue('d-1', shipment(200), { validAt: '2025-07-01T00:00:00.000Z' })).thenThrows(DomainError, { differs: ['validAt'] });
      given.when(issue('d-1', shipment(200), { validAt: '2025-06-01T00:00:00.000Z', policyId: 'other' })).thenThrows(DomainError, { differs: ['policyId'] });
      given.when(issue('d-1', shipment(200), {})).thenThrows(DomainError, { differs: ['validAt'] });
    });

    it('given a determination recorded before requests were kept, when retried, then what it decided is what the retry is held to', () => {
      const first = issued(issue('d-1', shipment(200)), { LPP: 0 });
      const old = { ...first, data: { ...(first.data as DeterminationIssued), request: null } } as IssuanceEvent;
      const given = spec.given([old]);
      given.when(issue('d-1', shipment(200), {})).then([]);
      given.when(issue('d-1', shipment(200), { validAt: '2025-06-01' })).then([]);
      given.when(issue('d-1', shipment(200), { validAt: '2025-06-02T00:00:00.000Z' })).thenThrows(DomainError, { differs: ['validAt'] });
      given.when(issue('d-1', shipment(200), { validAt: '2025-06-01T00:00:00.000Z', policyId: 'ai-export-controls' })).then([]);
    });

    it('given the stored version-1 fixture (upcast as the store reads it), when its request comes again, then nothing is recorded; another input is refused', () => {
      const stored = JSON.parse(readFileSync(new URL('../../test-fixtures/determination-issued.v1.json', import.meta.url), 'utf8')) as { data: unknown };
      const { version, upcasters } = issuanceEventVersions[0]!;
      let data = stored.data;
      for (let v = 1; v < version; v++) data = upcasters![v]!(data);
      const issued = data as DeterminationIssued;
      const given = spec.given([{ type: 'DeterminationIssued', data: issued }]);
      const retry = (input: DeterminationInput): IssueDetermination => {
        const command = issue(issued.determinationId, input, { validAt: issued.coordinates.validAt });
        return { ...command, data: { ...command.data, policyId: issued.policyId } };
      };
      given.when(retry(issued.input)).then([]);
      given.when(retry({ ...issued.input, destination: 'AE' })).thenThrows(DomainError, { reason: 'COMMAND_ID_REUSED', differs: ['input'] });
    });

    it('given only its draw recorded (it stopped before recording the determination), when retried, then it decides on the figures it drew on and does not draw again', () => {
      const command = issue('d-2', shipment(100));
      const usedBefore = 300 * H100_TPP;
      spec
        .given([drawn('d-1', usedBefore, 0), drawn('d-2', 100 * H100_TPP, usedBefore), drawn('d-3', 50 * H100_TPP, 400 * H100_TPP)])
        .when(command)
        .then([issued(command, { LPP: usedBefore })]);
    });
  });

  describe('a concurrent draw', () => {
    it('when two commands decide on the same figures, then each draws from the same total: the store refuses the second at that revision, and its retry decides on the new figures', () => {
      const first = issue('d-1', shipment(1000));
      const second = issue('d-2', shipment(800));
      const [firstDraw] = issuanceDecider.decide(first, issuanceDecider.initialState());
      const [secondDraw] = issuanceDecider.decide(second, issuanceDecider.initialState());
      expect([(firstDraw!.data as AllocationDrawn).usedBefore, (secondDraw!.data as AllocationDrawn).usedBefore]).toEqual([0, 0]);
      // The retry, after the first draw was appended: 1000 + 800 chips pass the cap of 1699.
      spec
        .given([drawn('d-1', 1000 * H100_TPP, 0)])
        .when(second)
        .then([issued(second, { LPP: 1000 * H100_TPP })]);
    });
  });
});
