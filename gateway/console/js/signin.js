// Sign-in: a demo identity from the embedded issuer (local mode) or the OIDC authorization-code flow with PKCE.
import { checkboxGroup, clear, field, h, humanize, select } from './dom.js';
import { errorBox } from './errors.js';
import { startOidcSignIn } from './oidc.js';
import { session, usualPurpose } from './session.js';

/** The purpose select and, for EMERGENCY, the justification; used at sign-in and in the header. */
export function purposeFields(config, { idPrefix, purpose, justification, dark }) {
  const purposeSelect = select(config.purposes, { id: `${idPrefix}-purpose`, selected: purpose });
  const text = h('textarea', {
    id: `${idPrefix}-justification`,
    rows: 2,
    minlength: config.emergencyJustificationMinLength,
    maxlength: 1000,
  });
  text.value = justification ?? '';
  const justificationField = field(
    'Emergency justification',
    text,
    `Why you need emergency access (at least ${config.emergencyJustificationMinLength} characters). Every emergency access is reviewed by audit staff.`,
  );
  const sync = () => {
    justificationField.hidden = purposeSelect.value !== 'EMERGENCY';
  };
  purposeSelect.addEventListener('change', sync);
  sync();
  const purposeField = field('Purpose of use', purposeSelect, dark ? null : 'Sent with every request and recorded in the access log.');
  return { purposeSelect, justificationText: text, purposeField, justificationField };
}

export const justificationProblem = (config, purpose, text) =>
  purpose === 'EMERGENCY' && text.trim().length < config.emergencyJustificationMinLength
    ? `EMERGENCY needs a written justification of at least ${config.emergencyJustificationMinLength} characters.`
    : null;

export function renderSignIn(main, config, onSignedIn, notice) {
  clear(main);
  const problem = h('div', { role: 'alert' });
  const agency = select(config.agencies, { id: 'signin-agency', selected: 'COORDINATION' });
  const role = h('select', { id: 'signin-role' });
  const regions = checkboxGroup('Regions', config.regions, { id: 'signin-regions', hint: 'None chosen: national.' });
  const sub = h('input', { id: 'signin-sub', type: 'text', autocomplete: 'username', maxlength: 64, pattern: '[A-Za-z0-9][A-Za-z0-9._@\\-]*' });
  const purpose = purposeFields(config, { idPrefix: 'signin', purpose: 'CASE_COORDINATION' });
  const fillRoles = () => {
    const roles = config.roles.filter((r) => config.roleAgencies[r].includes(agency.value));
    clear(role).append(...roles.map((r) => h('option', { value: r }, humanize(r))));
    purpose.purposeSelect.value = usualPurpose(agency.value, role.value);
    purpose.purposeSelect.dispatchEvent(new Event('change'));
  };
  agency.addEventListener('change', fillRoles);
  role.addEventListener('change', () => {
    purpose.purposeSelect.value = usualPurpose(agency.value, role.value);
    purpose.purposeSelect.dispatchEvent(new Event('change'));
  });
  fillRoles();

  const submit = h('button', { type: 'submit' }, config.mode === 'local' ? 'Sign in' : 'Sign in with your organisation');
  const form = h(
    'form',
    { class: 'panel signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    notice ? h('p', { class: 'notice' }, notice) : null,
    config.mode === 'local'
      ? [
          h('p', { class: 'hint' }, 'Local mode: choose a demo identity; the hub’s embedded issuer signs a token valid for one hour.'),
          h(
            'div',
            { class: 'form-grid' },
            field('Agency', agency),
            field('Role', role),
            field('Staff id', sub, 'Optional; shown in the access log.'),
          ),
          regions,
        ]
      : h('p', null, 'You will be sent to your organisation’s sign-in page and brought back here.'),
    h('div', { class: 'form-grid' }, purpose.purposeField, purpose.justificationField),
    problem,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(problem);
    const chosenPurpose = purpose.purposeSelect.value;
    const justification = purpose.justificationText.value.trim();
    const invalid = justificationProblem(config, chosenPurpose, justification);
    if (invalid) {
      problem.append(errorBox({ code: 'PURPOSE_REQUIRED', message: invalid }));
      purpose.justificationText.focus();
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      if (config.mode !== 'local') {
        await startOidcSignIn(config.oidc, chosenPurpose, justification);
        return;
      }
      const response = await fetch('/console/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          agency: agency.value,
          role: role.value,
          regions: regions.values(),
          sub: sub.value.trim() || undefined,
        }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok || typeof body.token !== 'string') {
        const first = body.errors?.[0];
        problem.append(errorBox({ code: first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', message: first?.message ?? `HTTP ${response.status}`, requestId: response.headers.get('x-request-id') }));
        return;
      }
      session.signIn(body.token, chosenPurpose, justification);
      onSignedIn();
    } catch (error) {
      problem.append(errorBox({ code: 'NETWORK_ERROR', message: error.message }));
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  main.append(form);
  agency.focus();
}
