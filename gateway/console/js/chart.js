// Horizontal bar charts as HTML tables: the labels are text at body size (not scaled-down SVG), the bars are
// CSS widths, and a screen reader reads the same table. Largest count first; a suppressed cell has no bar,
// only the mark the page's one note explains — never a length that would reveal the hidden count.
import { h } from './dom.js';

/** What a suppressed count shows, everywhere on the page; `suppressionNote()` explains it once. */
export const SUPPRESSED_MARK = '—';

export const suppressedMark = () =>
  h('span', { class: 'suppressed-mark' }, h('span', { 'aria-hidden': 'true' }, SUPPRESSED_MARK), h('span', { class: 'visually-hidden' }, 'not published'));

/** The one explanation of the mark, for a page that shows suppressed counts. */
export const suppressionNote = () =>
  h(
    'p',
    { class: 'hint suppression-note', dataset: { note: 'suppressed' } },
    h('strong', { 'aria-hidden': 'true' }, `${SUPPRESSED_MARK} `),
    'A dash is a count the hub does not publish: too few people to show without pointing at someone, or a count from which such a small one could be worked out.',
  );

/** Shown counts by value, largest first (ties by label), then the suppressed ones by label. */
export function byCount(rows) {
  const shown = (r) => !r.suppressed && typeof r.value === 'number';
  return [...rows].sort((a, b) => {
    if (shown(a) !== shown(b)) return shown(a) ? -1 : 1;
    if (shown(a) && a.value !== b.value) return b.value - a.value;
    return a.label.localeCompare(b.label);
  });
}

/** rows: [{ label, value, suppressed, stat }] — `stat` names the count cell for tests and exports. */
export function barChart(title, rows, { category = 'Category', measure = 'Count' } = {}) {
  const sorted = byCount(rows);
  const max = Math.max(1, ...sorted.filter((r) => !r.suppressed && typeof r.value === 'number').map((r) => r.value));
  return h(
    'table',
    { class: 'bar-chart' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', { class: 'visually-hidden' }, h('tr', null, h('th', { scope: 'col' }, category), h('th', { scope: 'col' }, measure), h('th', { scope: 'col' }, 'Bar'))),
    h(
      'tbody',
      null,
      sorted.length === 0
        ? h('tr', null, h('td', { colspan: 3, class: 'hint' }, 'Nothing in this period.'))
        : sorted.map((row) => {
            const hidden = row.suppressed || typeof row.value !== 'number';
            const bar = h('span', { class: 'bar' });
            // A CSSOM width, which the Content-Security-Policy allows (a style attribute it would not).
            if (!hidden) bar.style.width = `${(row.value / max) * 100}%`;
            return h(
              'tr',
              { dataset: { chartRow: row.label, value: hidden ? '' : String(row.value), suppressed: hidden ? 'true' : null } },
              h('th', { scope: 'row', class: 'chart-label' }, row.label),
              h('td', { class: 'num chart-value' }, h('span', { dataset: { stat: row.stat ?? null, suppressed: hidden ? 'true' : null } }, hidden ? suppressedMark() : String(row.value))),
              h('td', { class: 'chart-bar', 'aria-hidden': 'true' }, hidden ? null : bar),
            );
          }),
    ),
  );
}
