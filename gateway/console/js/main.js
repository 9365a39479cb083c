// The console's shell: configuration, sign-in, the purpose of use in the header, navigation and routing.
import { setMinJustification, setTokenRefresher } from './api.js';
import { clear, h, humanize } from './dom.js';
import { errorBox } from './errors.js';
import { completeOidcSignIn, isOidcCallback, oidcSignOutUrl, refreshOidcToken } from './oidc.js';
import { session, setClaimNames } from './session.js';
import { setSettings } from './settings.js';
import { justificationProblem, purposeFields, renderSignIn } from './signin.js';
import { renderAccessLog, renderChain, renderReviewQueue } from './views/audit.js';
import { renderCaseload } from './views/caseload.js';
import { renderDashboard } from './views/dashboard.js';
import { renderHistory } from './views/history.js';
import { renderReport } from './views/report.js';
import { renderShelters } from './views/shelters.js';
import { renderSupportPath } from './views/support-path.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const sessionBox = document.getElementById('session');
let config;

/** A view's roles: a list, or (for those that follow the agency registry) a function of the settings. */
const rolesOf = (view) => (typeof view.roles === 'function' ? view.roles() : view.roles ?? []);

/** Views: hash route, nav label, who sees it in the navigation, the only purpose the hub answers it under. */
const views = [
  { path: 'dashboard', label: 'Dashboard', roles: ['COORDINATOR', 'ANALYST'], purpose: 'STATISTICS', render: renderDashboard },
  { path: 'report', label: 'National report', roles: ['COORDINATOR', 'ANALYST'], purpose: 'STATISTICS', render: renderReport },
  { path: 'caseload', label: 'Caseload', roles: () => config.caseRoles, render: renderCaseload },
  { path: 'victim', label: 'Support path', hiddenInNav: true, render: renderSupportPath },
  { path: 'shelters', label: 'Shelters', roles: () => [...config.caseRoles, 'ANALYST'], render: renderShelters },
  { path: 'history', label: 'Access history', roles: ['COORDINATOR'], purpose: 'CASE_COORDINATION', render: renderHistory },
  { path: 'audit-log', label: 'Access log', roles: ['AUDITOR'], purpose: 'AUDIT', render: renderAccessLog },
  { path: 'audit-queue', label: 'Emergency review', roles: ['AUDITOR'], purpose: 'AUDIT', render: renderReviewQueue },
  { path: 'audit-chain', label: 'Chain status', roles: ['AUDITOR'], purpose: 'AUDIT', render: renderChain },
];

const defaultView = (role) => ({ ANALYST: 'dashboard', AUDITOR: 'audit-log' })[role] ?? 'caseload';

