import { agencyEntries, caseAgencyCategories } from '../agencies/agency-registry';
import type { HubCaller } from '../auth/hub-caller';
import { Agency, DataCategory, Purpose, Region, Role } from '../domain/enums';
import {
  consentLimits,
  consentRoles,
  emergencyRule,
  legalRules,
  neverByConsent,
  heldByEachAgency,
  ownRecordsRules,
  roleAgencies,
  statisticsRule,
} from './access-policy';
import { type AccessDecision, type VictimContext, decide, describeBasis } from './decide';
import { nationalStaff } from './region-scope';

/**
 * `docs/access-policy.md`, generated from the policy table (`access-policy.ts`) and, for the worked
 * examples, from `decide()` itself: nothing here states a policy fact of its own. `npm run docs` writes it;
 * `test/docs/generated-docs.test.ts` fails when the committed file is stale.
 */

const code = (value: string): string => `\`${value}\``;
const list = (values: readonly string[]): string => (values.length === 0 ? '—' : values.map(code).join(', '));
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');

const allRoles = Object.values(Role);
const allCategories = Object.values(DataCategory);
const allPurposes = Object.values(Purpose);

/** Every (agency, role) pair the table allows, agency by agency in enum order. */
const identities = (): { agency: Agency; role: Role }[] =>
  Object.values(Agency).flatMap((agency) => allRoles.filter((role) => roleAgencies[role].includes(agency)).map((role) => ({ agency, role })));

function rolesSection(): string {
  const rows = Object.values(Agency).map((agency) => [code(agency), list(allRoles.filter((r) => roleAgencies[r].includes(agency)))]);
  return [
    '## Roles per agency',
    '',
    'A role exists only in the agencies listed; a token naming a role outside its agency is refused, and',
    '`decide()` refuses such a caller with `FORBIDDEN` should one ever reach a subgraph.',
    '',
    table(['agency', 'roles'], rows),
  ].join('\n');
}

function overviewSection(): string {
  const rows = identities().map(({ agency, role }) => {
    const own = ownRecordsRules
      .filter((r) => r.agency === agency && r.roles.includes(role))
      .map((r) => `${list(r.categories)} for ${list(r.purposes)}`);
    const legal = legalRules.filter((r) => r.agency === agency && r.roles.includes(role)).map((r) => code(r.id));
    return [
      `${code(agency)} ${code(role)}`,
      own.length > 0 ? own.join('; ') : '—',
      legal.length > 0 ? legal.join(', ') : '—',
      consentRoles.includes(role) ? 'yes' : 'no',
      emergencyRule.roles.includes(role) ? 'yes' : 'no',
      statisticsRule.roles.includes(role) ? list(statisticsRule.purposes) : 'no',
    ];
  });
  return [
    '## Overview: what each role reads',
    '',
    table(['agency and role', 'own records', 'legal rules', 'by consent', 'emergency', 'statistics'], rows),
  ].join('\n');
}

function categoriesSection(): string {
  return [
    '## Data categories',
    '',
    'Each category is owned by one agency, whose subgraph holds its records (the agency registry,',
    '`shared/src/agencies/agency-registry.ts`); the rules below decide who else may read it. The agency kit\'s',
    'categories are held by every agency that handles cases, each of its own records, in its own subgraph: an',
    "agency's own-records rule opens its own records of such a category only, never another agency's (consent,",
    "emergency), nor a value derived from every agency's records (the support path's alert `RIGHTS_NOT_INFORMED`).",
    '',
    table(
      ['category', 'owner', 'subgraph', 'what it holds'],
      [
        ...agencyEntries.flatMap((e) => e.categories.map((c) => [code(c.name), code(e.agency), e.subgraph ? `\`${e.subgraph}\`` : '—', c.description])),
        ...caseAgencyCategories.map((c) => {
          const holders = agencyEntries.filter((e) => e.handlesCases);
          return [code(c.name), `each of ${list(holders.map((e) => e.agency))}`, 'each its own', c.description];
        }),
      ],
    ),
  ].join('\n');
}

function ownRecordsSection(): string {
  return [
    '## Own records',
    '',
    'An agency reads its own categories, for a purpose within its mandate, without consent (basis `OWN_RECORDS`);',
    `of ${list(heldByEachAgency)}, only the records it holds itself.`,
    'The same rules decide who may record data of a category: consent and emergency open reading, never writing.',
    '',
    table(
      ['agency', 'roles', 'categories', 'purposes'],
      ownRecordsRules.map((r) => [code(r.agency), list(r.roles), list(r.categories), list(r.purposes)]),
    ),
  ].join('\n');
}

