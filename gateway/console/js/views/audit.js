// Audit staff: access-log search, the emergency-access review queue, and the hash chain's status.
import { graphql } from '../api.js';
import { downloadCsv } from '../csv.js';
import { beginLoad, chips, clear, endLoad, field, formatDateTime, h, humanize, loading, select, table } from '../dom.js';
import { errorBox } from '../errors.js';
import { settings } from '../settings.js';

const RECORD = 'seq at kind requestId subgraph actor actorAgency actorRole purpose justification victimId typeName fields deniedFields categories decision basis reviewRequired operationName outcome reviewedSeq reviewOutcome reviewNote';

const LOG_QUERY = `query AccessLog($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLog(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${RECORD} } } }
}`;
const QUEUE_QUERY = `query EmergencyReviewQueue($first: Int, $after: String) {
  emergencyReviewQueue(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${RECORD} } } }
}`;
const REVIEW = `mutation ReviewEmergencyAccess($seq: ID!, $outcome: ReviewOutcome!, $note: String!) {
  reviewEmergencyAccess(seq: $seq, outcome: $outcome, note: $note) { seq reviewedSeq reviewOutcome }
}`;
const CHAIN = `query VerifyAuditChain { verifyAuditChain { ok checkedRecords firstBadRecord reason checkpointsChecked } }`;

/** A record's values as staff read them: "Field access", not FIELD_ACCESS; field names as chips. */
const recordColumns = [
  {
    label: 'When',
    cls: 'when',
    value: (r) => [h('span', { class: 'nowrap' }, formatDateTime(r.at)), h('span', { class: 'hint seq' }, `#${r.seq}`)],
  },
  { label: 'Kind', value: (r) => humanize(r.kind) },
  {
    label: 'Who',
    value: (r) => [h('span', { class: 'mono', dataset: { actor: r.actor ?? '' } }, r.actor ?? ''), h('span', { class: 'hint' }, `${humanize(r.actorAgency)} · ${humanize(r.actorRole)}`)],
  },
  { label: 'Purpose', value: (r) => humanize(r.purpose) },
  { label: 'Service', value: (r) => humanize(r.subgraph) },
  { label: 'Victim', cls: 'id', value: (r) => (r.victimId ? h('span', { class: 'mono', dataset: { victim: r.victimId } }, r.victimId) : '') },
  {
    label: 'Fields read',
    cls: 'fields',
    value: (r) => fieldList(r.fields, 'Fields read'),
  },
  { label: 'Refused', cls: 'fields', value: (r) => fieldList(r.deniedFields, 'Fields refused') },
  { label: 'Decision', value: (r) => decisionBadge(r.decision ?? r.outcome ?? r.reviewOutcome) },
  { label: 'Basis', value: (r) => chips(r.basis, { label: 'Basis' }) },
];

/** Type.field names grouped by type: the type once, then its fields as chips (Victim: alias region). */
function fieldList(fields, label) {
  if (!fields?.length) return null;
  const byType = new Map();
  for (const name of fields) {
    const dot = name.indexOf('.');
    const type = dot > 0 ? name.slice(0, dot) : '';
    byType.set(type, [...(byType.get(type) ?? []), dot > 0 ? name.slice(dot + 1) : name]);
  }
  const list = h(
    'ul',
    { class: 'field-groups', 'aria-label': label },
    [...byType].map(([type, names]) => h('li', null, type ? h('span', { class: 'field-type' }, type) : null, chips(names, { code: true }))),
  );
  // Open on a wide screen; on a phone each card shows how many, and the list one tap away.
  return h('details', { class: 'field-details', open: wideScreen() }, h('summary', null, `${fields.length} ${fields.length === 1 ? 'field' : 'fields'}`), list);
}

const wideScreen = () => window.matchMedia('(min-width: 60.01rem)').matches;

