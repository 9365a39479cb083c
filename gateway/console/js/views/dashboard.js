// National monitoring: the numbers a national report publishes, for a chosen period, from the aggregates each
// owning subgraph computes (small cells suppressed there). One request per source, so one missing source
// does not hide the others.
import { graphql } from '../api.js';
import { barChart, suppressedMark, suppressionNote } from '../chart.js';
import { downloadCsv } from '../csv.js';
import { beginLoad, clear, endLoad, field, h, humanize, loading } from '../dom.js';
import { errorBox } from '../errors.js';

export const sources = [
  {
    id: 'caseload',
    field: 'caseloadStatistics',
    title: 'Victims',
    counts: [['identified', 'Victims identified'], ['underSupport', 'Under support']],
    breakdowns: [
      ['byExploitationForm', 'By form of exploitation'],
      ['byGender', 'By gender'],
      ['byAgeGroup', 'Minor or adult'],
      ['byNationality', 'By nationality'],
      ['byRegion', 'By region'],
    ],
  },
  {
    id: 'police',
    field: 'policeStatistics',
    title: 'Police and prosecution',
    counts: [
      ['cooperationStarted', 'Started cooperating with the police'],
      ['investigationsOpened', 'Investigations opened'],
      ['prosecutions', 'Prosecutions'],
      ['convictions', 'Convictions'],
      ['acquittals', 'Acquittals'],
    ],
    breakdowns: [],
  },
  {
    id: 'immigration',
    field: 'immigrationStatistics',
    title: 'Reflection periods and residence permits',
    counts: [['reflectionPeriodsGranted', 'Reflection periods granted'], ['permitsRefused', 'Permits refused'], ['returnsCompleted', 'Assisted returns completed']],
    breakdowns: [['permitsGrantedByType', 'Permits granted by type']],
  },
  {
    id: 'assistance',
    field: 'assistanceStatistics',
    title: 'Assistance',
    counts: [['assistanceDecisions', 'Decisions on the assistance offered'], ['assistanceAccepted', 'Accepted assistance'], ['placementsStarted', 'Safe-house placements started']],
    breakdowns: [['measuresByKind', 'Assistance measures by kind']],
  },
  {
    id: 'labour',
    field: 'labourInspectionStatistics',
    title: 'Labour inspection',
    counts: [
      ['inspections', 'Workplace inspections that found a victim'],
      ['workplacesInspected', 'Workplaces inspected for the first time'],
      ['victimsFound', 'Victims found at inspections'],
      ['policeReferrals', 'Referrals to the police'],
      ['backPayClaimsFiled', 'Back-pay and compensation claims filed'],
      ['backPayClaimsAwarded', 'Claims awarded'],
    ],
    breakdowns: [['inspectionsBySector', 'Inspections by sector'], ['sanctionsByKind', 'Sanctions by kind']],
  },
];

/**
 * The operation for one source, the period a variable: the same text for every period, so that it is one of the
 * hub's trusted documents (gateway/trusted-documents/console.graphql).
 */
export function statisticsQuery(source) {
  const selections = [
    ...source.counts.map(([name]) => `${name} { value suppressed }`),
    ...source.breakdowns.map(([name]) => `${name} { key value suppressed }`),
  ];
  return `query ${source.field[0].toUpperCase()}${source.field.slice(1)}($period: StatisticsPeriodInput!) { ${source.field}(period: $period) { ${selections.join(' ')} } }`;
}

/** A cell's text for exports: the number, or "suppressed" — never the hidden count. */
export const cellText = (cell) => (!cell ? '—' : cell.suppressed ? 'suppressed' : String(cell.value ?? '—'));
const shown = (cell) => Boolean(cell && !cell.suppressed && typeof cell.value === 'number');

