import { createHash } from 'node:crypto';
import { smallCellK } from '@hub/shared';
import type { Cell, Count, QuarterFigures, ReportFigures } from './fetch-figures';
import { esc, trendChart } from './svg-trend';

/**
 * The national report as one self-contained HTML document (issue 13): inline CSS and SVG, nothing fetched.
 * Every number of the reported quarter carries `data-figure` (`query.statistic[.key]`) and `data-value`, so
 * that tests and readers can check it against the statistics API.
 */

export interface ReportMeta {
  /** When the figures were read. */
  asOf: Date;
  hubVersion: string;
}

const k = smallCellK();
/** `SEXUAL_EXPLOITATION` → `Sexual exploitation`. */
const humanLabel = (key: string): string => key.charAt(0) + key.slice(1).toLowerCase().replace(/_/g, ' ');
const pct = (n: number, d: number) => `${Math.round((n / d) * 100)}%`;
const count = (figures: QuarterFigures, path: string): Count => {
  const [query, stat] = path.split('.') as [string, string];
  return figures[query]![stat] as Count;
};
const cells = (figures: QuarterFigures, path: string): Cell[] => {
  const [query, stat] = path.split('.') as [string, string];
  return (figures[query]![stat] as Cell[]) ?? [];
};
const cellOf = (figures: QuarterFigures, path: string, key: string): Count =>
  cells(figures, path).find((c) => c.key === key) ?? { value: null, suppressed: true };

/** A number as printed, with the figure it is so that it can be checked: "c" when suppressed. */
const num = (c: Count, figure?: string): string => {
  const attrs = figure ? ` data-figure="${esc(figure)}" data-value="${c.value ?? ''}"` : '';
  return c.value === null ? `<td class="n c"${attrs} title="suppressed">c</td>` : `<td class="n"${attrs}>${c.value.toLocaleString('en-GB')}</td>`;
};

const change = (now: Count, before: Count): string => {
  if (now.value === null || before.value === null) return '<td class="n muted">–</td>';
  const d = now.value - before.value;
  const rel = before.value > 0 ? ` (${d >= 0 ? '+' : '−'}${Math.abs(Math.round((d / before.value) * 100))}%)` : '';
  return `<td class="n">${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)}${rel}</td>`;
};

const label = (key: string): string =>
  ({ MALE_OR_OTHER: 'Male or other', OTHER: 'Other', MINOR: 'Under 18', ADULT: '18 and over', UNKNOWN: 'Not known' })[key] ??
  (/^[A-Z]{2}$/.test(key) ? countryName(key) : humanLabel(key));

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code: string): string => countryNames.of(code) ?? code;

/** A breakdown's table; `prefix` names its figures (`national:` for the whole country's in a regional report). */
function breakdownTable(title: string, figures: QuarterFigures, path: string, note?: string, prefix = ''): string {
  const rows = cells(figures, path)
    .map((c) => `<tr><th scope="row">${esc(label(c.key))}</th>${num(c, `${prefix}${path}.${c.key}`)}</tr>`)
    .join('');
  return `<div><table class="breakdown"><caption>${esc(title)}</caption><thead><tr><th scope="col"></th><th scope="col" class="n">Persons</th></tr></thead>` +
    `<tbody>${rows || '<tr><td colspan="2" class="muted">None in the quarter.</td></tr>'}</tbody></table>${note ? `<p class="note">${esc(note)}</p>` : ''}</div>`;
}

const HEADLINES: [string, string][] = [
  ['caseloadStatistics.identified', 'Victims identified'],
  ['caseloadStatistics.underSupport', 'Victims under support at the end of the quarter'],
  ['assistanceStatistics.assistanceDecisions', 'Decisions on the assistance offered'],
  ['policeStatistics.cooperationStarted', 'Victims who began to cooperate with the police'],
  ['policeStatistics.investigationsOpened', 'Investigations opened'],
  ['policeStatistics.prosecutions', 'Prosecutions (charges brought)'],
  ['policeStatistics.convictions', 'Convictions'],
  ['immigrationStatistics.reflectionPeriodsGranted', 'Reflection periods granted'],
  ['immigrationStatistics.returnsCompleted', 'Assisted voluntary returns completed'],
];

