// What the signed-in user's agency may record about one victim: each action a small labelled form that calls the
// real mutation with the user's token and purpose, shows the hub's answer, and has the support path refreshed.
import { graphql } from '../api.js';
import { checkboxGroup, field, formatDate, h, humanize, loading, select, table } from '../dom.js';
import { ApiError, errorBox } from '../errors.js';
import { session } from '../session.js';
import { settings } from '../settings.js';

/**
 * Who records what: the agency registry's writers (an agency writes its own categories, for the purpose of its
 * mandate; /console/config.json). The hub decides anyway; this only avoids offering what it would surely refuse.
 */
export const writerFor = (identity) =>
  settings().writers.find((w) => w.agency === identity?.agency && w.roles.includes(identity?.role)) ?? null;

const MAX_CONSENT_DAYS = 366;

const SHELTERS = `query ShelterVacancies { shelters { id region accepts longTerm vacancies } }`;
const LABOUR_INSPECTIONS = `query LabourInspections($id: ID!) { victim(id: $id) { workplaceInspections { id employer inspectedAt } } }`;

/** The labour inspection's sectors and forced-labour indicators (enums Sector and LabourIndicator of its subgraph). */
const SECTORS = ['AGRICULTURE', 'CONSTRUCTION', 'CLEANING', 'HOSPITALITY', 'FISHERIES', 'MANUFACTURING', 'CAR_WASH', 'TRANSPORT', 'DOMESTIC_WORK', 'OTHER'];
const LABOUR_INDICATORS = [
  'ABUSE_OF_VULNERABILITY', 'DECEPTION', 'RESTRICTION_OF_MOVEMENT', 'ISOLATION', 'PHYSICAL_OR_SEXUAL_VIOLENCE', 'INTIMIDATION_AND_THREATS',
  'RETENTION_OF_IDENTITY_DOCUMENTS', 'WITHHOLDING_OF_WAGES', 'DEBT_BONDAGE', 'ABUSIVE_WORKING_AND_LIVING_CONDITIONS', 'EXCESSIVE_OVERTIME',
];

/** A select of the victim's workplace inspections, filled once the hub answers (`optional`: "none" may be chosen). */
function inspectionSelect(victimId, enabled, { id, optional }) {
  const control = h('select', { id, required: !optional, disabled: true }, h('option', { value: '' }, 'Loading the inspections…'));
  const problem = h('div');
  graphql(LABOUR_INSPECTIONS, { id: victimId }).then(
    ({ data }) => {
      const inspections = data?.victim?.workplaceInspections ?? [];
      control.replaceChildren(
        h('option', { value: '' }, optional ? 'None' : inspections.length > 0 ? 'Choose an inspection' : 'No inspection recorded yet'),
        ...inspections.map((i) => h('option', { value: i.id }, `${formatDate(i.inspectedAt)} · ${i.employer}`)),
      );
      control.disabled = !enabled();
    },
    (error) => {
      control.replaceChildren(h('option', { value: '' }, 'The inspections could not be loaded'));
      problem.replaceChildren(errorBox(error));
    },
  );
  return { control, problem };
}

/** Dates are whole UTC days, as the hub records them; "today" is never in the hub's future. */
const dayOf = (date) => date.toISOString().slice(0, 10);
const today = () => dayOf(new Date());
const startOf = (day) => `${day}T00:00:00.000Z`;
const dateInput = (id, { value = today(), max = today(), min } = {}) => h('input', { id, type: 'date', required: true, value, max, min });
const codes = (text) => text.split(/[\s,]+/).filter(Boolean);
const list = (values) => (values ?? []).map(humanize).join(', ');

