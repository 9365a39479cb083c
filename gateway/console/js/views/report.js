// The national report (issue 13) for a chosen quarter and, optionally, a region: the gateway's GET /report renders
// it from the statistics API with the user's own token and purpose, so it shows what the user may see and every
// read is in the access log. Shown in a sandboxed frame (no scripts, no origin), downloadable as PDF.
import { ApiError, errorBox } from '../errors.js';
import { beginLoad, endLoad, field, h, loading, select } from '../dom.js';
import { session } from '../session.js';
import { reportingPeriods } from './dashboard.js';

export const REPORT_URL = '/report';

/** The report as a Blob (`format` html or pdf); a coded refusal as an ApiError. */
async function fetchReport(quarter, region, format) {
  const params = new URLSearchParams({ quarter, format });
  if (region) params.set('region', region);
  let response;
  try {
    response = await fetch(`${REPORT_URL}?${params}`, {
      headers: { authorization: `Bearer ${session.token}`, 'x-purpose': session.purpose },
      credentials: 'omit',
    });
  } catch (error) {
    throw new ApiError({ code: 'NETWORK_ERROR', message: error?.message });
  }
  const requestId = response.headers.get('x-request-id');
  if (!response.ok) {
    const first = (await response.json().catch(() => null))?.errors?.[0];
    const error = new ApiError({ code: first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR', message: first?.message, requestId, status: response.status });
    if (error.code === 'UNAUTHENTICATED') window.dispatchEvent(new CustomEvent('hub:unauthenticated'));
    throw error;
  }
  return response.blob();
}

const reportName = (quarter, region) => `national-report-${quarter}${region ? `-${region.toLowerCase()}` : ''}`;

export function renderReport(container, { config }) {
  container.append(h('h1', null, 'National report'));
  // Whole quarters only, the last complete one first: the report compares each with the seven before it.
  const quarters = reportingPeriods().filter((p) => /^\d{4}-Q[1-4]$/.test(p.label));
  const quarter = h('select', { id: 'report-quarter', required: true }, ...quarters.map((p, i) => h('option', { value: p.label, selected: i === 1 }, p.label)));
  const region = select(config.regions, { id: 'report-region', emptyLabel: 'Whole country' });
  const pdfButton = h('button', { type: 'button', class: 'secondary', disabled: true }, 'Download PDF');
  const results = h('div', { id: 'report-results', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters panel', 'aria-label': 'Report period' }, field('Quarter', quarter), field('Region', region), h('button', { type: 'submit' }, 'Show report'), pdfButton);
  let frameUrl = null;

  const load = async () => {
    pdfButton.disabled = true;
    const current = beginLoad(results);
    results.replaceChildren(loading('Generating the report…'));
    try {
      const html = await fetchReport(quarter.value, region.value, 'html');
      if (!current()) return;
      if (frameUrl) URL.revokeObjectURL(frameUrl);
      frameUrl = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      // sandbox="" : the report's document runs no script and has no origin of its own.
      results.replaceChildren(h('iframe', { id: 'report-frame', src: frameUrl, sandbox: '', title: `National report ${quarter.value}`, width: '100%', height: '1000' }));
      endLoad(results, 'done');
      pdfButton.disabled = false;
    } catch (error) {
      if (!current()) return;
      results.replaceChildren(errorBox(error));
      endLoad(results, 'error');
    }
  };
  pdfButton.addEventListener('click', async () => {
    const [q, r] = [quarter.value, region.value];
    pdfButton.disabled = true;
    try {
      const pdf = await fetchReport(q, r, 'pdf');
      const url = URL.createObjectURL(pdf);
      const link = h('a', { href: url, download: `${reportName(q, r)}.pdf`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      results.prepend(errorBox(error));
    }
    pdfButton.disabled = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  container.append(form, results);
  load();
}
