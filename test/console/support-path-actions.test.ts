import { parse, print } from 'graphql';
import type { Browser, Page } from 'playwright-core';
import { buildTrustedDocumentsManifest } from '@hub/gateway/src/trusted-documents/trusted-documents-manifest';
import { Agency, Purpose, Region, Role } from '@hub/shared';
import { codes, queryAs } from '../support/client';
import { type ConsoleTab, choosePurpose, gatewayOrigin, launchBrowser, openConsole, screenshot, settled, signIn, unlabelledControls } from './console-browser';

/**
 * The support path's "Actions" panel, in headless Chromium against the test hub: each action the signed-in
 * agency may take is a form calling the real mutation; what the API then answers must show what was done.
 */
const run = Date.now().toString(36);
const DAY = 86_400_000;
const coordinator = { agency: Agency.COORDINATION, role: Role.COORDINATOR, sub: `actions-coord-${run}`, purpose: Purpose.CASE_COORDINATION };
const immigration = { agency: Agency.IMMIGRATION, role: Role.CASEWORKER, sub: `actions-udi-${run}`, purpose: Purpose.PERMIT_PROCESSING };
const analyst = { agency: Agency.COORDINATION, role: Role.ANALYST, sub: `actions-analyst-${run}`, purpose: Purpose.STATISTICS };
const prosecutor = { agency: Agency.POLICE, role: Role.PROSECUTOR, sub: `actions-prosecutor-${run}`, purpose: Purpose.PROSECUTION };
const ngoWorker = { agency: Agency.NGO, role: Role.NGO_WORKER, sub: `actions-ngo-${run}`, purpose: Purpose.CASE_COORDINATION };

interface Consent {
  id: string;
  recipients: string[];
  categories: string[];
  purposes: string[];
  validFrom: string;
  validUntil: string;
  givenBy: string;
  form: string;
  withdrawnAt: string | null;
}

/** A fresh adult victim, registered through the API, so that the writes below touch no one else's records. */
async function identify(alias: string, daysAgo = 2): Promise<string> {
  const response = await queryAs<{ identifyVictim: { id: string } }>(
    coordinator,
    'mutation ($input: IdentifyVictimInput!) { identifyVictim(input: $input) { id } }',
    {
      input: {
        alias, birthYear: 1990, gender: 'FEMALE', nationalities: ['NG'], languages: ['en'], region: Region.OSLO,
        exploitationForms: ['SEXUAL_EXPLOITATION'], identifiedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
        identifyingAgency: Agency.POLICE, indicatorsPresent: ['E1', 'E2'],
      },
    },
  );
  expect(codes(response)).toEqual([]);
  return response.data!.identifyVictim.id;
}

async function consentsOf(victimId: string): Promise<Consent[]> {
  const response = await queryAs<{ victim: { consents: Consent[] } }>(
    coordinator,
    'query ($id: ID!) { victim(id: $id) { consents { id recipients categories purposes validFrom validUntil givenBy form withdrawnAt } } }',
    { id: victimId },
  );
  expect(codes(response)).toEqual([]);
  return response.data!.victim.consents;
}

async function openPath(page: Page, victimId: string): Promise<void> {
  await page.goto(`${gatewayOrigin()}/console/#/victim/${encodeURIComponent(victimId)}`);
  await settled(page, '#victim-body');
}

const offered = (page: Page): Promise<(string | null)[]> =>
  page.locator('#victim-actions [data-action]').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));

let browser: Browser;
const tabs: ConsoleTab[] = [];
beforeAll(async () => (browser = await launchBrowser()));
afterAll(async () => {
  // No script error and no Content-Security-Policy violation on any page these tests drove.
  for (const tab of tabs) expect(tab.problems).toEqual([]);
  await browser?.close();
});