/** Each action: its title, what it does, its controls, and the mutation with the variables they give. */
const ACTIONS = {
  grantConsent({ victimId, victim, config }) {
    const recipients = checkboxGroup('Recipients', config.consentRecipients, { id: 'action-consent-recipients', hint: 'Each agency that may receive the data.' });
    const categories = checkboxGroup('Categories', config.consentCategories, { id: 'action-consent-categories', hint: 'Shelter location and health details are shared only when named.' });
    const purposes = checkboxGroup('Purposes', config.consentPurposes, { id: 'action-consent-purposes', hint: 'What the recipients may use it for.' });
    const until = new Date(Date.now() + (MAX_CONSENT_DAYS - 1) * 86_400_000);
    const validFrom = dateInput('action-consent-from', { max: null });
    const validUntil = dateInput('action-consent-until', { value: dayOf(until), max: null, min: today() });
    const givenBy = select(['VICTIM', 'GUARDIAN'], { id: 'action-consent-given-by', selected: victim?.minor ? 'GUARDIAN' : 'VICTIM', labels: { VICTIM: 'The victim', GUARDIAN: 'The guardian' } });
    const form = select(['WRITTEN', 'ORAL_WITH_INTERPRETER'], { id: 'action-consent-form' });
    const language = h('input', { id: 'action-consent-language', type: 'text', maxlength: 2, pattern: '[a-z]{2}', autocomplete: 'off' });
    const syncLanguage = () => {
      language.required = form.value === 'ORAL_WITH_INTERPRETER';
    };
    form.addEventListener('change', syncLanguage);
    syncLanguage();
    return {
      title: 'Grant a consent',
      text: 'Record a consent as the victim gave it: every agency, category and purpose named one by one. It takes effect on the next request.',
      fields: [
        recipients,
        categories,
        purposes,
        field('Valid from', validFrom),
        field('Valid until', validUntil, `At most ${MAX_CONSENT_DAYS} days after it begins.`),
        field('Given by', givenBy, 'The victim for adults; the guardian for minors.'),
        field('Form', form),
        field('Interpreter language', language, 'ISO 639-1 code, e.g. ro; needed for oral consent through an interpreter.'),
      ],
      submit: 'Record consent',
      /** A consent names at least one of each, as the victim said it. */
      problem: () => {
        const empty = [recipients, categories, purposes].find((group) => group.values().length === 0);
        if (!empty) return null;
        return { message: `Choose at least one of the ${empty.querySelector('legend').textContent.toLowerCase()}.`, focus: empty.querySelector('input') };
      },
      mutation: 'mutation GrantConsent($input: GrantConsentInput!) { grantConsent(input: $input) { id } }',
      variables: () => ({
        input: {
          victimId,
          recipients: recipients.values(),
          categories: categories.values(),
          purposes: purposes.values(),
          validFrom: startOf(validFrom.value),
          validUntil: startOf(validUntil.value),
          givenBy: givenBy.value,
          form: form.value,
          interpreterLanguage: language.value.trim() || null,
        },
      }),
      done: 'Consent recorded. It applies from the next request on.',
    };
  },

  assignCoordinator({ victimId, identity }) {
    const coordinator = h('input', { id: 'action-coordinator', type: 'text', required: true, minlength: 2, maxlength: 60, value: identity?.sub ?? '', autocomplete: 'off' });
    return {
      title: 'Assign the coordinator',
      text: 'The member of the coordinating unit responsible for this victim.',
      fields: [field('Coordinator (staff id)', coordinator)],
      submit: 'Assign coordinator',
      mutation: 'mutation AssignCoordinator($victimId: ID!, $coordinator: String!) { assignCoordinator(victimId: $victimId, coordinator: $coordinator) { id } }',
      variables: () => ({ victimId, coordinator: coordinator.value.trim() }),
      done: 'Coordinator assigned.',
    };
  },

  openInvestigation({ victimId }) {
    const caseNumber = h('input', { id: 'action-case-number', type: 'text', required: true, pattern: '\\d{4}-[A-Z]{3}-\\d{6}', placeholder: '2025-OSL-004211', autocomplete: 'off' });
    const district = h('input', { id: 'action-district', type: 'text', required: true, minlength: 2, maxlength: 80 });
    const offences = h('input', { id: 'action-offences', type: 'text', required: true, placeholder: 'TRAFFICKING_257', autocomplete: 'off' });
    const reportedAt = dateInput('action-reported-at');
    return {
      title: 'Open an investigation',
      text: 'An investigation in which this person is the victim.',
      fields: [
        field('Case number', caseNumber, 'As in the police case system: YYYY-AAA-NNNNNN.'),
        field('Police district', district),
        field('Offences', offences, 'Codes like TRAFFICKING_257, separated by commas.'),
        field('Reported on', reportedAt),
      ],
      submit: 'Open investigation',
      mutation: 'mutation OpenInvestigation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { id } }',
      variables: () => ({ input: { victimId, caseNumber: caseNumber.value.trim(), district: district.value.trim(), offences: codes(offences.value), reportedAt: startOf(reportedAt.value) } }),
      done: 'Investigation opened.',
    };
  },

  recordCooperation({ victimId }) {
    const since = dateInput('action-cooperation-since');
    return {
      title: 'Record cooperation with the police',
      text: 'The victim cooperates with the police (the basis of a temporary residence permit).',
      fields: [field('Cooperating since', since)],
      submit: 'Record cooperation',
      mutation: 'mutation RecordCooperation($victimId: ID!, $since: DateTimeISO!) { recordCooperation(victimId: $victimId, since: $since) }',
      variables: () => ({ victimId, since: startOf(since.value) }),
      done: 'Cooperation recorded.',
    };
  },

  grantReflectionPeriod({ victimId }) {
    const startsAt = dateInput('action-reflection-start');
    return {
      title: 'Grant the reflection period',
      text: 'Six months, open to every nationality; not renewable.',
      fields: [field('First day of the reflection period', startsAt)],
      submit: 'Grant reflection period',
      mutation: 'mutation GrantReflectionPeriod($victimId: ID!, $startsAt: DateTimeISO!) { grantReflectionPeriod(victimId: $victimId, startsAt: $startsAt) { id } }',
      variables: () => ({ victimId, startsAt: startOf(startsAt.value) }),
      done: 'Reflection period granted.',
    };
  },

  applyForPermit({ victimId }) {
    const type = select(['TEMPORARY_RESIDENCE', 'PERMANENT_RESIDENCE'], { id: 'action-permit-type' });
    return {
      title: 'Apply for a residence permit',
      text: 'Registers the application; it is pending until decided.',
      fields: [field('Permit type', type)],
      submit: 'Register application',
      mutation: 'mutation ApplyForPermit($victimId: ID!, $type: PermitType!) { applyForPermit(victimId: $victimId, type: $type) { id } }',
      variables: () => ({ victimId, type: type.value }),
      done: 'Application registered.',
    };
  },

  placeInShelter({ victimId, enabled }) {
    const shelter = h('select', { id: 'action-shelter', required: true, disabled: true }, h('option', { value: '' }, 'Loading the safe houses…'));
    const from = dateInput('action-placement-from');
    const problem = h('div');
    // Ids, regions and free beds only: the houses' names and addresses are never asked for.
    graphql(SHELTERS).then(
      ({ data }) => {
        shelter.replaceChildren(
          h('option', { value: '' }, 'Choose a safe house'),
          ...data.shelters.map((s) =>
            h('option', { value: s.id, disabled: s.vacancies === 0 }, `${s.id} · ${humanize(s.region)} · takes in ${list(s.accepts)}${s.longTerm ? ' · long-term' : ''} · ${s.vacancies} free`),
          ),
        );
        shelter.disabled = !enabled();
      },
      (error) => {
        shelter.replaceChildren(h('option', { value: '' }, 'The safe houses could not be loaded'));
        problem.replaceChildren(errorBox(error));
      },
    );
    return {
      title: 'Place in a safe house',
      text: 'A house that takes this person in and has a free bed.',
      fields: [field('Safe house', shelter, 'Houses without a free bed cannot be chosen.'), field('Stay begins on', from), problem],
      submit: 'Place in safe house',
      mutation: 'mutation PlaceInShelter($victimId: ID!, $shelterId: ID!, $from: DateTimeISO!) { placeInShelter(victimId: $victimId, shelterId: $shelterId, from: $from) { id } }',
      variables: () => ({ victimId, shelterId: shelter.value, from: startOf(from.value) }),
      done: 'Placed in the safe house.',
    };
  },

  recordAssistanceDecision({ victimId }) {
    const accepted = select(['true', 'false'], { id: 'action-assistance', emptyLabel: 'Choose', labels: { true: 'Accepted the assistance', false: 'Declined the assistance' } });
    accepted.required = true;
    return {
      title: 'Record the assistance decision',
      text: 'Whether the victim accepted the assistance offered; a later decision replaces an earlier one.',
      fields: [field('The victim’s answer', accepted)],
      submit: 'Record decision',
      mutation: 'mutation RecordAssistanceDecision($victimId: ID!, $accepted: Boolean!) { recordAssistanceDecision(victimId: $victimId, accepted: $accepted) }',
      variables: () => ({ victimId, accepted: accepted.value === 'true' }),
      done: 'Assistance decision recorded.',
    };
  },

  recordHealthAssessment({ victimId }) {
    const assessedAt = dateInput('action-assessed-at');
    const findings = h('input', { id: 'action-findings', type: 'text', autocomplete: 'off', placeholder: 'PTSD_SYMPTOMS' });
    const notes = h('textarea', { id: 'action-notes', rows: 3, maxlength: 4000 });
    const followUp = h('input', { id: 'action-follow-up', type: 'checkbox' });
    return {
      title: 'Record a health assessment',
      text: 'The support path learns only that an assessment took place, never a finding or a note.',
      fields: [
        field('Assessed on', assessedAt),
        field('Findings', findings, 'Codes like PTSD_SYMPTOMS, separated by commas; may be empty.'),
        field('Clinician notes', notes, 'At most 4000 characters.'),
        field('Follow-up needed', followUp),
      ],
      submit: 'Record assessment',
      mutation: 'mutation RecordHealthAssessment($input: RecordHealthAssessmentInput!) { recordHealthAssessment(input: $input) { id } }',
      variables: () => ({ input: { victimId, assessedAt: startOf(assessedAt.value), findings: codes(findings.value), notes: notes.value, followUpNeeded: followUp.checked } }),
      done: 'Health assessment recorded.',
    };
  },

  recordWorkplaceInspection({ victimId }) {
    const employer = h('input', { id: 'action-employer', type: 'text', required: true, minlength: 2, maxlength: 120, autocomplete: 'off' });
    const organisationNumber = h('input', { id: 'action-organisation-number', type: 'text', required: true, pattern: '\\d{9}', inputmode: 'numeric', autocomplete: 'off' });
    const sector = select(SECTORS, { id: 'action-sector', emptyLabel: 'Choose' });
    sector.required = true;
    const municipality = h('input', { id: 'action-municipality', type: 'text', required: true, minlength: 2, maxlength: 80 });
    const inspectedAt = dateInput('action-inspected-at');
    const indicators = checkboxGroup('Indicators of forced labour found', LABOUR_INDICATORS, { id: 'action-labour-indicators', hint: 'The ILO indicators; may be none.' });
    return {
      title: 'Record a workplace inspection',
      text: 'An inspection at which this person was found working. The support path learns only that it took place.',
      fields: [
        field('Employer', employer),
        field('Organisation number', organisationNumber, '9 digits, as in the register of business enterprises.'),
        field('Sector', sector),
        field('Municipality', municipality),
        field('Inspected on', inspectedAt),
        indicators,
      ],
      submit: 'Record inspection',
      mutation: 'mutation RecordWorkplaceInspection($input: RecordWorkplaceInspectionInput!) { recordWorkplaceInspection(input: $input) { id } }',
      variables: () => ({
        input: {
          victimId, employer: employer.value.trim(), organisationNumber: organisationNumber.value.trim(), sector: sector.value,
          municipality: municipality.value.trim(), inspectedAt: startOf(inspectedAt.value), indicatorsFound: indicators.values(),
        },
      }),
      done: 'Inspection recorded.',
    };
  },

  referToPolice({ victimId, enabled }) {
    const { control: inspection, problem } = inspectionSelect(victimId, enabled, { id: 'action-referral-inspection' });
    const district = h('input', { id: 'action-referral-district', type: 'text', required: true, minlength: 2, maxlength: 80 });
    const referredAt = dateInput('action-referred-at');
    return {
      title: 'Refer the findings to the police',
      text: 'The findings of one inspection, reported to the police as suspected forced labour (once per inspection).',
      fields: [field('Inspection', inspection), field('Police district', district), field('Referred on', referredAt), problem],
      submit: 'Refer to the police',
      mutation: 'mutation ReferToPolice($input: ReferToPoliceInput!) { referToPolice(input: $input) { id } }',
      variables: () => ({ input: { inspectionId: inspection.value, policeDistrict: district.value.trim(), referredAt: startOf(referredAt.value) } }),
      done: 'Referred to the police.',
    };
  },

  fileBackPayClaim({ victimId, enabled }) {
    const { control: inspection, problem } = inspectionSelect(victimId, enabled, { id: 'action-claim-inspection', optional: true });
    const kind = select(['BACK_PAY', 'COMPENSATION'], { id: 'action-claim-kind' });
    const claimedNok = h('input', { id: 'action-claimed-nok', type: 'number', required: true, min: 1, max: 100000000, step: 1 });
    const filedAt = dateInput('action-claim-filed-at');
    return {
      title: 'File a back-pay or compensation claim',
      text: 'A claim for the victim against the employer; the support path shows that it was filed and, later, decided.',
      fields: [field('Kind', kind), field('Amount claimed (NOK)', claimedNok), field('For the work found at', inspection), field('Filed on', filedAt), problem],
      submit: 'File claim',
      mutation: 'mutation FileBackPayClaim($input: FileBackPayClaimInput!) { fileBackPayClaim(input: $input) { id } }',
      variables: () => ({
        input: { victimId, inspectionId: inspection.value || null, kind: kind.value, claimedNok: Number(claimedNok.value), filedAt: startOf(filedAt.value) },
      }),
      done: 'Claim filed.',
    };
  },

  recordRightsInformation({ victimId, writer, config }) {
    const rights = checkboxGroup('Rights the victim was informed of', config.rights, { id: 'action-rights', hint: 'Each right explained to the victim; at least one.' });
    const language = h('input', { id: 'action-rights-language', type: 'text', required: true, minlength: 2, maxlength: 2, pattern: '[a-z]{2}', autocomplete: 'off', placeholder: 'ro' });
    const interpreter = h('input', { id: 'action-rights-with-interpreter', type: 'checkbox' });
    const informedAt = dateInput('action-rights-informed-at');
    const mutation = writer.rightsInformationMutation;
    const operation = mutation.charAt(0).toUpperCase() + mutation.slice(1);
    return {
      title: 'Record rights information',
      text: `That ${humanize(writer.agency)} informed the victim of their rights (the national guideline), with you, as signed in, as the one who informed them. The support path shows that it was done.`,
      fields: [
        rights,
        field('Language', language, 'The language the victim was informed in: ISO 639-1 code in lower case, e.g. ro.'),
        field('An interpreter took part', interpreter),
        field('Informed on', informedAt),
      ],
      submit: 'Record rights information',
      problem: () => (rights.values().length === 0 ? { message: 'Choose at least one right.', focus: rights.querySelector('input') } : null),
      // One mutation per agency (each records into its own records), as the API offers it: e.g. recordPoliceRightsInformation.
      mutation: `mutation ${operation}($input: RecordRightsInformationInput!) { ${mutation}(input: $input) { id } }`,
      variables: () => ({ input: { victimId, rights: rights.values(), language: language.value.trim(), interpreter: interpreter.checked, informedAt: startOf(informedAt.value) } }),
      done: 'Rights information recorded.',
    };
  },

  appointGuardian({ victimId, victim }) {
    const name = h('input', { id: 'action-guardian-name', type: 'text', required: true, minlength: 2, maxlength: 120, autocomplete: 'off' });
    const appointedAt = dateInput('action-guardian-from');
    return {
      title: 'Appoint a guardian',
      text: 'For an unaccompanied minor who has no current guardian.',
      unavailable: victim?.minor === false ? 'Guardians are appointed for minors, and the hub records this victim as an adult.' : null,
      fields: [field('Guardian’s name', name), field('Appointed on', appointedAt)],
      submit: 'Appoint guardian',
      mutation: 'mutation AppointGuardian($victimId: ID!, $guardianName: String!, $appointedAt: DateTimeISO!) { appointGuardian(victimId: $victimId, guardianName: $guardianName, appointedAt: $appointedAt) { id } }',
      variables: () => ({ victimId, guardianName: name.value.trim(), appointedAt: startOf(appointedAt.value) }),
      done: 'Guardian appointed.',
    };
  },
};

