import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ApiHarness } from '../e2e/support/api-harness.js';
import { indiaShipment } from '../e2e/support/fixtures.js';
import { ConsoleBrowser, screenshot, seriousViolations } from './support/browser.js';

const ISSUE = `mutation($input: DeterminationInput!) { issueDetermination(input: $input, validAt: "2025-08-01", commandId: "policy-team-in") { id reference outcome } }`;
/** TEST FIXTURE, not law: the cases policyctl test's own tests use, India and its neighbours. */
const CASES = readFileSync(fileURLToPath(new URL('../../apps/cli/src/test-fixtures/cases/india-and-neighbours.yaml', import.meta.url)), 'utf8');
/** TEST FIXTURE, not law: a made-up amendment moving India to Tier 3 and lowering the LPP cap. */
const TITLE = 'TEST FIXTURE: India to Tier 3 (fictitious)';
const CHANGES = JSON.stringify(
  [
    { type: 'REASSIGN_TIER', country: 'IN', tier: 3, effectiveAt: '2025-07-01' },
    { type: 'SET_THRESHOLD', parameter: 'lpp.cap.tpp', value: 20000000, unit: 'TPP', effectiveAt: '2026-12-01' },
  ],
  null,
  2,
);
const FOUR_EYES = 'You wrote this amendment, so you may not approve it: a second person must (four eyes).';

const origin = (api: ApiHarness) => api.url.replace(/\/graphql$/, '');