function legalRulesSection(): string {
  const rules = legalRules.map((r) =>
    [
      `### ${code(r.id)}`,
      '',
      r.description,
      '',
      `- agency: ${code(r.agency)}; roles: ${list(r.roles)}`,
      `- categories: ${list(r.categories)}`,
      `- purposes: ${list(r.purposes)}`,
      `- condition: ${r.condition}`,
      `- basis recorded: ${code(`LEGAL_RULE:${r.id}`)}`,
    ].join('\n'),
  );
  return ['## Legal rules', 'A few rules given by law rather than by consent, each with the condition on the victim it needs.', ...rules].join(
    '\n\n',
  );
}

function consentSection(): string {
  const notByConsent = allRoles.filter((r) => !consentRoles.includes(r));
  const openable = allCategories.filter((c) => !neverByConsent.includes(c));
  return [
    '## Consent',
    '',
    "Another agency reads a category when the victim (or, for a minor, the guardian) has given a consent that",
    "names the caller's agency among its recipients, the category among its categories and the purpose among its",
    'purposes, that is inside its validity period (from `validFrom`, until before `validUntil`) and that has not',
    'been withdrawn (basis `CONSENT:<consent id>`). Consents name categories one by one: there is no',
    '"all categories" consent, so every category, including `SHELTER_LOCATION` and `HEALTH_DETAIL`, is shared only',
    'by a consent that names it. No consent decision is cached across requests: a withdrawal counts on the next one.',
    '',
    `- Roles that may read by consent: ${list(consentRoles)}`,
    `- Roles that never read by consent: ${list(notByConsent)}`,
    `- Categories a consent can open: ${list(openable)}`,
    `- Categories no consent opens: ${list(neverByConsent)}`,
    ...Object.entries(consentLimits).map(
      ([role, limit]) => `- ${role} reads by consent only ${list(limit.categories)}, and only when ${limit.condition}.`,
    ),
    '',
    'Without a matching active consent the answer is `CONSENT_REQUIRED`; for a role that never reads by consent, or',
    'a category no consent opens, it is `FORBIDDEN`: no consent could change it.',
  ].join('\n');
}

function emergencySection(): string {
  const open = allCategories.filter((c) => !emergencyRule.closed.includes(c));
  return [
    '## Emergency ("break-glass")',
    '',
    `Purpose ${code(Purpose.EMERGENCY)} with a written justification (header \`x-justification\`) of at least`,
    `${emergencyRule.minimumJustificationLength} characters. Basis \`EMERGENCY\`; every such access is flagged for review by audit staff.`,
    '',
    `- Roles: ${list(emergencyRule.roles)}`,
    `- Opens: ${list(open)}`,
    `- Stays closed even in an emergency: ${list(emergencyRule.closed)}`,
    '- Region limits of local staff do not apply (see the decision order).',
  ].join('\n');
}

/** A role no rule lets read a field about a victim: no own records, legal rule, consent or emergency. */
const readsNoVictimField = (role: Role): boolean =>
  !consentRoles.includes(role) &&
  !emergencyRule.roles.includes(role) &&
  !ownRecordsRules.some((r) => r.roles.includes(role)) &&
  !legalRules.some((r) => r.roles.includes(role));

function statisticsSection(): string {
  return [
    '## Statistics',
    '',
    'Aggregate statistics hold no personal data: each owner computes them on its own data, with small-cell suppression.',
    '',
    `- Roles: ${list(statisticsRule.roles)}`,
    `- Purposes: ${list(statisticsRule.purposes)}`,
    `- Roles that read statistics and no field about a victim: ${list(statisticsRule.roles.filter(readsNoVictimField))}`,
  ].join('\n');
}

function regionSection(): string {
  return [
    '## Region limits for local staff',
    '',
    `Staff whose token names regions (of ${list(Object.values(Region))}) are local staff: they read fields about a victim`,
    'only when the coordination registry places that victim in one of their regions. A victim the registry does not',
    'know is outside every region. The limit comes before every rule except emergency, and does not concern fields',
    'about no victim (such as the safe-house directory). A refusal for region is `FORBIDDEN`.',
    '',
    'A caller with no regions at all is national only when its agency and role are national by configuration',
    '(`nationalStaff` in `shared/src/policy/region-scope.ts`); any other caller without regions — an identity provider',
    'that forgot the claim — is refused every read and write with `FORBIDDEN`, never treated as national:',
    '',
    table(['agency', 'national roles'], nationalStaff.map((s) => [code(s.agency), list(s.roles)])),
    '',
    'A mutation about a victim outside the caller\'s regions, or about a record of such a victim, answers `NOT_FOUND`',
    'with the same message as an id nobody has.',
  ].join('\n');
}