const share = (part: Count, whole: Count, figure: string): string =>
  part.value !== null && whole.value !== null && whole.value > 0
    ? `<td class="n" data-figure="${figure}" data-value="${Math.round((part.value / whole.value) * 100)}">${pct(part.value, whole.value)}</td>`
    : `<td class="n c" data-figure="${figure}" data-value="">c</td>`;

/** The report's HTML. */
export function renderReport(report: ReportFigures, meta: ReportMeta): string {
  const quarters = report.quarters;
  const now = quarters[quarters.length - 1]!.figures;
  const previous = quarters[quarters.length - 2]!.figures;
  const yearBefore = quarters[quarters.length - 5]!.figures;
  const [year, q] = report.quarter.split('-Q');
  // The whole country's figures of the quarter: beside the region's in a regional report, and its breakdowns, which
  // are published for the whole country only (by region nearly every cell would be small).
  const nat = quarters[quarters.length - 1]!.national ?? now;
  const N = report.region ? 'national:' : '';
  const whole = report.region ? ' (whole country)' : '';
  const title = `${report.region ? `${humanLabel(report.region)} region: ` : ''}Victims of human trafficking, quarter ${q} ${year}`;
  const region = report.region;

  const headline = HEADLINES.map(([path, name]) => {
    const c = count(now, path);
    return `<tr><th scope="row">${esc(name)}</th>${num(c, path)}${num(count(previous, path))}${change(c, count(previous, path))}` +
      `${num(count(yearBefore, path))}${change(c, count(yearBefore, path))}${region ? num(count(nat, path), `national:${path}`) : ''}</tr>`;
  }).join('');

  const trend = (path: string, name: string, key?: string) =>
    trendChart(name, quarters.map((x) => ({ key: x.key, count: key ? cellOf(x.figures, path, key) : count(x.figures, path) })));

  const regional = region
    ? `<section><h2>${esc(humanLabel(region))} and the whole country</h2>
<p>Every count of this report is the region's: the cases of the ${esc(humanLabel(region))} region, and its safe houses.
The last column of the key figures gives the whole country's count beside it. Each regional count is protected
together with the national one and with the other regions', so that no small number follows from comparing them.
Breakdowns — by form of exploitation, gender, age, nationality, permit type and kind of assistance — and the persons
placed in safe houses are published for the whole country only: by region nearly every cell would be small, and hiding
them would hide the region's totals as well. Those tables are marked “whole country”.</p></section>`
    : '';

  // Accepted is a cell of the decisions' breakdown: a share of the whole country's decisions in a regional report too.
  const accepted = count(nat, 'assistanceStatistics.assistanceAccepted');
  const decisions = count(nat, 'assistanceStatistics.assistanceDecisions');
  const cooperation = count(now, 'policeStatistics.cooperationStarted');
  const identified = count(now, 'caseloadStatistics.identified');
  const men = cellOf(now, 'assistanceStatistics.shelterCapacityByGroup', 'MEN');
  const menOccupied = cellOf(nat, 'assistanceStatistics.shelterOccupancyByGroup', 'MEN');
  const longTerm = cells(now, 'assistanceStatistics.longTermCapacityByGroup').reduce((s, c) => s + (c.value ?? 0), 0);
  const beds = cells(now, 'assistanceStatistics.shelterCapacityByGroup').reduce((s, c) => s + (c.value ?? 0), 0);
  const norway = cellOf(nat, 'caseloadStatistics.byNationality', 'NO');
  const natIdentified = count(nat, 'caseloadStatistics.identified');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="report-quarter" content="${esc(report.quarter)}"><meta name="report-region" content="${esc(region ?? '')}">
<meta name="report-hash" content="${report.hash}">
<style>${CSS}</style></head>
<body>
<header class="masthead"><div class="org">National Coordinating Unit for Victims of Human Trafficking</div>
<div class="kind">Official statistics · Quarterly release</div></header>
<h1>${esc(title)}</h1>
<dl class="release">
<dt>Period</dt><dd data-release="period">${esc(report.quarter)} (${periodText(report.quarter)})</dd>
<dt>Data as of</dt><dd data-release="as-of">${meta.asOf.toISOString().replace('T', ' ').slice(0, 16)} UTC</dd>
<dt>Hub version</dt><dd data-release="version">${esc(meta.hubVersion)}</dd>
<dt>Figures hash</dt><dd data-release="hash"><code>sha256:${report.hash}</code></dd>
</dl>

<section><h2>Key figures</h2>
<table class="headline"><thead><tr><th scope="col"></th><th scope="col" class="n">${esc(report.quarter)}</th><th scope="col" class="n">${esc(quarters[quarters.length - 2]!.key)}</th><th scope="col" class="n">Change</th><th scope="col" class="n">${esc(quarters[quarters.length - 5]!.key)}</th><th scope="col" class="n">Change on a year</th>${region ? `<th scope="col" class="n">Whole country ${esc(report.quarter)}</th>` : ''}</tr></thead>
<tbody>${headline}</tbody></table>
<table class="headline shares"><tbody>
<tr><th scope="row">Share of assistance decisions in the quarter that accepted the assistance offered${whole}</th>${share(accepted, decisions, 'share.acceptingAssistance')}</tr>
<tr><th scope="row">Victims who began to cooperate with the police, as a share of victims identified in the quarter (goal: 30% rising to 40%)</th>${share(cooperation, identified, 'share.cooperatingWithPolice')}</tr>
</tbody></table></section>

<section class="about"><h2>About small numbers</h2>
<p>So that no person can be recognised, a number between 1 and ${k - 1} is never published: it is shown as <strong>c</strong>
(confidential). Where a hidden number could be worked out from others — a total minus the other rows, a year minus its
quarters — one more number is hidden as well, also shown as <strong>c</strong>. Small groups are merged rather than
hidden: men and people of other gender are counted together as “male or other”, and nationalities with few victims in the
year as “other”. Figures are published for whole months, quarters and years only, so no two releases can be subtracted to
reveal a hidden number. Totals are therefore not always the sum of the rows shown. Safe-house beds are not personal
data and are shown in full.</p></section>
${regional}
<section class="page"><h2>Trends over the last eight quarters</h2><div class="charts">
${trend('caseloadStatistics.identified', 'Victims identified')}
${trend('caseloadStatistics.underSupport', 'Victims under support')}
${trend('policeStatistics.investigationsOpened', 'Investigations opened')}
${trend('policeStatistics.prosecutions', 'Prosecutions')}
${trend('policeStatistics.cooperationStarted', 'Began cooperating with the police')}
${trend('immigrationStatistics.reflectionPeriodsGranted', 'Reflection periods granted')}
</div></section>

<section class="page"><h2>Victims identified in ${esc(report.quarter)}${whole}</h2><div class="tables">
${breakdownTable('By form of exploitation', nat, 'caseloadStatistics.byExploitationForm', 'A victim may have been exploited in several ways and then counts under each.', N)}
${breakdownTable('By gender', nat, 'caseloadStatistics.byGender', undefined, N)}
${breakdownTable('By age at identification', nat, 'caseloadStatistics.byAgeGroup', undefined, N)}
${breakdownTable('By region', nat, 'caseloadStatistics.byRegion', undefined, N)}
${breakdownTable('By nationality', nat, 'caseloadStatistics.byNationality', 'First nationality recorded.', N)}
</div></section>

<section><h2>Residence permits, police and prosecution</h2><div class="tables">
${breakdownTable(`Residence permits granted, by type${whole}`, nat, 'immigrationStatistics.permitsGrantedByType', undefined, N)}
<table class="breakdown"><caption>Police and prosecution</caption><tbody>
<tr><th scope="row">Investigations opened</th>${num(count(now, 'policeStatistics.investigationsOpened'))}</tr>
<tr><th scope="row">Prosecutions (charges brought)</th>${num(count(now, 'policeStatistics.prosecutions'))}</tr>
<tr><th scope="row">Convictions</th>${num(count(now, 'policeStatistics.convictions'))}</tr>
<tr><th scope="row">Acquittals</th>${num(count(now, 'policeStatistics.acquittals'), 'policeStatistics.acquittals')}</tr>
<tr><th scope="row">Permit applications refused</th>${num(count(now, 'immigrationStatistics.permitsRefused'), 'immigrationStatistics.permitsRefused')}</tr>
</tbody></table></div></section>

<section><h2>Assistance and safe houses</h2><div class="tables">
${breakdownTable(`Assistance measures started, by kind${whole}`, nat, 'assistanceStatistics.measuresByKind', undefined, N)}
<table class="breakdown"><caption>Safe houses${region ? ` in ${esc(humanLabel(region))}` : ''} at the end of the quarter, by whom they take in</caption>
<thead><tr><th scope="col"></th><th scope="col" class="n">Beds</th><th scope="col" class="n">Long-term beds</th>${region ? '' : '<th scope="col" class="n">Persons placed</th>'}</tr></thead><tbody>
${cells(now, 'assistanceStatistics.shelterCapacityByGroup').map((c) => `<tr><th scope="row">${esc(c.key.split('_AND_').map(label).join(' and '))}</th>${num(c, `assistanceStatistics.shelterCapacityByGroup.${c.key}`)}${num(cellOf(now, 'assistanceStatistics.longTermCapacityByGroup', c.key), `assistanceStatistics.longTermCapacityByGroup.${c.key}`)}${region ? '' : num(cellOf(now, 'assistanceStatistics.shelterOccupancyByGroup', c.key), `assistanceStatistics.shelterOccupancyByGroup.${c.key}`)}</tr>`).join('')}
</tbody></table>${region ? '<p class="note">Persons placed in safe houses are published for the whole country only.</p>' : ''}</div>
<p>Placements in a safe house that began in the quarter: <strong data-figure="assistanceStatistics.placementsStarted" data-value="${count(now, 'assistanceStatistics.placementsStarted').value ?? ''}">${count(now, 'assistanceStatistics.placementsStarted').value ?? 'c'}</strong>.</p></section>

<section class="page"><h2>Current challenges</h2>
<dl class="challenges">
${region ? '<dd>Figures from breakdowns are the whole country’s; safe-house beds are the region’s.</dd>' : ''}
<dt>Minors</dt><dd>Victims under 18 identified in the quarter${whole}: <strong>${fmt(cellOf(nat, 'caseloadStatistics.byAgeGroup', 'MINOR'))}</strong>. Every minor needs a guardian appointed without delay.</dd>
<dt>Labour exploitation</dt><dd>Victims of forced labour identified in the quarter${whole}: <strong>${fmt(cellOf(nat, 'caseloadStatistics.byExploitationForm', 'FORCED_LABOUR'))}</strong> (a year before: ${fmt(cellOf(quarters[quarters.length - 5]!.national ?? yearBefore, 'caseloadStatistics.byExploitationForm', 'FORCED_LABOUR'))}).</dd>
<dt>Begging and forced crime</dt><dd>Victims forced to beg${whole}: <strong>${fmt(cellOf(nat, 'caseloadStatistics.byExploitationForm', 'BEGGING'))}</strong>; forced into criminal activity: <strong>${fmt(cellOf(nat, 'caseloadStatistics.byExploitationForm', 'FORCED_CRIMINAL_ACTIVITY'))}</strong>.</dd>
<dt>Safe houses for men</dt><dd>Beds in houses that take in men only: <strong>${fmt(men)}</strong>, of which occupied at the end of the quarter: <strong>${region ? 'published for the whole country only' : fmt(menOccupied)}</strong>; men and others identified in the quarter${whole}: ${fmt(cellOf(nat, 'caseloadStatistics.byGender', 'MALE_OR_OTHER').value !== null ? cellOf(nat, 'caseloadStatistics.byGender', 'MALE_OR_OTHER') : cellOf(nat, 'caseloadStatistics.byGender', 'MALE'))}.</dd>
<dt>Long-term accommodation</dt><dd>Long-term beds: <strong>${longTerm}</strong> of ${beds} safe-house beds in all.</dd>
<dt>Cross-border cases</dt><dd>Victims identified whose first nationality is not Norwegian${whole}: <strong>${natIdentified.value !== null && norway.value !== null ? natIdentified.value - norway.value : 'c'}</strong>; assisted voluntary returns completed: <strong>${fmt(count(now, 'immigrationStatistics.returnsCompleted'))}</strong>.</dd>
</dl></section>

<footer><p>Source: the support-path hub of the national coordinating unit, from the aggregates each agency computes on its own
records (police, immigration authority, social services, the unit's registry). Generated by <code>npm run report -- --quarter ${esc(report.quarter)}${region ? ` --region ${esc(region)}` : ''}</code>.
The figures hash covers every number in this release: the same records give the same hash.</p></footer>
</body></html>
`;
}

const fmt = (c: Count): string => (c.value === null ? 'c' : String(c.value));

function periodText(quarter: string): string {
  const [y, q] = quarter.split('-Q').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, (q - 1) * 3, 1));
  const to = new Date(Date.UTC(y, q * 3, 0));
  const f = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${f(from)} to ${f(to)}`;
}

/**
 * The CSP source of the report's one `<style>` element (`'sha256-…'`): the console, which shows the report in a
 * sandboxed frame that inherits its policy, allows exactly this stylesheet and no other inline style.
 */
export const reportStyleSource = (): string => `'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`;

const CSS = `
@page { size: A4; margin: 18mm 16mm 20mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1f24; font-size: 10pt; line-height: 1.4; max-width: 190mm; margin: 0 auto; }
.masthead { border-bottom: 4px solid #0b3d91; padding-bottom: 6px; margin-bottom: 14px; display: flex; justify-content: space-between; align-items: baseline; }
.masthead .org { font-weight: bold; color: #0b3d91; font-size: 11pt; }
.masthead .kind { color: #59636e; font-size: 9pt; }
h1 { font-size: 20pt; margin: 6px 0 10px; color: #0b3d91; }
h2 { font-size: 13pt; color: #0b3d91; border-bottom: 1px solid #c8d1dc; padding-bottom: 3px; margin-top: 18px; }
.release { display: grid; grid-template-columns: 28mm auto; gap: 2px 8px; background: #eef2f7; padding: 8px 10px; font-size: 9pt; }
.release dt { font-weight: bold; } .release dd { margin: 0; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 2px 0 4px; }
th, td { padding: 3px 6px; border-bottom: 1px solid #dde3ea; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b3d91; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.c, .muted { color: #59636e; }
.tables { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 18px; align-items: start; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 18px; }
figure.chart { margin: 0; break-inside: avoid; } figure.chart svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; font-weight: bold; }
.note { font-size: 8pt; color: #59636e; margin: 0 0 6px; }
.about { background: #fff8e5; border-left: 4px solid #d29922; padding: 2px 12px 6px; }
.challenges dt { font-weight: bold; margin-top: 6px; } .challenges dd { margin-left: 0; }
section { break-inside: avoid-page; }
.page { break-before: page; }
footer { margin-top: 18px; border-top: 1px solid #c8d1dc; font-size: 8pt; color: #59636e; }
`;