/** Runs a mutation; on success hands over to `onDone` (which refreshes the path), else shows the coded error. */
async function perform(section, status, controls, query, variables, done, onDone) {
  const wasDisabled = controls.map((c) => c.disabled);
  for (const c of controls) c.disabled = true;
  section.setAttribute('aria-busy', 'true');
  section.dataset.state = 'saving';
  status.replaceChildren(loading('Saving…'));
  try {
    const { errors, requestId } = await graphql(query, variables);
    const first = errors[0];
    if (first) throw new ApiError({ code: first.extensions?.code, message: first.message, requestId, path: first.path });
  } catch (error) {
    status.replaceChildren(errorBox(error));
    controls.forEach((c, i) => (c.disabled = wasDisabled[i]));
    section.removeAttribute('aria-busy');
    section.dataset.state = 'error';
    return;
  }
  await onDone({ action: section.dataset.action, message: done });
}

/** The outcome of the action that has just succeeded, kept across the refresh of the path. */
const flashFor = (id, flash) =>
  flash?.action === id ? h('p', { class: 'success action-flash', role: 'status', tabindex: '-1' }, flash.message) : null;

function actionSection(id, spec, { enabled, needs, flash, onDone }) {
  const titleId = `action-${id}-title`;
  const status = h('div', { class: 'action-status', 'aria-live': 'polite' }, flashFor(id, flash));
  const note = enabled
    ? null
    : h('p', { class: 'hint', id: `action-${id}-note`, dataset: spec.unavailable ? null : { needsPurpose: needs } }, spec.unavailable ?? `Needs the purpose ${humanize(needs)}.`);
  const submit = h('button', { type: 'submit', 'aria-describedby': note?.id }, spec.submit);
  const form = h('form', { class: 'form-grid' }, spec.fields, submit);
  const section = h('section', { class: 'action', 'aria-labelledby': titleId, dataset: { action: id, state: flash?.action === id ? 'done' : 'idle' } }, h('h3', { id: titleId }, spec.title), h('p', { class: 'hint' }, spec.text), note, form, status);
  const controls = [...form.elements];
  if (!enabled) for (const c of controls) c.disabled = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!enabled) return;
    const problem = spec.problem?.();
    if (problem) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem.message));
      problem.focus.focus();
      return;
    }
    perform(section, status, [...form.elements], spec.mutation, spec.variables(), spec.done, onDone);
  });
  return section;
}