function decisionOrderSection(): string {
  const steps = [
    `The role must exist in the caller's agency (roles per agency above); otherwise \`FORBIDDEN\`.`,
    `Purpose ${code(Purpose.EMERGENCY)}: allowed (basis \`EMERGENCY\`, flagged for review) when the role is one of ` +
      `${list(emergencyRule.roles)}, the justification has at least ${emergencyRule.minimumJustificationLength} characters ` +
      `and the category is not one of ${list(emergencyRule.closed)}; otherwise \`FORBIDDEN\`. Nothing below applies to an emergency.`,
    'A caller without regions whose role is not national by configuration: `FORBIDDEN`.',
    'Local staff and a victim outside their regions (or unknown to the registry): `FORBIDDEN`.',
    'An own-records rule for the agency, role, category and purpose: allowed (`OWN_RECORDS`).',
    'A field about no victim (for example a safe house in the directory) is not opened by anything below: `FORBIDDEN`.',
    'A legal rule for the agency, role, category and purpose whose condition holds for the victim: allowed (`LEGAL_RULE:<id>`).',
    `A role that never reads by consent, or a category no consent opens: \`FORBIDDEN\`.`,
    'A role that reads by consent only when a condition holds for the victim (an NGO worker: victims it referred), ' +
      'and a victim for whom it does not hold: `CONSENT_REQUIRED`, with the same message as a missing consent and as an unknown id.',
    "An active consent naming the caller's agency, the category and the purpose: allowed (`CONSENT:<id>`).",
    'Otherwise: `CONSENT_REQUIRED`.',
  ];
  return [
    '## Decision order',
    '',
    'One function, `decide(caller, category, victim, now)` in `shared/src/policy/decide.ts`, decides every field in',
    'the subgraph that owns it; the first step that answers wins. Default deny: what no rule allows is refused.',
    '',
    ...steps.map((step, i) => `${i + 1}. ${step}`),
  ].join('\n');
}

/** A few decisions, computed by `decide()` itself: if the function changes, this file goes stale. */
const exampleNow = new Date('2025-06-01T00:00:00Z');
const exampleVictim = (facts: Partial<VictimContext>): VictimContext => ({
  id: 'v-0a1b2c3d',
  region: Region.OSLO,
  minor: false,
  policeInvestigation: false,
  referredByNgo: false,
  consents: [],
  ...facts,
});
const exampleConsent = {
  id: 'cg-example',
  recipients: [Agency.SOCIAL_SERVICES],
  categories: [DataCategory.IDENTITY, DataCategory.SOCIAL],
  purposes: [Purpose.SOCIAL_ASSISTANCE],
  validFrom: '2025-01-01T00:00:00Z',
  validUntil: '2026-01-01T00:00:00Z',
  withdrawnAt: null,
};
const caller = (agency: Agency, role: Role, purpose: Purpose): HubCaller => ({
  sub: 'staff-example',
  agency,
  role,
  regions: [],
  purpose,
  justification: null,
  requestId: 'example',
  via: 'gateway',
});
const urgent = { justification: 'Imminent danger to life reported by patrol' };
const coordinator = caller(Agency.COORDINATION, Role.COORDINATOR, Purpose.CASE_COORDINATION);
const socialWorker = caller(Agency.SOCIAL_SERVICES, Role.CASEWORKER, Purpose.SOCIAL_ASSISTANCE);
const investigator = caller(Agency.POLICE, Role.INVESTIGATOR, Purpose.INVESTIGATION);
const withdrawn = { ...exampleConsent, withdrawnAt: '2025-05-01T00:00:00Z' };
const { IDENTITY, CASE_STATUS, SHELTER_LOCATION, HEALTH_DETAIL } = DataCategory;
const examples: [who: HubCaller, category: DataCategory, victim: VictimContext | null, facts: string][] = [
  [coordinator, IDENTITY, exampleVictim({}), 'adult, no consent'],
  [{ ...coordinator, regions: [Region.NORTH] }, IDENTITY, exampleVictim({}), 'registered in OSLO'],
  [caller(Agency.HEALTH, Role.CLINICIAN, Purpose.CARE), HEALTH_DETAIL, exampleVictim({}), 'adult, no consent'],
  [socialWorker, IDENTITY, exampleVictim({ consents: [exampleConsent] }), 'consent: SOCIAL_SERVICES, IDENTITY+SOCIAL, SOCIAL_ASSISTANCE'],
  [socialWorker, IDENTITY, exampleVictim({ consents: [withdrawn] }), 'the same consent, withdrawn'],
  [caller(Agency.CHILD_WELFARE, Role.CASEWORKER, Purpose.CHILD_PROTECTION), CASE_STATUS, exampleVictim({ minor: true }), 'minor, no consent'],
  [investigator, IDENTITY, exampleVictim({ policeInvestigation: true }), 'police investigation open'],
  [{ ...investigator, purpose: Purpose.EMERGENCY, ...urgent }, SHELTER_LOCATION, exampleVictim({}), 'no consent'],
  [{ ...investigator, purpose: Purpose.EMERGENCY, ...urgent }, HEALTH_DETAIL, exampleVictim({}), 'no consent'],
  [caller(Agency.COORDINATION, Role.ANALYST, Purpose.STATISTICS), CASE_STATUS, exampleVictim({}), 'adult, no consent'],
  [investigator, SHELTER_LOCATION, null, 'a safe house in the directory (no victim)'],
];

