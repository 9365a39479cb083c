// The caseload: filterable, paginated with the API's cursors (a stack of them for Previous).
import { graphql } from '../api.js';
import { beginLoad, clear, endLoad, field, formatDate, h, humanize, loading, select, table } from '../dom.js';
import { deniedText, errorAt, errorBox } from '../errors.js';

const REGIONS = ['OSLO', 'EAST', 'SOUTH', 'WEST', 'MID', 'NORTH'];
const STAGES = ['IDENTIFIED', 'REFLECTION_PERIOD', 'TEMPORARY_RESIDENCE', 'PERMANENT_RESIDENCE', 'RETURNED'];
const FORMS = ['SEXUAL_EXPLOITATION', 'FORCED_LABOUR', 'BEGGING', 'FORCED_CRIMINAL_ACTIVITY', 'DOMESTIC_SERVITUDE', 'OTHER'];
export const ALERTS = ['REFLECTION_PERIOD_ENDING', 'MINOR_WITHOUT_GUARDIAN', 'NO_HEALTH_ASSESSMENT', 'CONSENT_EXPIRING', 'SHELTER_OVER_CAPACITY'];
const PAGE_SIZE = 20;

const QUERY = `query Caseload($first: Int, $after: String, $filter: VictimFilter) {
  victims(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id alias region emergencyAccessPendingReview supportPath { stage nextDeadline { kind dueAt } alerts { kind message } } } }
  }
}`;

/** Kept while the tab lives, so that coming back from a support path returns to the same page. */
const state = { filter: {}, cursors: [null] };

export const alertBadge = (alert) =>
  h('span', { class: `badge ${alert.kind === 'MINOR_WITHOUT_GUARDIAN' || alert.kind === 'SHELTER_OVER_CAPACITY' ? 'danger' : 'alert'}`, title: alert.message, dataset: { alert: alert.kind } }, humanize(alert.kind));

export function renderCaseload(container) {
  const controls = {
    region: select(REGIONS, { id: 'filter-region', emptyLabel: 'Any region', selected: state.filter.region }),
    stage: select(STAGES, { id: 'filter-stage', emptyLabel: 'Any stage', selected: state.filter.stage }),
    minor: select(['true', 'false'], { id: 'filter-minor', emptyLabel: 'Minors and adults', labels: { true: 'Minors only', false: 'Adults only' }, selected: state.filter.minor === undefined ? undefined : String(state.filter.minor) }),
    exploitationForm: select(FORMS, { id: 'filter-form', emptyLabel: 'Any form', selected: state.filter.exploitationForm }),
    alert: select(ALERTS, { id: 'filter-alert', emptyLabel: 'Any or no alert', selected: state.filter.alert }),
  };
  const form = h(
    'form',
    { class: 'filters panel', 'aria-label': 'Filter the caseload' },
    field('Region', controls.region),
    field('Stage', controls.stage),
    field('Minor', controls.minor),
    field('Form of exploitation', controls.exploitationForm),
    field('Alert', controls.alert),
    h('button', { type: 'submit' }, 'Apply filters'),
  );
  const results = h('div', { id: 'caseload-results', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'secondary' }, 'Previous');
  const next = h('button', { type: 'button', class: 'secondary' }, 'Next');
  const pageStatus = h('span', { id: 'caseload-page', class: 'hint' });
  let lastPage = null;

  const load = async () => {
    const after = state.cursors[state.cursors.length - 1];
    prev.disabled = true;
    next.disabled = true;
    const current = beginLoad(results);
    clear(results).append(loading('Loading the caseload…'));
    try {
      const filter = Object.keys(state.filter).length > 0 ? state.filter : null;
      const { data, errors } = await graphql(QUERY, { first: PAGE_SIZE, after, filter });
      if (!current()) return;
      lastPage = data.victims;
      clear(results).append(caseTable(data.victims, errors));
      pageStatus.textContent = `Page ${state.cursors.length} · ${data.victims.totalCount} victims match`;
      prev.disabled = state.cursors.length <= 1;
      next.disabled = !data.victims.pageInfo.hasNextPage;
      endLoad(results, 'done');
    } catch (error) {
      if (!current()) return;
      clear(results).append(errorBox(error));
      pageStatus.textContent = '';
      prev.disabled = state.cursors.length <= 1;
      endLoad(results, 'error');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const filter = {};
    for (const [name, control] of Object.entries(controls)) {
      if (control.value === '') continue;
      filter[name] = name === 'minor' ? control.value === 'true' : control.value;
    }
    state.filter = filter;
    state.cursors = [null];
    load();
  });
  prev.addEventListener('click', () => {
    if (state.cursors.length > 1) state.cursors.pop();
    load();
  });
  next.addEventListener('click', () => {
    if (!lastPage?.pageInfo.hasNextPage) return;
    state.cursors.push(lastPage.pageInfo.endCursor);
    load();
  });
  container.append(
    h('h1', null, 'Caseload'),
    form,
    results,
    h('nav', { class: 'actions', 'aria-label': 'Caseload pages' }, prev, next, pageStatus),
    h('p', { class: 'hint' }, 'Only victims whose case status you may read for your purpose are listed or counted.'),
  );
  load();
}

function caseTable(victims, errors) {
  const rows = victims.edges.map((edge, index) => ({ ...edge.node, index }));
  const at = (row, ...path) => errorAt(errors, ['victims', 'edges', row.index, 'node', ...path]);
  return table(
    'Victims, newest identification first',
    [
      {
        label: 'Alias',
        value: (row) => {
          const denied = at(row, 'alias');
          return h('a', { href: `#/victim/${encodeURIComponent(row.id)}`, dataset: { victimId: row.id } }, row.alias ?? (denied ? `Victim ${row.id}` : row.id), denied ? [' ', deniedText(denied)] : null);
        },
      },
      { label: 'Region', value: (row) => (row.region ? humanize(row.region) : at(row, 'region') ? deniedText(at(row, 'region')) : '—') },
      { label: 'Stage', value: (row) => (row.supportPath ? humanize(row.supportPath.stage) : at(row, 'supportPath') ? deniedText(at(row, 'supportPath')) : '—') },
      {
        label: 'Next deadline',
        value: (row) => (row.supportPath?.nextDeadline ? `${formatDate(row.supportPath.nextDeadline.dueAt)} · ${humanize(row.supportPath.nextDeadline.kind)}` : '—'),
      },
      {
        label: 'Alerts',
        value: (row) => [
          ...(row.supportPath?.alerts ?? []).map(alertBadge),
          row.emergencyAccessPendingReview
            ? h('span', { class: 'badge danger', title: 'An emergency access to this victim waits for review by audit staff', dataset: { alert: 'BREAK_GLASS_PENDING' } }, 'Break-glass pending')
            : null,
        ],
      },
    ],
    rows,
    { id: 'caseload-table' },
  );
}