/** Withdrawal: one button per consent still in force (or not yet in force). */
function withdrawSection({ victim, enabled, needs, flash, onDone }) {
  const id = 'withdrawConsent';
  const titleId = `action-${id}-title`;
  const status = h('div', { class: 'action-status', 'aria-live': 'polite' }, flashFor(id, flash));
  const now = new Date();
  const open = (victim?.consents ?? []).filter((c) => !c.withdrawnAt && !(c.validUntil && new Date(c.validUntil) <= now));
  const buttons = [];
  const button = (c) => {
    const b = h('button', { type: 'button', class: 'secondary', disabled: !enabled, dataset: { consentId: c.id }, 'aria-label': `Withdraw the consent to ${list(c.recipients)} for ${list(c.purposes)}` }, 'Withdraw');
    b.addEventListener('click', () => {
      perform(section, status, buttons, 'mutation WithdrawConsent($id: ID!) { withdrawConsent(id: $id) { id } }', { id: c.id }, 'Consent withdrawn. Every agency honours it from the next request on.', onDone);
    });
    buttons.push(b);
    return b;
  };
  const section = h(
    'section',
    { class: 'action', 'aria-labelledby': titleId, dataset: { action: id, state: flash?.action === id ? 'done' : 'idle' } },
    h('h3', { id: titleId }, 'Withdraw a consent'),
    h('p', { class: 'hint' }, 'Takes effect on the very next request to any agency.'),
    enabled ? null : h('p', { class: 'hint', dataset: { needsPurpose: needs } }, `Needs the purpose ${humanize(needs)}.`),
    victim?.consents
      ? table(
          null,
          [
            { label: 'Recipients', value: (c) => list(c.recipients) },
            { label: 'Categories', value: (c) => list(c.categories) },
            { label: 'Purposes', value: (c) => list(c.purposes) },
            { label: 'Valid until', value: (c) => formatDate(c.validUntil) },
            { label: 'Action', value: button },
          ],
          open,
        )
      : h('p', { class: 'hint' }, 'The consents are not available to you.'),
    status,
  );
  return section;
}

