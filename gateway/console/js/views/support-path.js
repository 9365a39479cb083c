// One victim's support path across agencies. What the policy withholds shows its coded reason, never a crash.
// Below it, the actions the user's agency may take; after one succeeds, the path is read again.
import { graphql } from '../api.js';
import { beginLoad, endLoad, formatDate, h, humanize, loading, table } from '../dom.js';
import { deniedText, errorAt, errorBox } from '../errors.js';
import { alertBadge } from './caseload.js';
import { supportPathActions } from './support-path-actions.js';

const QUERY = `query SupportPath($id: ID!) {
  victim(id: $id) {
    id alias minor region exploitationForms
    supportPath {
      stage
      events { at agency kind summary }
      nextDeadline { kind dueAt }
      alerts { kind message }
      agencies { agency shared }
    }
    consents { id recipients categories purposes validFrom validUntil givenBy form withdrawnAt }
    reflectionPeriod { grantedAt endsAt daysLeft }
    permits { id type appliedAt decision decidedAt validFrom validUntil }
  }
}`;

function consentStatus(consent, now) {
  if (consent.withdrawnAt) return ['Withdrawn', 'neutral'];
  if (consent.validUntil && new Date(consent.validUntil) <= now) return ['Expired', 'neutral'];
  if (consent.validFrom && new Date(consent.validFrom) > now) return ['Not yet valid', 'alert'];
  return ['Active', 'ok'];
}

const list = (values) => (values ?? []).map(humanize).join(', ');

/** A section whose content is the data, or the coded reason the field was withheld. */
function part(title, id, denied, content) {
  return h('section', { class: 'panel', 'aria-labelledby': id, dataset: { part: id } }, h('h2', { id }, title), denied ? deniedText(denied) : content);
}

/** The sections of the path as far as the hub answered them; what it withheld shows its code. */
function pathParts(id, { data, errors }) {
  const victim = data.victim;
  const denied = (field) => errorAt(errors, ['victim', field]);
  const now = new Date();
  const path = victim?.supportPath;
  const nothingAtAll = !victim || Object.entries(victim).every(([k, v]) => k === 'id' || v === null);
  const parts = [];
  if (nothingAtAll && (errors ?? []).length === 0) {
    parts.push(h('p', { class: 'notice' }, 'The hub returned nothing for this id.'));
  }
  parts.push(
    part(
      'Overview',
      'victim-overview',
      null,
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, 'Id'), h('dd', { class: 'mono' }, id),
        h('dt', null, 'Alias'), h('dd', null, victim?.alias ?? deniedText(denied('alias'))),
        h('dt', null, 'Minor'), h('dd', null, victim?.minor === null || victim?.minor === undefined ? deniedText(denied('minor')) : victim.minor ? 'Yes' : 'No'),
        h('dt', null, 'Region'), h('dd', null, victim?.region ? humanize(victim.region) : deniedText(denied('region'))),
        h('dt', null, 'Forms of exploitation'), h('dd', null, victim?.exploitationForms ? list(victim.exploitationForms) : deniedText(denied('exploitationForms'))),
        h('dt', null, 'Stage'), h('dd', { id: 'victim-stage' }, path ? humanize(path.stage) : deniedText(denied('supportPath'))),
        h('dt', null, 'Next deadline'), h('dd', { id: 'victim-deadline' }, path?.nextDeadline ? `${formatDate(path.nextDeadline.dueAt)} · ${humanize(path.nextDeadline.kind)}` : path ? 'None' : '—'),
        h('dt', null, 'Alerts'), h('dd', { id: 'victim-alerts' }, path ? (path.alerts.length ? path.alerts.map(alertBadge) : 'None') : '—'),
      ),
    ),
    part(
      'Timeline across agencies',
      'victim-timeline',
      path ? null : denied('supportPath'),
      path
        ? [
            path.events.length === 0
              ? h('p', { class: 'hint' }, 'No events you may see.')
              : h(
                  'ol',
                  { class: 'timeline', id: 'timeline' },
                  path.events.map((e) =>
                    h('li', { dataset: { agency: e.agency, kind: e.kind } }, h('span', { class: 'when' }, formatDate(e.at)), h('span', { class: 'agency' }, humanize(e.agency)), h('span', null, e.summary)),
                  ),
                ),
            h('h3', null, 'Agencies'),
            h(
              'ul',
              { id: 'agency-sharing' },
              path.agencies.map((a) =>
                h('li', { dataset: { agency: a.agency, shared: String(a.shared) } }, `${humanize(a.agency)}: `, a.shared ? h('span', { class: 'badge ok' }, 'shared') : h('span', { class: 'badge neutral' }, 'not shared')),
              ),
            ),
          ]
        : null,
    ),
    part(
      'Consent',
      'victim-consents',
      victim?.consents ? null : denied('consents'),
      victim?.consents
        ? table(
            null,
            [
              { label: 'Status', value: (c) => { const [text, kind] = consentStatus(c, now); return h('span', { class: `badge ${kind}` }, text); } },
              { label: 'Recipients', value: (c) => list(c.recipients) },
              { label: 'Categories', value: (c) => list(c.categories) },
              { label: 'Purposes', value: (c) => list(c.purposes) },
              { label: 'Valid', value: (c) => `${formatDate(c.validFrom)} – ${formatDate(c.validUntil)}` },
              { label: 'Given by', value: (c) => `${humanize(c.givenBy)} (${humanize(c.form)})` },
            ],
            victim.consents,
          )
        : null,
    ),
    part(
      'Reflection period',
      'victim-reflection',
      victim?.reflectionPeriod || !denied('reflectionPeriod') ? null : denied('reflectionPeriod'),
      victim?.reflectionPeriod
        ? h(
            'p',
            null,
            h('span', { class: 'countdown', id: 'reflection-days' }, victim.reflectionPeriod.daysLeft > 0 ? `${victim.reflectionPeriod.daysLeft} days left` : 'Ended'),
            ` · granted ${formatDate(victim.reflectionPeriod.grantedAt)}, ends ${formatDate(victim.reflectionPeriod.endsAt)}`,
          )
        : h('p', { class: 'hint' }, 'No reflection period granted.'),
    ),
    part(
      'Residence permits',
      'victim-permits',
      victim?.permits ? null : denied('permits'),
      victim?.permits
        ? table(
            null,
            [
              { label: 'Type', value: (p) => humanize(p.type) },
              { label: 'Applied', value: (p) => formatDate(p.appliedAt) },
              { label: 'Decision', value: (p) => humanize(p.decision) },
              { label: 'Decided', value: (p) => formatDate(p.decidedAt) },
              { label: 'Valid', value: (p) => (p.validFrom ? `${formatDate(p.validFrom)} – ${p.validUntil ? formatDate(p.validUntil) : 'permanent'}` : '—') },
            ],
            victim.permits,
          )
        : null,
    ),
  );
  return parts;
}

