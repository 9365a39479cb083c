// Horizontal bar charts as inline SVG, drawn here (no library). Suppressed cells get an empty dashed bar and
// the word "suppressed" — never a length that would reveal the hidden count.
import { s } from './dom.js';

const LABEL_WIDTH = 190;
const BAR_AREA = 300;
const VALUE_WIDTH = 90;
const ROW = 24;
const PAD = 6;

/** rows: [{ label, value, suppressed }] */
export function barChart(title, rows) {
  const shown = rows.filter((r) => !r.suppressed && typeof r.value === 'number');
  const max = Math.max(1, ...shown.map((r) => r.value));
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const height = Math.max(1, rows.length) * ROW + PAD * 2;
  const summary = rows.map((r) => `${r.label}: ${r.suppressed ? 'suppressed' : r.value}`).join('; ');
  return s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': `${title}. ${summary || 'No data'}`,
      focusable: 'false',
    },
    s('title', null, title),
    rows.length === 0 ? s('text', { x: 0, y: PAD + 14, class: 'muted' }, 'No data') : null,
    rows.map((row, i) => {
      const y = PAD + i * ROW;
      const label = row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label;
      if (row.suppressed || typeof row.value !== 'number') {
        return s(
          'g',
          null,
          s('text', { x: LABEL_WIDTH - 8, y: y + 15, 'text-anchor': 'end' }, label),
          s('rect', { class: 'bar-suppressed', x: LABEL_WIDTH, y: y + 4, width: 24, height: ROW - 8 }),
          s('text', { x: LABEL_WIDTH + 32, y: y + 15, class: 'muted' }, 'suppressed'),
        );
      }
      const barWidth = Math.max(row.value > 0 ? 2 : 0, Math.round((row.value / max) * BAR_AREA));
      return s(
        'g',
        null,
        s('text', { x: LABEL_WIDTH - 8, y: y + 15, 'text-anchor': 'end' }, label),
        s('rect', { class: 'bar', x: LABEL_WIDTH, y: y + 4, width: barWidth, height: ROW - 8 }),
        s('text', { x: LABEL_WIDTH + barWidth + 6, y: y + 15 }, String(row.value)),
      );
    }),
  );
}
