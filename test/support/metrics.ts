import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';
import { testHub } from './hub-info';

/** `GET /metrics` of a service of the test hub, parsed (Prometheus text format). */
export async function scrape(service: string): Promise<PrometheusFamily[]> {
  const base = testHub().services[service]!.url.replace(/\/graphql$/, '');
  const response = await fetch(`${base}/metrics`);
  if (!response.ok) throw new Error(`${service} /metrics answered ${response.status}`);
  return parsePrometheusTextFormat(await response.text());
}

const matches = (sample: PrometheusSample, labels: Record<string, string>): boolean =>
  Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value);

/** The samples of one family whose labels include `labels`. */
export function samples(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): PrometheusSample[] {
  return (families.find((family) => family.name === name)?.metrics ?? []).filter((sample) => matches(sample, labels));
}

/** A counter's value summed over its series that carry `labels` (0 when there is none yet). */
export function counterValue(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): number {
  return samples(families, name, labels).reduce((sum, sample) => sum + Number(sample.value ?? 0), 0);
}

/** A histogram's observation count summed over its series that carry `labels`. */
export function histogramCount(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): number {
  return samples(families, name, labels).reduce((sum, sample) => sum + Number(sample.count ?? 0), 0);
}