/** ALLOW / DENY / PARTIAL (and outcomes) as a word with a colour that is not the only signal. */
function decisionBadge(value) {
  if (!value) return '';
  const kind = { ALLOW: 'ok', DENY: 'danger', PARTIAL: 'alert', JUSTIFIED: 'ok', UNJUSTIFIED: 'danger' }[value] ?? 'neutral';
  return h('span', { class: `badge ${kind}` }, humanize(value));
}
const csvHeader = ['seq', 'at', 'kind', 'requestId', 'subgraph', 'actor', 'actorAgency', 'actorRole', 'purpose', 'victimId', 'typeName', 'fields', 'deniedFields', 'categories', 'decision', 'basis', 'outcome'];
const csvRow = (r) => csvHeader.map((k) => (Array.isArray(r[k]) ? r[k].join(' ') : r[k] ?? ''));

/** A paginated record list: `fetchPage(after)` → connection. Keeps the cursors for Previous. */
function pager(target, fetchPage, render) {
  const cursors = [null];
  let last = null;
  const prev = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Previous');
  const next = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Next');
  const status = h('span', { class: 'hint' });
  const load = async () => {
    prev.disabled = true;
    next.disabled = true;
    const current = beginLoad(target);
    clear(target).append(loading());
    try {
      const page = await fetchPage(cursors[cursors.length - 1]);
      if (!current()) return;
      last = page;
      clear(target).append(render(last));
      status.textContent = `Page ${cursors.length} · ${last.totalCount} records`;
      next.disabled = !last.pageInfo.hasNextPage;
      prev.disabled = cursors.length <= 1;
      endLoad(target, 'done');
    } catch (error) {
      if (!current()) return;
      clear(target).append(errorBox(error));
      status.textContent = '';
      prev.disabled = cursors.length <= 1;
      endLoad(target, 'error');
    }
  };
  prev.addEventListener('click', () => { cursors.pop(); load(); });
  next.addEventListener('click', () => { if (last?.pageInfo.hasNextPage) { cursors.push(last.pageInfo.endCursor); load(); } });
  return { load: () => { cursors.splice(1); load(); }, controls: h('nav', { class: 'actions', 'aria-label': 'Pages' }, prev, next, status), current: () => last };
}

export function renderAccessLog(container) {
  const c = {
    actor: h('input', { type: 'text', id: 'log-actor', maxlength: 64 }),
    actorAgency: select(settings().agencies, { id: 'log-agency', emptyLabel: 'Any agency' }),
    victimId: h('input', { type: 'text', id: 'log-victim', maxlength: 64 }),
    purpose: select(settings().purposes, { id: 'log-purpose', emptyLabel: 'Any purpose' }),
    category: select(settings().categories, { id: 'log-category', emptyLabel: 'Any category' }),
    decision: select(['ALLOW', 'DENY', 'PARTIAL'], { id: 'log-decision', emptyLabel: 'Any decision' }),
    kind: select(['FIELD_ACCESS', 'OPERATION', 'REVIEW'], { id: 'log-kind', emptyLabel: 'Any kind' }),
    requestId: h('input', { type: 'text', id: 'log-request', maxlength: 64 }),
    from: h('input', { type: 'date', id: 'log-from' }),
    to: h('input', { type: 'date', id: 'log-to' }),
  };
  const results = h('div', { id: 'log-results', 'aria-live': 'polite' });
  let filter = {};
  const page = pager(results, async (after) => (await graphql(LOG_QUERY, { filter, first: 25, after })).data.accessLog, (conn) =>
    table('Access records, newest first', recordColumns, conn.edges.map((e) => e.node), { id: 'log-table', class: 'records', stack: true }),
  );
  const exportButton = h('button', { type: 'button', class: 'secondary' }, 'Export this page (CSV)');
  exportButton.addEventListener('click', () => downloadCsv('access-log.csv', csvHeader, (page.current()?.edges ?? []).map((e) => csvRow(e.node))));
  const form = h(
    'form',
    { class: 'filters panel', 'aria-label': 'Search the access log' },
    field('Staff id', c.actor), field('Agency', c.actorAgency), field('Victim id', c.victimId), field('Purpose', c.purpose),
    field('Category', c.category), field('Decision', c.decision), field('Record kind', c.kind), field('Request id', c.requestId),
    field('From', c.from), field('Before', c.to),
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    filter = {};
    for (const [name, control] of Object.entries(c)) {
      const value = control.value.trim();
      if (!value) continue;
      filter[name] = name === 'from' || name === 'to' ? `${value}T00:00:00.000Z` : value;
    }
    page.load();
  });
  container.append(h('h1', null, 'Access log'), form, results, page.controls, h('div', { class: 'actions' }, exportButton));
  page.load();
}