async function signInAs(page: Page, role: string): Promise<void> {
  await page.getByRole('button', { name: `Sign in as ${role}` }).click();
  await page.getByText('Signed in as').waitFor();
  expect(await page.getByText('Signed in as').innerText()).toContain(`local-${role}`);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Policy Ledger' }).waitFor();
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

describe("the policy team's pages in Chromium: an editor drafts, a different approver approves and publishes", () => {
  let api: ApiHarness;
  let browser: ConsoleBrowser;
  let page: Page;
  let ruling: { id: string; reference: string; outcome: string };
  let amendmentUrl: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([ApiHarness.start('sqlite', { env: { AUTH_JWT_SECRET: '' } }), ConsoleBrowser.launch()]);
    ruling = (await api.data(ISSUE, { input: indiaShipment('policy-team-in') }, 'determiner')).issueDetermination;
    expect(ruling.outcome).toBe('LICENSE_EXCEPTION');
    page = await browser.page();
  });

  afterAll(async () => {
    const blocked = browser?.blocked ?? [];
    await browser?.close();
    await api?.stop();
    expect(blocked).toEqual([]);
  });

  it('an editor drafts an amendment in the console and sees its redline: the tier and the threshold, before and after, owed to their changes', async () => {
    await page.goto(`${origin(api)}/console/amendments`);
    await signInAs(page, 'editor');
    await page.getByRole('heading', { name: '0 amendments' }).waitFor();

    await page.getByRole('link', { name: 'Draft an amendment' }).click();
    await page.getByLabel('Title').fill(TITLE);
    await page.getByLabel('Rationale').fill('Test fixture for the policy-team pages; not a real legal action.');
    await page.getByLabel('Source citation').fill('TEST FIXTURE: fictitious notice');
    await page.getByLabel('Source published on').fill('2026-11-01');
    await page.getByLabel('Changes (JSON, as in a policy file)').fill(CHANGES);
    await page.getByRole('button', { name: 'Save the draft' }).click();

    await page.getByRole('heading', { name: `Amendment: ${TITLE}` }).waitFor();
    amendmentUrl = page.url().replace(/\?.*$/, '');
    expect(await page.locator('.status-line').innerText()).toMatch(/^Draft\. Drafted by local-editor\./);
    const redline = page.locator('table.redline');
    const tier = redline.locator('tr', { hasText: 'Country IN' });
    // India had no tier of its own (Tier 2 is every country not named): nothing before, Tier 3 after.
    expect(await tier.locator('td.before').innerText()).toBe('');
    expect(await tier.locator('td.after ins').innerText()).toBe('3');
    expect(await tier.innerText()).toContain('effective 1 July 2025 (2025-07-01)');
    const cap = redline.locator('tr', { hasText: 'Parameter lpp.cap.tpp' });
    expect(await cap.locator('td.before del').innerText()).toMatch(/^\d+$/);
    expect(await cap.locator('td.after ins').innerText()).toBe('20000000');
    // The unit, word by word: the words kept plain, the words dropped struck out.
    const unit = redline.locator('tr', { hasText: 'unit' }).locator('td.before');
    expect(await unit.locator('del').count()).toBeGreaterThan(0);
    expect(await unit.innerText()).toMatch(/^TPP /);
    expect(await cap.innerText()).toContain('effective 1 December 2026 (2026-12-01)');
    await screenshot(page, 'policy-01-draft-redline');
    await expectAccessible(page);
  });

  it('the editor submits it and is shown, before any click, that they cannot approve their own amendment', async () => {
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.locator('.status-line strong', { hasText: 'Submitted for approval' }).waitFor();

    const approve = page.getByRole('button', { name: 'Approve' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await page.locator('#why-not-approve').innerText()).toBe(FOUR_EYES);
    expect(await approve.getAttribute('aria-describedby')).toBe('why-not-approve');
    expect(await page.locator('ol.history').innerText()).toMatch(/Drafted by local-editor[\s\S]*Submitted by local-editor/);
    await screenshot(page, 'policy-02-editor-may-not-approve');
    await expectAccessible(page);
  });

  it("runs the team's case file on the amendment page: the cases the amendment turns, and why they fail", async () => {
    await page.getByLabel('Case file (YAML, as policyctl test reads it)').fill(CASES);
    await page.getByRole('button', { name: 'Run the cases' }).click();
    await page.getByText('With the amendment: 3 of 5 cases pass, 2 fail.').waitFor();
    const results = await page.locator('.test-results').innerText();
    expect(results).toContain('India, August 2025: now fails');
    expect(results).toContain('India, September 2026: now fails');
    await page.getByText('Fails: India, August 2025').click();
    expect(await page.locator('.test-failure').first().innerText()).toMatch(/outcome: expected "LICENSE_EXCEPTION", got "LICENSE_REQUIRED"/);
  });

  it('a different person, an approver, runs the impact report (its sample links to the ruling), approves and publishes', async () => {
    await signOut(page);
    await signInAs(page, 'approver');
    expect(page.url()).toContain(amendmentUrl);
    await page.getByRole('heading', { name: `Amendment: ${TITLE}` }).waitFor();
    expect(await page.locator('#why-not-approve').count()).toBe(0);

    await page.getByRole('button', { name: 'Run the impact report' }).click();
    await page.getByText('1 of 1 recorded rulings').waitFor();
    expect(await page.locator('.impact').innerText()).toContain('1 from license exception to license required');
    const sample = page.getByRole('link', { name: `Ruling ${ruling.id}` });
    expect(await sample.getAttribute('href')).toBe(`/console/rulings/${ruling.id}`);

    await page.getByLabel('Comment for an approval, reason for a rejection').fill('Checked against the notice.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('.status-line strong', { hasText: 'Approved, not yet published' }).waitFor();
    await screenshot(page, 'policy-03-approved');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.locator('.status-line strong', { hasText: /^Published$/ }).waitFor();
    const history = await page.locator('ol.history').innerText();
    expect(history).toMatch(/Approved by local-approver.*: Checked against the notice\./);
    expect(history).toContain('Published by local-approver');
    expect(await page.locator('#redline-heading + p').innerText()).toContain('Against the policy as it stood before publication');
    expect(await page.getByRole('heading', { name: 'What you may do' }).count()).toBe(0);
    await expectAccessible(page);

    // The sample's link, followed: the ruling's memo.
    await page.goto(`${origin(api)}/console/rulings/${ruling.id}`);
    await page.getByRole('heading', { name: `Ruling ${ruling.reference}` }).waitFor();
  });

  it('lists the amendment with its status', async () => {
    await page.getByRole('link', { name: 'Amendments' }).click();
    await page.getByRole('heading', { name: '1 amendment' }).waitFor();
    const row = page.locator('table.amendments tbody tr');
    expect(await row.innerText()).toMatch(new RegExp(`${TITLE.replace(/[()]/g, '\\$&')}\\s+Published\\s+local-editor`));
    await page.getByLabel('Status').selectOption('DRAFT');
    await page.getByRole('heading', { name: '0 amendments' }).waitFor();
  });
});