function parseRoute() {
  const [path = '', ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return { path, params: rest.map(decodeURIComponent) };
}

function renderSessionBox() {
  clear(sessionBox);
  if (!session.signedIn) return;
  const identity = session.identity;
  const fields = purposeFields(config, { idPrefix: 'session', purpose: session.purpose, justification: session.justification, dark: true });
  const apply = h('button', { type: 'submit', class: 'secondary' }, 'Use this purpose');
  const problem = h('div', { role: 'alert' });
  const form = h('form', { class: 'purpose-box-form form-grid', 'aria-label': 'Change purpose' }, fields.purposeField, fields.justificationField, apply, problem);
  const syncApply = () => {
    apply.hidden = fields.purposeSelect.value !== 'EMERGENCY';
    fields.purposeField.classList.toggle('emergency', fields.purposeSelect.value === 'EMERGENCY');
  };
  fields.purposeSelect.addEventListener('change', () => {
    syncApply();
    // Any purpose but EMERGENCY applies at once; EMERGENCY waits for its justification.
    if (fields.purposeSelect.value !== 'EMERGENCY') session.setPurpose(fields.purposeSelect.value);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clear(problem);
    const invalid = justificationProblem(config, fields.purposeSelect.value, fields.justificationText.value);
    if (invalid) {
      problem.append(h('span', { class: 'hint' }, invalid));
      fields.justificationText.focus();
      return;
    }
    session.setPurpose(fields.purposeSelect.value, fields.justificationText.value.trim());
  });
  syncApply();
  sessionBox.append(
    h(
      'div',
      { class: 'who' },
      h('div', null, 'Signed in as ', h('strong', { id: 'whoami' }, identity.sub || 'unknown')),
      h('div', null, `${humanize(identity.role)} · ${humanize(identity.agency)} · ${identity.regions.length ? identity.regions.map(humanize).join(', ') : 'national'}`),
    ),
    form,
    h('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out'),
  );
}

function renderNav(current) {
  clear(nav);
  const role = session.identity?.role;
  nav.hidden = false;
  for (const view of views) {
    if (view.hiddenInNav || !rolesOf(view).includes(role)) continue;
    nav.append(h('a', { href: `#/${view.path}`, 'aria-current': view.path === current ? 'page' : null }, view.label));
  }
}

/**
 * The one message of a view opened under a purpose the hub answers it under no other: what it needs and a
 * button to choose it — never an automatic switch, and no request that would only be refused.
 */
function purposeMismatch(view) {
  return h(
    'section',
    { class: 'notice purpose-mismatch', 'aria-labelledby': 'purpose-mismatch-title', dataset: { view: view.path, refused: 'purpose', needsPurpose: view.purpose } },
    h('h1', { id: 'purpose-mismatch-title' }, view.label),
    h(
      'p',
      null,
      `${view.label} is open only under the purpose ${humanize(view.purpose)}. You are working under ${humanize(session.purpose) || 'no purpose'}, for which the hub refuses it. `,
      'The purpose you choose is sent with every request and recorded in the access log.',
    ),
    h('button', { type: 'button', onclick: () => session.setPurpose(view.purpose) }, `Use purpose ${humanize(view.purpose)}`),
  );
}

let renderToken = 0;
function route(notice) {
  if (!session.signedIn) {
    nav.hidden = true;
    clear(sessionBox);
    const expired = typeof notice === 'string' ? notice : session.token ? 'Your sign-in has expired. Sign in again.' : null;
    if (session.token) session.signOut({ silent: true });
    // Signing in changes the session, whose listener routes on to the view.
    renderSignIn(main, config, () => {}, expired);
    return;
  }
  const { path, params } = parseRoute();
  const view = views.find((v) => v.path === path);
  if (!view) {
    location.replace(`#/${defaultView(session.identity?.role)}`);
    return;
  }
  renderNav(path === 'victim' ? 'caseload' : path);
  const token = ++renderToken;
  clear(main);
  const emergency =
    session.purpose === 'EMERGENCY'
      ? h('div', { class: 'notice', role: 'note' }, h('strong', null, 'Emergency access. '), 'Everything you open now is flagged in the access log and reviewed by audit staff.')
      : null;
  document.title = `${view.label} — Support-path hub`;
  if (view.purpose && session.purpose !== view.purpose) {
    main.append(...[emergency, purposeMismatch(view)].filter(Boolean));
    return;
  }
  const container = h('div', { class: 'view', dataset: { view: view.path } });
  main.append(...[emergency, container].filter(Boolean));
  view.render(container, { params, config, identity: session.identity, isCurrent: () => token === renderToken });
}

/** Signs out here and, with an OIDC provider, ends its session too (it sends the browser back to the console). */
function signOut() {
  const providerSignOut = config?.mode === 'oidc' ? oidcSignOutUrl(config.oidc, session.idToken) : null;
  session.signOut();
  if (providerSignOut) location.assign(providerSignOut);
  else location.hash = '#/';
}

async function boot() {
  try {
    const response = await fetch('/console/config.json');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    config = await response.json();
    setSettings(config);
  } catch (error) {
    clear(main).append(errorBox({ code: 'NETWORK_ERROR', message: `The console settings could not be loaded: ${error.message}` }));
    return;
  }
  setMinJustification(config.emergencyJustificationMinLength);
  setClaimNames(config.oidc?.claims);
  let signInProblem = null;
  if (config.mode === 'oidc' && isOidcCallback()) {
    try {
      const { token, refreshToken, idToken, purpose, justification } = await completeOidcSignIn(config.oidc);
      session.signIn(token, purpose, justification, { refreshToken, idToken });
    } catch (error) {
      signInProblem = error.message;
    }
  }
  if (config.mode === 'oidc') {
    setTokenRefresher(async () => {
      if (!session.refreshToken) return false;
      try {
        session.setTokens(await refreshOidcToken(config.oidc, session.refreshToken));
        return true;
      } catch {
        return false;
      }
    });
  }
  session.onChange(() => {
    // Keep the header (and the keyboard focus in it) when the change came from its own purpose select.
    const headerSelect = document.getElementById('session-purpose');
    if (!session.signedIn || !headerSelect || headerSelect.value !== session.purpose) renderSessionBox();
    route();
  });
  window.addEventListener('hashchange', () => route());
  // The hub refused the token (expired, revoked, or not its issuer's): back to sign-in, with the reason.
  window.addEventListener('hub:unauthenticated', () => {
    if (!session.token) return;
    session.signOut({ silent: true });
    route('The hub no longer accepts your sign-in (UNAUTHENTICATED). Sign in again.');
  });
  renderSessionBox();
  // A refused sign-in answer shows the sign-in form with the reason; the page is wired up either way.
  route(signInProblem ?? undefined);
}

boot();
