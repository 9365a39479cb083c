import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { testHub } from './hub-info';

/**
 * One service's `/metrics`: the families as parse-prometheus-text-format reads them (it throws on a line that
 * is not the exposition format; it names every family with its HELP and TYPE), and every sample line with
 * its labels. (The parser folds a histogram's series into one and loses their labels, so series are read
 * from the sample lines, whose grammar is `name{label="value",…} value`.)
 */
export interface Scrape {
  families: PrometheusFamily[];
  series: { name: string; labels: Record<string, string>; value: number }[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const unescape = (value: string): string => value.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));

export function parseExposition(text: string): Scrape {
  const families = parsePrometheusTextFormat(text);
  const series = text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name, labelText, value] = SAMPLE.exec(line) ?? [];
      if (!name) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(labelText ?? '').matchAll(LABEL)].map((m) => [m[1]!, unescape(m[2]!)]));
      return { name, labels, value: Number(value) };
    });
  return { families, series };
}

/** `GET /metrics` of a service of the test hub, parsed. */
export async function scrape(service: string): Promise<Scrape> {
  const base = testHub().services[service]!.url.replace(/\/graphql$/, '');
  const response = await fetch(`${base}/metrics`);
  if (!response.ok) throw new Error(`${service} /metrics answered ${response.status}`);
  return parseExposition(await response.text());
}

/** A series' value summed over those that carry `labels` (0 when there is none yet). */
export function seriesValue(scraped: Scrape, name: string, labels: Record<string, string> = {}): number {
  return scraped.series
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

export const counterValue = seriesValue;

/** A histogram's observation count (its `_count` series) over the series that carry `labels`. */
export const histogramCount = (scraped: Scrape, name: string, labels: Record<string, string> = {}): number =>
  seriesValue(scraped, `${name}_count`, labels);