/**
 * The "Actions" panel for the signed-in identity, or null when its agency and role record nothing here.
 * `victim` is what the support path could read (possibly null); `flash` the outcome of the action just taken.
 */
export function supportPathActions({ victimId, victim, identity, config, flash, onDone }) {
  const writer = writerFor(identity);
  if (!writer) return null;
  const purposeOk = session.purpose === writer.purpose;
  const context = { victimId, victim, identity, config, writer, enabled: () => purposeOk };
  const sections = writer.actions.map((id) => {
    if (id === 'withdrawConsent') return withdrawSection({ victim, enabled: purposeOk, needs: writer.purpose, flash, onDone });
    const spec = ACTIONS[id](context);
    return actionSection(id, spec, { enabled: purposeOk && !spec.unavailable, needs: writer.purpose, flash, onDone });
  });
  return h(
    'section',
    { class: 'panel', id: 'victim-actions', 'aria-labelledby': 'victim-actions-title', dataset: { part: 'victim-actions' } },
    h('h2', { id: 'victim-actions-title' }, 'Actions'),
    h('p', { class: 'hint' }, `What ${humanize(writer.agency)} may record about this victim. The hub checks every action again and says why when it refuses.`),
    purposeOk
      ? null
      : h(
          'div',
          { class: 'notice', role: 'note' },
          `These actions need the purpose ${humanize(writer.purpose)}; you are working under ${humanize(session.purpose) || 'no purpose'}. `,
          h('button', { type: 'button', class: 'secondary', onclick: () => session.setPurpose(writer.purpose) }, `Use purpose ${humanize(writer.purpose)}`),
        ),
    sections,
  );
}