export async function renderSupportPath(container, { params, identity, config }) {
  const id = params[0] ?? '';
  container.append(h('p', null, h('a', { href: '#/caseload' }, '← Back to the caseload')), h('h1', { id: 'victim-title' }, `Support path of victim ${id}`));
  const body = h('div', { id: 'victim-body', 'aria-live': 'polite', 'aria-busy': 'true', dataset: { state: 'loading' } }, loading('Loading the support path…'));
  container.append(body);
  const actions = (victim, flash) => supportPathActions({ victimId: id, victim, identity, config, flash, onDone: load });
  /** Reads the path; again after an action, whose outcome (`flash`) then shows in its form. */
  async function load(flash) {
    const current = beginLoad(body);
    let answer;
    try {
      answer = await graphql(QUERY, { id });
    } catch (error) {
      if (!current()) return;
      // The actions stay usable, and the outcome of the last one visible, even when the path cannot be read.
      body.replaceChildren(...[errorBox(error), actions(null, flash)].filter(Boolean));
      endLoad(body, 'error');
      if (flash) body.querySelector('.action-flash')?.focus();
      return;
    }
    if (!current()) return;
    const victim = answer.data.victim;
    if (victim?.alias) container.querySelector('#victim-title').textContent = `Support path of ${victim.alias}`;
    const parts = [...pathParts(id, answer), actions(victim, flash)];
    if (identity?.role === 'COORDINATOR') {
      parts.push(h('p', { class: 'actions' }, h('a', { class: 'button secondary', href: `#/history/${encodeURIComponent(id)}` }, 'Who accessed this victim’s data')));
    }
    body.replaceChildren(...parts.filter(Boolean));
    endLoad(body, 'done');
    // Keyboard and screen-reader users land on the outcome of what they just did.
    if (flash) body.querySelector('.action-flash')?.focus();
  }
  await load(null);
}