/** A count on the page: the number, or the mark the page's one note explains. */
function statCell(key, cell) {
  const hidden = !shown(cell);
  return h('span', { class: hidden ? 'suppressed' : null, dataset: { stat: key, suppressed: hidden ? 'true' : null } }, hidden ? suppressedMark() : String(cell.value));
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** A breakdown's key as a reader says it: NG → Nigeria, SEXUAL_EXPLOITATION → Sexual exploitation. */
const keyLabel = (key) => (/^[A-Z]{2}$/.test(key) ? countryNames.of(key) ?? key : humanize(key));

/** A share only when both numbers are shown (and the base is not zero). */
function share(part, whole) {
  if (!shown(part) || !shown(whole) || whole.value === 0) return null;
  return `${Math.round((part.value / whole.value) * 100)}%`;
}


/**
 * The fixed reporting periods the statistics API publishes (docs/architecture.md, "Statistics"): the last three
 * years, the last eight quarters and the last twelve months, newest first, as `{ label, from, to }` in UTC.
 */
export function reportingPeriods(today = new Date()) {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const at = (year, month) => new Date(Date.UTC(year, month, 1)).toISOString();
  const years = [0, 1, 2].map((i) => ({ label: String(y - i), from: at(y - i, 0), to: at(y - i + 1, 0) }));
  const quarters = Array.from({ length: 8 }, (_, i) => {
    const index = y * 4 + Math.floor(m / 3) - i;
    const [year, q] = [Math.floor(index / 4), index % 4];
    return { label: `${year}-Q${q + 1}`, from: at(year, q * 3), to: at(year, q * 3 + 3) };
  });
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - i, 1));
    return { label: d.toISOString().slice(0, 7), from: d.toISOString(), to: at(d.getUTCFullYear(), d.getUTCMonth() + 1) };
  });
  return [...years, ...quarters, ...months];
}

