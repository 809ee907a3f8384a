import type { Page } from 'playwright-core';
import { ApiHarness } from '../e2e/support/api-harness.js';
import { indiaShipment } from '../e2e/support/fixtures.js';
import { ConsoleBrowser, screenshot, seriousViolations } from './support/browser.js';
import { API_AUDIENCE, CONSOLE_CLIENT_ID, TestOpenIdProvider } from './support/oidc-provider.js';

const ISSUE = `mutation($input: DeterminationInput!, $commandId: ID) {
  issueDetermination(input: $input, validAt: "2025-06-01", commandId: $commandId) {
    id reference outcome trace { citation matched } policyVersion { stateHash }
    conditions { description } caveats { note } assumptions { fact }
  }
}`;
const DRAFT = `mutation($input: DraftAmendmentInput!) { draftAmendment(input: $input) { id } }`;
/** TEST FIXTURE, not law: a made-up notice, used to change the law under a recorded ruling. */
const FIXTURE_CITATION = 'TEST FIXTURE: fictitious notice moving India to Tier 3';

// Evaluated in the page (this file is compiled without the DOM's types).
const focusedText = 'document.activeElement?.textContent';
const focusedId = 'document.activeElement?.id';

const origin = (api: ApiHarness) => api.url.replace(/\/graphql$/, '');

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe("the lawyer's console in Chromium, signed in with the development sign-in", () => {
  let api: ApiHarness;
  let browser: ConsoleBrowser;
  let page: Page;
  type Ruling = {
    id: string;
    reference: string;
    outcome: string;
    trace: Array<{ citation: string; matched: boolean }>;
    policyVersion: { stateHash: string };
    conditions: Array<{ description: string }>;
    caveats: Array<{ note: string }>;
    assumptions: Array<{ fact: string }>;
  };
  let india: Ruling;
  let china: Ruling;

  beforeAll(async () => {
    [api, browser] = await Promise.all([ApiHarness.start('sqlite', { env: { AUTH_JWT_SECRET: '' } }), ConsoleBrowser.launch()]);
    const issue = async (input: ReturnType<typeof indiaShipment>, commandId: string) =>
      (await api.data(ISSUE, { input, commandId }, 'determiner')).issueDetermination as Ruling;
    india = await issue(indiaShipment('console-in'), 'console-in');
    china = await issue(
      { ...indiaShipment('console-cn'), destination: 'CN', consignee: { id: 'console-cn', name: 'Example Shenzhen Co', country: 'CN', headquarters: 'CN' } },
      'console-cn',
    );
    page = await browser.page();
  });

  afterAll(async () => {
    const blocked = browser?.blocked ?? [];
    await browser?.close();
    await api?.stop();
    expect(blocked).toEqual([]);
  });

  it('shows the sign-in page for any page without a token, and none of its data', async () => {
    await page.goto(`${origin(api)}/console/rulings/${india.id}`);

    await page.getByRole('heading', { name: 'Sign in to Policy Ledger' }).waitFor();
    await page.getByText('For development only.').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(india.reference);
    expect(text).not.toContain(india.policyVersion.stateHash);
    await screenshot(page, '01-sign-in');
    await expectAccessible(page);
  });

  it('signs in as a viewer with the development sign-in and lands on the page that was asked for', async () => {
    await page.getByRole('button', { name: 'Sign in as viewer' }).click();

    await page.getByRole('heading', { name: `Ruling ${india.reference}` }).waitFor();
    expect(await page.getByText('Signed in as').innerText()).toContain('local-viewer');
    expect(page.url()).toBe(`${origin(api)}/console/rulings/${india.id}`);
  });

  it('finds a ruling by reference on the Rulings page, with the count', async () => {
    await page.getByRole('link', { name: 'Rulings', exact: true }).click();
    await page.getByRole('heading', { name: '2 rulings match' }).waitFor();

    await page.getByLabel('Reference').fill(india.reference);
    await page.getByLabel('Reference').press('Enter');

    await page.getByRole('heading', { name: '1 ruling matches' }).waitFor();
    expect(new URL(page.url()).searchParams.get('reference')).toBe(india.reference);
    const rows = page.locator('table.rulings tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('License exception');
    // Destination and consignee come from the ruling's input as given (givenInput).
    expect(await rows.first().innerText()).toMatch(/\bIN\b[\s\S]*Acme India Pvt Ltd console-in/);
    await screenshot(page, '02-rulings-found-by-reference');
    await expectAccessible(page);

    await page.goto(`${origin(api)}/console/rulings?order=VALID_AT_ASC&outcome=LICENSE_REQUIRED`);
    await page.getByRole('heading', { name: '1 ruling matches' }).waitFor();
    expect(await page.locator('table.rulings tbody tr').first().innerText()).toContain(china.reference);
  });

  it('opens the memo: outcome, its conditions, caveats and assumptions, every citation of the reasons, the enforcement stance, the coordinates in words, the state hash, and verifies its receipt', async () => {
    await page.goto(`${origin(api)}/console/rulings?reference=${india.reference}`);
    await page.getByRole('link', { name: india.reference }).click();
    await page.getByRole('heading', { name: 'Reasons' }).waitFor();

    const text = await page.locator('main').innerText();
    expect(text).toContain('No license needed: a license exception applies');
    for (const { citation } of india.trace.filter((entry) => entry.matched)) expect(text).toContain(citation);
    expect(text).toContain('Enforcement suspended since 13 May 2025 (2025-05-13)');
    expect(text).toContain('The law was applied as in force on 1 June 2025 (2025-06-01)');
    expect(text).toContain(india.policyVersion.stateHash);
    // Right under the outcome: the exception's conditions, and what the ruling assumed or could not confirm.
    const cautions = await page.locator('section.cautions').innerText();
    expect(india.conditions.length).toBeGreaterThan(0);
    expect(india.caveats.length + india.assumptions.length).toBeGreaterThan(0);
    for (const { description } of india.conditions) expect(cautions).toContain(description);
    for (const { note } of india.caveats) expect(cautions).toContain(note);
    for (const { fact } of india.assumptions) expect(cautions).toContain(`${fact} was not given`);
    expect(
      await page
        .getByRole('link', { name: /90 FR 4544/ })
        .first()
        .getAttribute('href'),
    ).toMatch(/^https:\/\//);

    await page.getByRole('button', { name: 'Verify the receipt' }).click();
    await page.getByText('Receipt verified').waitFor();
    expect(await page.locator('.notice-ok').innerText()).toMatch(/this ruling is leaf \d+ of the log of \d+ events at a signed checkpoint, unaltered/);
    await screenshot(page, '03-memo');
    await expectAccessible(page);

    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, '03-memo-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('replays the ruling: reproduced exactly; after an amendment is published, the redline names its change', async () => {
    await page.getByRole('link', { name: "Replay at today's knowledge" }).click();
    await page.getByRole('heading', { name: "At today's knowledge" }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Reproduced exactly.');
    expect(await page.locator('main').innerText()).toContain('No difference.');

    const { draftAmendment } = await api.data(
      DRAFT,
      {
        input: {
          title: 'TEST FIXTURE: India to Tier 3',
          rationale: 'Test fixture for the console; not a real legal action.',
          source: { citation: FIXTURE_CITATION, url: 'https://example.invalid/fixture', publishedAt: '2026-11-01' },
          changes: [{ type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt: '2025-01-01' }],
        },
      },
      'editor',
    );
    await api.data(`mutation($id: ID!) { submitAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'editor');
    await api.data(`mutation($id: ID!) { approveAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'approver');
    await api.data(`mutation($id: ID!) { publishAmendment(id: $id) { id } }`, { id: draftAmendment.id }, 'approver');
    // Only changes in force from 2025 on: a page small enough for the API's complexity limit.
    const history = await api.data(`{ policyHistory(validFrom: "2025-01-01T00:00:00Z", first: 200) { nodes { changeId amendmentId } } }`, {}, 'viewer');
    const change = history.policyHistory.nodes.find((node: { amendmentId: string }) => node.amendmentId === draftAmendment.id);

    await page.reload();
    await page.getByRole('heading', { name: 'Recorded changes that cause the difference' }).waitFor();

    const text = await page.locator('main').innerText();
    expect(text).toContain('Reproduced exactly.');
    expect(await page.locator('.redline-outcome del').innerText()).toBe('No license needed: a license exception applies');
    expect(await page.locator('.redline-outcome ins').innerText()).toBe('License required');
    const causes = await page.locator('ol.causes').innerText();
    expect(causes).toContain('Country tier reassigned');
    expect(causes).toContain(change.changeId);
    expect(causes).toContain(FIXTURE_CITATION);
    expect(causes).toContain('Effective 1 January 2025 (2025-01-01)');
    await screenshot(page, '04-replay-redline');
    await expectAccessible(page);
  });

  it('shows the law on a date, and a country’s history as a timeline', async () => {
    await page.getByRole('link', { name: 'The law on a date' }).click();
    await page.getByLabel('Valid at').fill('2025-06-01');
    await page.getByRole('button', { name: 'Show the law' }).click();
    await page.getByRole('heading', { name: 'Regimes' }).waitFor();

    expect(new URL(page.url()).searchParams.get('validAt')).toBe('2025-06-01');
    const regimes = await page.locator('table').first().innerText();
    expect(regimes).toContain('Framework for Artificial Intelligence Diffusion');
    expect(regimes).toContain('Enforcement suspended since 13 May 2025 (2025-05-13)');
    await screenshot(page, '05-law-on-a-date');
    await expectAccessible(page);

    await page.getByLabel("A country's history (two-letter code)").fill('IN');
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByRole('heading', { name: 'India (IN): status history' }).waitFor();
    const timeline = await page.locator('ol.timeline').innerText();
    expect(timeline).toContain('Since 1 January 2025 (2025-01-01) (in force)');
    expect(timeline).toContain('Tier 3');
    expect(timeline).toContain(FIXTURE_CITATION);
    await screenshot(page, '06-country-history');
    await expectAccessible(page);

    await page.goto(`${origin(api)}/console/law/diff?from.validAt=2025-05-01&to.validAt=2025-06-01`);
    await page.getByRole('heading', { name: /parts differ/ }).waitFor();
    expect(await page.locator('ol.causes').innerText()).toContain('Regime enforcement suspended');
    await screenshot(page, '07-law-diff');
    await expectAccessible(page);
  });

  it('can be used with the keyboard alone: skip link first, then a search submitted with Enter', async () => {
    await page.goto(`${origin(api)}/console/rulings`);
    await page.getByRole('heading', { name: /rulings match/ }).waitFor();

    await page.keyboard.press('Tab');
    expect(await page.evaluate(focusedText)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    for (let step = 0; step < 10 && (await page.evaluate(focusedId)) !== 'search-reference'; step++) await page.keyboard.press('Tab');
    expect(await page.evaluate(focusedId)).toBe('search-reference');
    await page.keyboard.type(china.reference);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '1 ruling matches' }).waitFor();
  });

  it('pages through many rulings with Next, Previous and First page', async () => {
    for (let n = 0; n < 26; n++) {
      const input = { ...indiaShipment('console-pager', 1), reference: `PAGER-${String(n).padStart(2, '0')}` };
      await api.data(ISSUE, { input, commandId: `console-pager-${n}` }, 'determiner');
    }
    await page.goto(`${origin(api)}/console/rulings?consignee=console-pager&order=ISSUED_ASC`);
    await page.getByRole('heading', { name: '26 rulings match' }).waitFor();
    const firstOf = async () => page.locator('table.rulings tbody tr').first().innerText();
    expect(await page.locator('table.rulings tbody tr').count()).toBe(25);
    expect(await firstOf()).toContain('PAGER-00');

    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/after=/);
    await page.getByText('PAGER-25').waitFor();
    expect(await page.locator('table.rulings tbody tr').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.getByText('PAGER-00').waitFor();
    expect(await page.locator('table.rulings tbody tr').count()).toBe(25);
  });

  it('prints the memo without the console around it', async () => {
    await page.goto(`${origin(api)}/console/rulings/${india.id}`);
    await page.getByRole('heading', { name: 'Reasons' }).waitFor();
    await page.emulateMedia({ media: 'print' });

    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download PDF memo' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Reasons' }).isVisible()).toBe(true);
    await screenshot(page, '08-memo-print');
    await page.emulateMedia({ media: 'screen' });
  });
});