export function renderReviewQueue(container) {
  const results = h('div', { id: 'queue-results', 'aria-live': 'polite' });
  const formArea = h('div', { id: 'review-area' });
  const page = pager(results, async (after) => (await graphql(QUEUE_QUERY, { first: 25, after })).data.emergencyReviewQueue, (conn) =>
    table(
      'Emergency accesses waiting for review, newest first',
      [
        ...recordColumns.slice(0, 6),
        { label: 'Justification', cls: 'text', value: (r) => r.justification ?? '' },
        recordColumns[6],
        { label: 'Review', value: (r) => h('button', { type: 'button', class: 'secondary', dataset: { review: r.seq }, onclick: () => openReview(r) }, `Review #${r.seq}`) },
      ],
      conn.edges.map((e) => e.node),
      { id: 'queue-table', class: 'records', stack: true },
    ),
  );
  const openReview = (record) => {
    const outcome = select(['JUSTIFIED', 'UNJUSTIFIED', 'NEEDS_FOLLOW_UP'], { id: 'review-outcome' });
    const note = h('textarea', { id: 'review-note', rows: 3, required: true, minlength: 5, maxlength: 2000 });
    const message = h('div', { role: 'status' });
    const submit = h('button', { type: 'submit' }, 'Record review');
    const form = h(
      'form',
      { class: 'panel form-grid', 'aria-labelledby': 'review-title' },
      h('h2', { id: 'review-title', class: 'field wide' }, `Review of emergency access #${record.seq}`),
      h('p', { class: 'field wide' }, `${record.actor ?? ''} (${humanize(record.actorAgency)}) on ${formatDateTime(record.at)}: “${record.justification ?? ''}”`),
      field('Outcome', outcome),
      h('div', { class: 'field wide' }, field('Note', note, '5–2000 characters; recorded in the access log.')),
      h('div', { class: 'actions' }, submit, h('button', { type: 'button', class: 'secondary', onclick: () => clear(formArea) }, 'Cancel')),
      message,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clear(message);
      submit.disabled = true;
      try {
        const { data } = await graphql(REVIEW, { seq: record.seq, outcome: outcome.value, note: note.value });
        clear(formArea).append(h('p', { class: 'success', role: 'status' }, `Review recorded as record #${data.reviewEmergencyAccess.seq} (${humanize(data.reviewEmergencyAccess.reviewOutcome)}).`));
        page.load();
      } catch (error) {
        message.append(errorBox(error));
        submit.disabled = false;
      }
    });
    clear(formArea).append(form);
    outcome.focus();
  };
  container.append(h('h1', null, 'Emergency access review'), formArea, results, page.controls);
  page.load();
}

export function renderChain(container) {
  const result = h('div', { id: 'chain-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button' }, 'Verify the chain now');
  const verify = async () => {
    button.disabled = true;
    result.dataset.state = 'loading';
    clear(result).append(loading('Re-computing the hash chain…'));
    try {
      const { verifyAuditChain: v } = (await graphql(CHAIN)).data;
      clear(result).append(
        v.ok
          ? h('p', { class: 'success', dataset: { ok: 'true' } }, `The chain is intact: ${v.checkedRecords} records and ${v.checkpointsChecked} signed checkpoints checked.`)
          : h('div', { class: 'error', role: 'alert', dataset: { ok: 'false' } }, h('strong', null, `The chain is broken at record #${v.firstBadRecord ?? '?'}.`), h('span', { class: 'detail' }, `${v.reason ?? ''} (${v.checkedRecords} records checked)`)),
      );
      result.dataset.state = 'done';
    } catch (error) {
      clear(result).append(errorBox(error));
      result.dataset.state = 'error';
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener('click', verify);
  container.append(h('h1', null, 'Access-log chain status'), h('p', { class: 'hint' }, 'Re-computes every record’s hash and checks the signed checkpoints of the chain head.'), h('div', { class: 'actions' }, button), result);
  verify();
}
