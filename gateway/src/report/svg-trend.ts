import type { Count } from './fetch-figures';

/** Escapes text for HTML and SVG. */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * An eight-quarter bar chart as inline SVG (no script, no network). A suppressed quarter is drawn as an empty
 * outlined bar marked "c", never as a height: the chart gives away nothing the tables do not.
 */
export function trendChart(title: string, series: { key: string; count: Count }[]): string {
  const width = 300;
  const height = 120;
  const base = 96;
  const shown = series.map((s) => s.count.value ?? 0);
  const max = Math.max(5, ...shown);
  const step = width / series.length;
  const bars = series
    .map((s, i) => {
      const x = i * step + 6;
      const w = step - 12;
      const last = i === series.length - 1;
      if (s.count.value === null) {
        return `<rect x="${x}" y="${base - 18}" width="${w}" height="18" fill="none" stroke="#8a96a3" stroke-dasharray="3 2"/>` +
          `<text x="${x + w / 2}" y="${base - 5}" text-anchor="middle" font-size="9" fill="#59636e">c</text>`;
      }
      const h = Math.round(((s.count.value ?? 0) / max) * 76);
      return `<rect x="${x}" y="${base - h}" width="${w}" height="${h}" fill="${last ? '#0b3d91' : '#7f9cc9'}"/>` +
        `<text x="${x + w / 2}" y="${base - h - 3}" text-anchor="middle" font-size="9" fill="#1b1f24">${s.count.value}</text>`;
    })
    .join('');
  const labels = series
    .map((s, i) => `<text x="${i * step + step / 2}" y="${base + 12}" text-anchor="middle" font-size="8" fill="#59636e">${esc(s.key.replace('-', ' '))}</text>`)
    .join('');
  return `<figure class="chart"><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}, last eight quarters">` +
    `<line x1="0" y1="${base}" x2="${width}" y2="${base}" stroke="#59636e" stroke-width="0.5"/>${bars}${labels}</svg>` +
    `<figcaption>${esc(title)}</figcaption></figure>`;
}