describe("the lawyer's console in Chromium, signed in at an OpenID provider", () => {
  let provider: TestOpenIdProvider;
  let api: ApiHarness;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    provider = await TestOpenIdProvider.start();
    [api, browser] = await Promise.all([
      ApiHarness.start('sqlite', {
        env: { AUTH_JWT_SECRET: '', AUTH_OIDC_ISSUER: provider.issuer, AUTH_OIDC_CLIENT_ID: CONSOLE_CLIENT_ID, AUTH_AUDIENCE: API_AUDIENCE },
      }),
      ConsoleBrowser.launch(),
    ]);
    await provider.register(origin(api), ['viewer']);
  });

  afterAll(async () => {
    const blocked = browser?.blocked ?? [];
    await browser?.close();
    await api?.stop();
    await provider?.stop();
    // The provider's own development login page asks for a web font; the console asks for nothing outside.
    expect(blocked.filter((url) => !url.startsWith('https://fonts.googleapis.com/'))).toEqual([]);
  });

  it('signs in with the authorization code flow and PKCE, and the API accepts the access token', async () => {
    const page = await browser.page();
    await page.goto(`${origin(api)}/console/rulings`);
    await page.getByRole('heading', { name: 'Sign in to Policy Ledger' }).waitFor();
    expect(await page.getByText('For development only.').count()).toBe(0);
    await screenshot(page, '09-oidc-sign-in');
    await expectAccessible(page);

    const authorizationRequest = page.waitForRequest((request) => request.url().startsWith(`${provider.issuer}/auth?`));
    await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
    const authorization = new URL((await authorizationRequest).url());
    await page.locator('input[name=login]').fill('lee.counsel');
    await page.locator('input[name=password]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'No ruling matches' }).waitFor();
    expect(page.url()).toBe(`${origin(api)}/console/rulings`);
    expect(await page.getByText('Signed in as').innerText()).toContain('lee.counsel');
    await screenshot(page, '10-oidc-signed-in');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.searchParams.get('client_id')).toBe(CONSOLE_CLIENT_ID);
  });
});