describe('support-path actions of a coordinator', () => {
  let page: Page;
  let victimId: string;
  beforeAll(async () => {
    victimId = await identify(`Actions consent ${run}`);
    const tab = await openConsole(browser);
    tabs.push(tab);
    page = tab.page;
    await signIn(page, coordinator);
    await openPath(page, victimId);
  });

  it('grants a consent through the form naming POLICE / POLICE_CASE / INVESTIGATION, and the API then shows it in force', async () => {
    expect(await offered(page)).toEqual(['grantConsent', 'withdrawConsent', 'assignCoordinator', 'recordRightsInformation']);
    expect(await consentsOf(victimId)).toEqual([]);
    // An adult gives consent themselves: the form says so before anyone chooses.
    await expect(page.getByLabel('Given by').inputValue()).resolves.toBe('VICTIM');
    // Each choice is a checkbox of its own (no Ctrl-click list that one stray click empties).
    const group = (name: string) => page.getByRole('group', { name, exact: true });
    for (const name of ['Recipients', 'Categories', 'Purposes']) {
      await expect(group(name).locator('select').count()).resolves.toBe(0);
      const types = await group(name).locator('input').evaluateAll((els) => els.map((el) => el.getAttribute('type')));
      expect(types.length).toBeGreaterThan(1);
      expect(new Set(types)).toEqual(new Set(['checkbox']));
    }
    // Nothing chosen: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: 'Record consent' }).click();
    await expect(page.locator('[data-action="grantConsent"] [role="alert"]').textContent()).resolves.toBe('Choose at least one of the recipients.');
    expect(await consentsOf(victimId)).toEqual([]);
    await group('Recipients').getByLabel('Police', { exact: true }).check();
    await group('Categories').getByLabel('Police case', { exact: true }).check();
    await group('Purposes').getByLabel('Investigation', { exact: true }).check();
    const validFrom = await page.getByLabel('Valid from').inputValue();
    const validUntil = await page.getByLabel('Valid until').inputValue();
    await screenshot(page, 'actions-coordinator-01-consent-form');
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.locator('[data-action="grantConsent"] .success').waitFor();
    await settled(page, '#victim-body');
    await screenshot(page, 'actions-coordinator-02-consent-granted');

    const consents = await consentsOf(victimId);
    expect(consents).toEqual([
      expect.objectContaining({
        recipients: ['POLICE'], categories: ['POLICE_CASE'], purposes: ['INVESTIGATION'], givenBy: 'VICTIM', form: 'WRITTEN', withdrawnAt: null,
        validFrom: `${validFrom}T00:00:00.000Z`, validUntil: `${validUntil}T00:00:00.000Z`,
      }),
    ]);
    // The refreshed path shows it in force, offers to withdraw it, and the keyboard focus is on the outcome.
    await expect(page.locator('[data-part="victim-consents"] tbody tr').allTextContents()).resolves.toEqual([expect.stringMatching(/^Active.*Police case.*Investigation/)]);
    await expect(page.locator(`[data-action="withdrawConsent"] button[data-consent-id="${consents[0]!.id}"]`).count()).resolves.toBe(1);
    await expect(page.evaluate<string>('document.activeElement ? document.activeElement.className : ""')).resolves.toContain('action-flash');
    expect(await unlabelledControls(page)).toEqual([]);
    await expect(page.locator('#victim-actions').textContent()).resolves.not.toMatch(/\b(null|undefined)\b/);
  });

  it('withdraws that consent through its button (from the keyboard), and the API then shows it withdrawn', async () => {
    const [consent] = await consentsOf(victimId);
    expect(consent?.withdrawnAt).toBeNull();
    const button = page.locator(`[data-action="withdrawConsent"] button[data-consent-id="${consent!.id}"]`);
    await expect(button.getAttribute('aria-label')).resolves.toBe('Withdraw the consent to Police for Investigation');
    await button.press('Enter');
    await page.locator('[data-action="withdrawConsent"] .success').waitFor();
    await settled(page, '#victim-body');
    await screenshot(page, 'actions-coordinator-03-consent-withdrawn');

    const [after] = await consentsOf(victimId);
    expect(after?.id).toBe(consent!.id);
    expect(after?.withdrawnAt).not.toBeNull();
    await expect(button.count()).resolves.toBe(0);
    await expect(page.locator('[data-part="victim-consents"] tbody tr').first().textContent()).resolves.toMatch(/^Withdrawn/);
  });

  it('shows its actions disabled under another purpose, naming the purpose they need', async () => {
    await choosePurpose(page, Purpose.STATISTICS);
    await settled(page, '#victim-body');
    await screenshot(page, 'actions-coordinator-04-other-purpose');
    expect(await offered(page)).toEqual(['grantConsent', 'withdrawConsent', 'assignCoordinator', 'recordRightsInformation']);
    await expect(page.getByRole('button', { name: 'Record consent' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Assign coordinator' }).isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-action="grantConsent"] [data-needs-purpose]').textContent()).resolves.toBe('Needs the purpose Case coordination.');

    await page.getByRole('button', { name: 'Use purpose Case coordination' }).click();
    await settled(page, '#victim-body');
    await expect(page.getByRole('button', { name: 'Record consent' }).isEnabled()).resolves.toBe(true);
    await expect(page.locator('#victim-actions [data-needs-purpose]').count()).resolves.toBe(0);
  });
});

describe('support-path actions of an immigration caseworker', () => {
  let page: Page;
  let victimId: string;
  const grantedEvents = async (): Promise<{ events: number; grantedAt: string | null; daysLeft: number | null }> => {
    const response = await queryAs<{ victim: { reflectionPeriod: { grantedAt: string; daysLeft: number } | null; supportPath: { events: { kind: string }[] } } }>(
      immigration,
      'query ($id: ID!) { victim(id: $id) { reflectionPeriod { grantedAt daysLeft } supportPath { events { kind } } } }',
      { id: victimId },
    );
    expect(codes(response)).toEqual([]);
    const victim = response.data!.victim;
    return {
      events: victim.supportPath.events.filter((e) => e.kind === 'REFLECTION_PERIOD_GRANTED').length,
      grantedAt: victim.reflectionPeriod?.grantedAt ?? null,
      daysLeft: victim.reflectionPeriod?.daysLeft ?? null,
    };
  };

  beforeAll(async () => {
    victimId = await identify(`Actions reflection ${run}`);
    // The victim lets immigration see who they are and where their path stands, for permit processing.
    const consent = await queryAs(coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
      input: {
        victimId, recipients: ['IMMIGRATION'], categories: ['IDENTITY', 'CASE_STATUS'], purposes: ['PERMIT_PROCESSING'],
        validFrom: new Date(Date.now() - DAY).toISOString(), validUntil: new Date(Date.now() + 180 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
      },
    });
    expect(codes(consent)).toEqual([]);
    const tab = await openConsole(browser);
    tabs.push(tab);
    page = tab.page;
    await signIn(page, immigration);
    await openPath(page, victimId);
  });

  it('grants the reflection period through the form, and the support path then shows REFLECTION_PERIOD_GRANTED (API and page)', async () => {
    expect(await offered(page)).toEqual(['grantReflectionPeriod', 'applyForPermit', 'recordRightsInformation']);
    expect(await grantedEvents()).toEqual({ events: 0, grantedAt: null, daysLeft: null });
    await expect(page.locator('#timeline li[data-kind="REFLECTION_PERIOD_GRANTED"]').count()).resolves.toBe(0);
    const startsOn = await page.getByLabel('First day of the reflection period').inputValue();
    await page.getByRole('button', { name: 'Grant reflection period' }).click();
    await page.locator('[data-action="grantReflectionPeriod"] .success').waitFor();
    await settled(page, '#victim-body');
    await screenshot(page, 'actions-immigration-01-reflection-granted');

    const api = await grantedEvents();
    expect(api).toEqual({ events: 1, grantedAt: `${startsOn}T00:00:00.000Z`, daysLeft: expect.any(Number) });
    expect(api.daysLeft).toBeGreaterThan(150);
    await expect(page.locator('#timeline li[data-kind="REFLECTION_PERIOD_GRANTED"]').count()).resolves.toBe(1);
    await expect(page.locator('#reflection-days').textContent()).resolves.toBe(`${api.daysLeft} days left`);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('refuses a second grant, showing the CONFLICT message on the page and changing nothing', async () => {
    const before = await grantedEvents();
    expect(before.events).toBe(1);
    await page.getByRole('button', { name: 'Grant reflection period' }).click();
    const refusal = page.locator('[data-action="grantReflectionPeriod"] .error');
    await refusal.waitFor();
    await screenshot(page, 'actions-immigration-02-second-grant-conflict');
    await expect(refusal.getAttribute('data-code')).resolves.toBe('CONFLICT');
    await expect(refusal.textContent()).resolves.toContain('That contradicts the current state of the record; nothing was changed. (CONFLICT)');
    await expect(refusal.textContent()).resolves.toContain('not renewable');
    // The form stays usable, and nothing is recorded a second time.
    await expect(page.getByRole('button', { name: 'Grant reflection period' }).isEnabled()).resolves.toBe(true);
    expect(await grantedEvents()).toEqual(before);
  });
});

describe('support-path actions of an analyst', () => {
  it('offers none: no actions panel, no form and no button on the support path', async () => {
    const victimId = await identify(`Actions analyst ${run}`);
    const tab = await openConsole(browser);
    tabs.push(tab);
    const { page } = tab;
    await signIn(page, analyst);
    await openPath(page, victimId);
    await screenshot(page, 'actions-analyst-01-support-path');
    await expect(page.locator('#victim-body .denied').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('#victim-actions').count()).resolves.toBe(0);
    await expect(page.locator('#victim-body form, #victim-body button, #victim-body [data-action]').count()).resolves.toBe(0);
  });
});

interface RightsRecord {
  rights: string[];
  language: string;
  interpreter: boolean;
  informedBy: string;
  informedByRole: string;
  informedAt: string;
}

describe('recording rights information from the support path (docs/architecture.md#rights-information)', () => {
  let page: Page;
  let victimId: string;
  /** What the API says: the unit's own rights records, and whether the support path shows them and the alert. */
  const recorded = async (): Promise<{ records: RightsRecord[]; events: string[]; alerts: string[] }> => {
    const response = await queryAs<{
      victim: { coordinationRightsInformation: RightsRecord[]; supportPath: { events: { agency: string; kind: string; summary: string }[]; alerts: { kind: string }[] } };
    }>(
      coordinator,
      `query ($id: ID!) { victim(id: $id) { coordinationRightsInformation { rights language interpreter informedBy informedByRole informedAt }
         supportPath { events { agency kind summary } alerts { kind } } } }`,
      { id: victimId },
    );
    expect(codes(response)).toEqual([]);
    const { coordinationRightsInformation, supportPath } = response.data!.victim;
    return {
      records: coordinationRightsInformation,
      events: supportPath.events.filter((e) => e.kind === 'RIGHTS_INFORMED').map((e) => `${e.agency}: ${e.summary}`),
      alerts: supportPath.alerts.map((a) => a.kind),
    };
  };
  const section = () => page.locator('[data-action="recordRightsInformation"]');
  const rightsGroup = () => section().getByRole('group', { name: 'Rights the victim was informed of', exact: true });

  beforeAll(async () => {
    // Identified 20 days ago and not yet informed: past the guideline's 14 days. The alert reads every agency's
    // rights information, so the coordinating unit sees it by the victim's consent naming RIGHTS_INFORMATION.
    victimId = await identify(`Actions rights ${run}`, 20);
    const consent = await queryAs(coordinator, 'mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }', {
      input: {
        victimId, recipients: ['COORDINATION'], categories: ['RIGHTS_INFORMATION'], purposes: ['CASE_COORDINATION'],
        validFrom: new Date(Date.now() - DAY).toISOString(), validUntil: new Date(Date.now() + 180 * DAY).toISOString(), givenBy: 'VICTIM', form: 'WRITTEN',
      },
    });
    expect(codes(consent)).toEqual([]);
    const tab = await openConsole(browser);
    tabs.push(tab);
    page = tab.page;
    await signIn(page, coordinator);
    await openPath(page, victimId);
  });

  it('records it through the form; the support path then shows the event, and the overdue alert is gone (API and page)', async () => {
    expect(await recorded()).toEqual({ records: [], events: [], alerts: ['RIGHTS_NOT_INFORMED'] });
    await expect(page.locator('#victim-alerts [data-alert="RIGHTS_NOT_INFORMED"]').count()).resolves.toBe(1);
    await expect(section().locator('h3').textContent()).resolves.toBe('Record rights information');

    // No right chosen: the form says so and sends nothing.
    await section().getByLabel('Language').fill('ro');
    await page.getByRole('button', { name: 'Record rights information' }).click();
    await expect(section().locator('[role="alert"]').textContent()).resolves.toBe('Choose at least one right.');
    expect((await recorded()).records).toEqual([]);

    await rightsGroup().getByLabel('Free legal aid', { exact: true }).check();
    await rightsGroup().getByLabel('Interpreter', { exact: true }).check();
    await section().getByLabel('An interpreter took part').check();
    const informedOn = await section().getByLabel('Informed on').inputValue();
    await screenshot(page, 'actions-rights-01-form');
    await page.getByRole('button', { name: 'Record rights information' }).click();
    await section().locator('.success').waitFor();
    await settled(page, '#victim-body');
    await screenshot(page, 'actions-rights-02-recorded');

    // Who informed the victim is the signed-in coordinator, from the token.
    expect(await recorded()).toEqual({
      records: [{ rights: ['FREE_LEGAL_AID', 'INTERPRETER'], language: 'ro', interpreter: true, informedBy: coordinator.sub, informedByRole: 'COORDINATOR', informedAt: `${informedOn}T00:00:00.000Z` }],
      events: ['COORDINATION: Informed of 2 rights in ro, with an interpreter'],
      alerts: [],
    });
    await expect(page.locator('#timeline li[data-kind="RIGHTS_INFORMED"][data-agency="COORDINATION"]').allTextContents()).resolves.toEqual([
      expect.stringContaining('Informed of 2 rights in ro, with an interpreter'),
    ]);
    await expect(page.locator('#victim-alerts [data-alert="RIGHTS_NOT_INFORMED"]').count()).resolves.toBe(0);
    await expect(section().locator('.success').textContent()).resolves.toBe('Rights information recorded.');
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it("shows the hub's coded refusal of a language that is no ISO 639-1 code, and records nothing", async () => {
    await rightsGroup().getByLabel('Complaint', { exact: true }).check();
    await section().getByLabel('Language').fill('xx');
    await page.getByRole('button', { name: 'Record rights information' }).click();
    const refusal = section().locator('.error');
    await refusal.waitFor();
    await screenshot(page, 'actions-rights-03-bad-language');
    await expect(refusal.getAttribute('data-code')).resolves.toBe('BAD_USER_INPUT');
    await expect(refusal.textContent()).resolves.toContain('The hub refused the input; nothing was changed. (BAD_USER_INPUT)');
    await expect(page.getByRole('button', { name: 'Record rights information' }).isEnabled()).resolves.toBe(true);
    expect((await recorded()).records).toHaveLength(1);
  });
});

describe('rights information is offered where the write policy lets the agency record it', () => {
  it("offers a police prosecutor that action alone, and records it into the police's records", async () => {
    const victimId = await identify(`Actions rights prosecutor ${run}`);
    const tab = await openConsole(browser);
    tabs.push(tab);
    const { page } = tab;
    await signIn(page, prosecutor);
    await openPath(page, victimId);
    expect(await offered(page)).toEqual(['recordRightsInformation']);
    const section = page.locator('[data-action="recordRightsInformation"]');
    await section.getByRole('group', { name: 'Rights the victim was informed of', exact: true }).getByLabel('Witness protection', { exact: true }).check();
    await section.getByLabel('Language').fill('en');
    await page.getByRole('button', { name: 'Record rights information' }).click();
    await section.locator('.success').waitFor();
    await settled(page, '#victim-body');
    await screenshot(page, 'actions-rights-04-prosecutor');

    const response = await queryAs<{ victim: { policeRightsInformation: Partial<RightsRecord>[] } }>(
      prosecutor,
      'query ($id: ID!) { victim(id: $id) { policeRightsInformation { rights language interpreter informedBy informedByRole } } }',
      { id: victimId },
    );
    expect(codes(response)).toEqual([]);
    expect(response.data!.victim.policeRightsInformation).toEqual([
      { rights: ['WITNESS_PROTECTION'], language: 'en', interpreter: false, informedBy: prosecutor.sub, informedByRole: 'PROSECUTOR' },
    ]);
  });

  it('offers an NGO worker nothing: an NGO keeps no case records', async () => {
    const victimId = await identify(`Actions rights NGO ${run}`);
    const tab = await openConsole(browser);
    tabs.push(tab);
    const { page } = tab;
    await signIn(page, ngoWorker);
    await openPath(page, victimId);
    await expect(page.locator('#victim-actions').count()).resolves.toBe(0);
    await expect(page.locator('[data-action="recordRightsInformation"]').count()).resolves.toBe(0);
  });
});

describe("the console's rights-information writers", () => {
  it('are the staff of every agency that handles cases, each with its purpose and its own mutation, a trusted document', async () => {
    const config = (await (await fetch(`${gatewayOrigin()}/console/config.json`)).json()) as {
      writers: { agency: string; roles: string[]; purpose: string; actions: string[]; rightsInformationMutation?: string }[];
    };
    const writers = config.writers.filter((w) => w.actions.includes('recordRightsInformation'));
    // The own-records rules of the agencies that handle cases (docs/architecture.md#rights-information); not the NGO, not audit.
    expect(writers.map((w) => [w.agency, w.roles, w.purpose, w.rightsInformationMutation])).toEqual([
      ['COORDINATION', ['COORDINATOR', 'CASEWORKER'], 'CASE_COORDINATION', 'recordCoordinationRightsInformation'],
      ['POLICE', ['INVESTIGATOR'], 'INVESTIGATION', 'recordPoliceRightsInformation'],
      ['POLICE', ['PROSECUTOR'], 'PROSECUTION', 'recordPoliceRightsInformation'],
      ['IMMIGRATION', ['CASEWORKER'], 'PERMIT_PROCESSING', 'recordImmigrationRightsInformation'],
      ['SOCIAL_SERVICES', ['CASEWORKER'], 'SOCIAL_ASSISTANCE', 'recordSocialServicesRightsInformation'],
      ['HEALTH', ['CLINICIAN'], 'CARE', 'recordHealthRightsInformation'],
      ['CHILD_WELFARE', ['CASEWORKER'], 'CHILD_PROTECTION', 'recordChildWelfareRightsInformation'],
      ['LABOUR_INSPECTION', ['INSPECTOR'], 'LABOUR_INSPECTION', 'recordLabourInspectionRightsInformation'],
    ]);
    // What the console sends for each (support-path-actions.js) is registered, so a production gateway runs it.
    const trusted = new Set(buildTrustedDocumentsManifest().operations.map((o) => o.body));
    for (const { rightsInformationMutation: mutation } of writers) {
      const operation = `Record${mutation!.slice('record'.length)}`;
      const sent = `mutation ${operation}($input: RecordRightsInformationInput!) { ${mutation!}(input: $input) { id } }`;
      expect({ operation, trusted: trusted.has(print(parse(sent))) }).toEqual({ operation, trusted: true });
    }
  });
});