const outcome = (decision: AccessDecision): string =>
  decision.allow
    ? `allowed: ${code(describeBasis(decision.basis))}${decision.review ? ', flagged for review' : ''}`
    : `${code(decision.code)}: ${decision.reason}`;

function examplesSection(): string {
  const rows = examples.map(([who, category, victim, facts]) => [
    `${code(who.agency)} ${code(who.role)}${who.regions.length > 0 ? ` (regions ${list(who.regions)})` : ''}`,
    code(who.purpose),
    code(category),
    facts,
    outcome(decide(who, category, victim, exampleNow)),
  ]);
  return ['## Examples (computed by `decide()`)', '', table(['caller', 'purpose', 'category', 'victim', 'decision'], rows)].join('\n');
}

function denialSection(): string {
  const who = caller(Agency.POLICE, Role.INVESTIGATOR, Purpose.INVESTIGATION);
  const decision = decide(who, DataCategory.HEALTH_SUMMARY, exampleVictim({}), exampleNow);
  const reason = decision.allow ? '' : decision.reason;
  const denialCode = decision.allow ? '' : decision.code;
  const response = {
    data: { victim: { cooperatesWithPolice: true, healthSummary: null } },
    errors: [
      {
        message: `Access to Victim.healthSummary (HEALTH_SUMMARY) refused: ${reason}`,
        path: ['victim', 'healthSummary'],
        extensions: { code: denialCode, category: DataCategory.HEALTH_SUMMARY },
      },
    ],
  };
  return [
    '## Error codes and what a denial looks like',
    '',
    '- `FORBIDDEN`: nothing open to this caller lets them read the category for this purpose (role, purpose, region,',
    '  a category closed to them, an emergency refused); a consent would not change that.',
    '- `CONSENT_REQUIRED`: the caller could read it with the victim\'s active consent naming their agency, the category',
    '  and the purpose, and there is none.',
    '',
    'A denied field resolves to `null` with one error carrying its `path`, `extensions.code` and `extensions.category`;',
    'the rest of the answer is intact. An investigator (purpose `INVESTIGATION`) asking',
    '`victim(id: "v-0a1b2c3d") { cooperatesWithPolice healthSummary { hasGp } }` about a victim who gave no consent',
    'gets:',
    '',
    '```json',
    JSON.stringify(response, null, 2),
    '```',
    '',
    'The full list of codes is in [error-codes.md](error-codes.md).',
  ].join('\n');
}

/** The access policy as Markdown, from the table in `access-policy.ts` and from `decide()`. */
export function renderAccessPolicyDoc(): string {
  const intro = [
    '# Access policy',
    '',
    '<!-- Generated from shared/src/policy/access-policy.ts by `npm run docs`. Do not edit: a test fails when it is stale. -->',
    '',
    `Every field about a victim carries one data category (${list(allCategories)});`,
    `every request states one purpose (${list(allPurposes)}).`,
    'The subgraph that owns a field decides, before the value leaves it, whether the caller (agency, role, regions,',
    'purpose) may read that category about that victim. Default deny.',
  ].join('\n');
  const sections = [
    intro,
    categoriesSection(),
    rolesSection(),
    overviewSection(),
    ownRecordsSection(),
    legalRulesSection(),
    consentSection(),
    emergencySection(),
    statisticsSection(),
    regionSection(),
    decisionOrderSection(),
    examplesSection(),
    denialSection(),
  ];
  return `${sections.join('\n\n')}\n`;
}