export function renderDashboard(container) {
  const periods = reportingPeriods();
  const choice = h(
    'select',
    { id: 'stats-period', required: true },
    ...periods.map((p, i) => h('option', { value: p.label, ...(i === 3 ? { selected: true } : {}) }, p.label)),
  );
  const exportButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Export CSV');
  const results = h('div', { id: 'stats-results', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'filters panel', 'aria-label': 'Reporting period' },
    field('Period', choice),
    h('button', { type: 'submit' }, 'Show'),
    exportButton,
  );
  let csvRows = [];
  let csvName = 'national-monitoring.csv';
  exportButton.addEventListener('click', () => downloadCsv(csvName, ['section', 'measure', 'category', 'value'], csvRows));

  const load = async () => {
    clear(results);
    exportButton.disabled = true;
    // Statistics are published for whole months, quarters and years only, so that no two answers can be differenced.
    const chosen = periods.find((p) => p.label === choice.value) ?? periods[3];
    const period = { from: chosen.from, to: chosen.to };
    results.dataset.periodFrom = period.from;
    results.dataset.periodTo = period.to;
    const current = beginLoad(results);
    results.append(loading('Loading the national numbers…'));
    const settled = await Promise.allSettled(sources.map((source) => graphql(statisticsQuery(source), { period })));
    if (!current()) return;
    const outcome = Object.fromEntries(
      sources.map((source, i) => {
        const result = settled[i];
        if (result.status === 'rejected') return [source.id, { error: result.reason }];
        const data = result.value.data?.[source.field];
        const firstError = result.value.errors?.[0];
        if (!data) return [source.id, { error: { code: firstError?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', message: firstError?.message, requestId: result.value.requestId } }];
        return [source.id, { data }];
      }),
    );
    clear(results);
    // Refused by every source for the same reason: one message, not one red box per source.
    const codes = new Set(sources.map((source) => outcome[source.id].error?.code ?? null));
    if (codes.size === 1 && !codes.has(null)) {
      results.append(h('div', { dataset: { refused: 'all' } }, errorBox(outcome[sources[0].id].error)));
      endLoad(results, 'done');
      return;
    }
    csvName = `national-monitoring_${chosen.label}.csv`;
    csvRows = [];
    results.append(headline(outcome), ...sources.map((source) => section(source, outcome[source.id], csvRows)));
    // The mark of a suppressed count is explained once, above everything that uses it.
    if (results.querySelector('[data-suppressed]')) results.prepend(suppressionNote());
    const shares = results.querySelectorAll('[data-share]');
    for (const el of shares) csvRows.unshift(['Headline', el.dataset.shareLabel, '', el.textContent]);
    endLoad(results, 'done');
    exportButton.disabled = false;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  container.append(h('h1', null, 'National monitoring'), form, results);
  load();
}

function headline(outcome) {
  const identified = outcome.caseload.data?.identified;
  const unavailable = (error) => h('span', { class: 'denied', dataset: { code: error.code } }, `Not available (${error.code})`);
  const kpi = (label, content, extra) => h('div', { class: 'kpi' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, content), extra ?? null);
  /** The share of `part` in `whole`, or "share not shown" when either number is withheld. */
  const shareBlock = (label, key, part, whole, ofWhat) => {
    const value = share(part, whole);
    return h(
      'div',
      { class: 'share' },
      h('span', { class: value ? null : 'suppressed', dataset: { share: key, shareLabel: label } }, value ?? 'share not shown'),
      ` of ${ofWhat}`,
    );
  };
  const assistance = outcome.assistance.data;
  const police = outcome.police.data;
  return h(
    'section',
    { 'aria-labelledby': 'kpi-title' },
    h('h2', { id: 'kpi-title' }, 'Headline figures'),
    h(
      'div',
      { class: 'kpis' },
      kpi('Victims identified', outcome.caseload.error ? unavailable(outcome.caseload.error) : statCell('kpi.identified', identified)),
      kpi('Under support', outcome.caseload.error ? unavailable(outcome.caseload.error) : statCell('kpi.underSupport', outcome.caseload.data?.underSupport)),
      kpi(
        'Accepting assistance',
        outcome.assistance.error ? unavailable(outcome.assistance.error) : statCell('kpi.assistanceAccepted', assistance?.assistanceAccepted),
        assistance ? shareBlock('Share accepting assistance', 'assistance', assistance.assistanceAccepted, assistance.assistanceDecisions, 'victims who decided on the assistance offered') : null,
      ),
      kpi(
        'Cooperating with the police',
        outcome.police.error ? unavailable(outcome.police.error) : statCell('kpi.cooperationStarted', police?.cooperationStarted),
        police && !outcome.caseload.error ? shareBlock('Share cooperating with the police', 'police', police.cooperationStarted, identified, 'victims identified') : null,
      ),
    ),
  );
}

function section(source, outcome, csvRows) {
  const titleId = `stats-${source.id}-title`;
  const el = h('section', { 'aria-labelledby': titleId, dataset: { source: source.id, state: outcome.error ? 'error' : 'done' } }, h('h2', { id: titleId }, source.title));
  if (outcome.error) {
    csvRows.push([source.title, '(not available)', '', outcome.error.code]);
    el.append(errorBox(outcome.error));
    return el;
  }
  const data = outcome.data;
  const counts = source.counts.map(([name, label]) => ({ name, label, cell: data[name] }));
  for (const c of counts) csvRows.push([source.title, c.label, '', cellText(c.cell)]);
  el.append(
    h(
      'table',
      { class: 'panel' },
      h('caption', null, `${source.title}: counts`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Measure'), h('th', { scope: 'col', class: 'num' }, 'Count'))),
      h('tbody', null, counts.map((c) => h('tr', null, h('th', { scope: 'row' }, c.label), h('td', { class: 'num' }, statCell(`${source.id}.${c.name}`, c.cell))))),
    ),
  );
  const grid = h('div', { class: 'grid' });
  for (const [name, label] of source.breakdowns) {
    const rows = Array.isArray(data[name]) ? data[name] : [];
    for (const row of rows) csvRows.push([source.title, label, row.key, cellText(row)]);
    grid.append(
      h(
        'div',
        { class: 'panel', dataset: { breakdown: `${source.id}.${name}` } },
        h('h3', null, label),
        barChart(
          `${source.title} — ${label}`,
          rows.map((r) => ({ label: keyLabel(r.key), value: r.value, suppressed: r.suppressed, stat: `${source.id}.${name}.${r.key}` })),
        ),
      ),
    );
  }
  if (source.breakdowns.length > 0) el.append(grid);
  return el;
}
