// Safe houses: capacity and vacancies by whom they take in. Names and addresses are never asked for here.
import { graphql } from '../api.js';
import { barChart } from '../chart.js';
import { h, humanize, loading, table } from '../dom.js';
import { errorBox } from '../errors.js';

const QUERY = `query Shelters { shelters { id region capacity accepts longTerm occupancy vacancies } }`;
const GROUPS = [
  ['WOMEN', 'Women'],
  ['MEN', 'Men'],
  ['MINORS', 'Minors'],
];

const sum = (rows, key) => rows.reduce((total, r) => total + r[key], 0);

export async function renderShelters(container) {
  const body = h('div', { id: 'shelters-body', 'aria-live': 'polite', 'aria-busy': 'true', dataset: { state: 'loading' } }, loading('Loading the safe houses…'));
  container.append(h('h1', null, 'Safe houses'), body);
  let shelters;
  try {
    shelters = (await graphql(QUERY)).data.shelters;
  } catch (error) {
    body.replaceChildren(errorBox(error));
    body.dataset.state = 'error';
    body.removeAttribute('aria-busy');
    return;
  }
  const groups = GROUPS.map(([key, label]) => ({ key, label, rows: shelters.filter((s) => s.accepts.includes(key)) }));
  body.replaceChildren(
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'vacancy-title' },
      h('h2', { id: 'vacancy-title' }, 'Free beds now, by whom the houses take in'),
      barChart('Free beds by group', groups.map((g) => ({ label: g.label, value: sum(g.rows, 'vacancies') }))),
      h('p', { class: 'hint' }, 'A house that takes in more than one group is counted in each of them.'),
    ),
    ...groups.map((g) =>
      h(
        'section',
        { class: 'panel', 'aria-labelledby': `shelters-${g.key}`, dataset: { group: g.key } },
        h('h2', { id: `shelters-${g.key}` }, `${g.label}: ${g.rows.length} houses, ${sum(g.rows, 'vacancies')} free of ${sum(g.rows, 'capacity')} beds`),
        table(
          null,
          [
            { label: 'House', value: (s) => h('span', { class: 'mono' }, s.id) },
            { label: 'Region', value: (s) => humanize(s.region) },
            { label: 'Takes in', value: (s) => s.accepts.map(humanize).join(', ') },
            { label: 'Stay', value: (s) => (s.longTerm ? h('span', { class: 'badge ok' }, 'Long-term accommodation') : h('span', { class: 'badge neutral' }, 'Crisis stay')) },
            { label: 'Beds', num: true, value: (s) => String(s.capacity) },
            { label: 'Taken', num: true, value: (s) => String(s.occupancy) },
            { label: 'Free', num: true, value: (s) => (s.occupancy > s.capacity ? h('span', { class: 'badge danger' }, `0 (over capacity)`) : String(s.vacancies)) },
          ],
          g.rows,
        ),
      ),
    ),
  );
  body.dataset.state = 'done';
  body.removeAttribute('aria-busy');
}
