// A victim's access history (GDPR Art. 15): when, for what purpose and which agency received which categories
// of data — never the member of staff. Read by the coordinating unit for the victim.
import { graphql } from '../api.js';
import { beginLoad, clear, endLoad, field, formatDateTime, h, humanize, loading, table } from '../dom.js';
import { deniedText, errorAt, errorBox } from '../errors.js';

const QUERY = `query AccessHistory($id: ID!) { victim(id: $id) { id alias accessHistory { at purpose agency categories } } }`;

export function renderHistory(container, { params }) {
  const input = h('input', { type: 'text', id: 'history-victim', required: true, maxlength: 64, value: params[0] ?? '' });
  const result = h('div', { id: 'history-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters panel', 'aria-label': 'Choose a victim' }, field('Victim id', input), h('button', { type: 'submit' }, 'Show access history'));
  const load = async (id) => {
    const current = beginLoad(result);
    clear(result).append(loading());
    try {
      const { data, errors } = await graphql(QUERY, { id });
      if (!current()) return;
      const victim = data.victim;
      const denied = errorAt(errors, ['victim', 'accessHistory']);
      clear(result).append(
        h('h2', null, victim?.alias ? `Accesses to the data of ${victim.alias}` : `Accesses to the data of victim ${id}`),
        denied
          ? deniedText(denied)
          : table(
              'Newest first, one line per request',
              [
                { label: 'When', cls: 'nowrap', value: (e) => formatDateTime(e.at) },
                { label: 'Purpose', value: (e) => humanize(e.purpose) },
                { label: 'Receiving agency', value: (e) => humanize(e.agency) },
                { label: 'Categories of data', value: (e) => e.categories.map(humanize).join(', ') },
              ],
              victim?.accessHistory ?? [],
              { id: 'history-table' },
            ),
      );
      endLoad(result, 'done');
    } catch (error) {
      if (!current()) return;
      clear(result).append(errorBox(error));
      endLoad(result, 'error');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (!id) return;
    const target = `#/history/${encodeURIComponent(id)}`;
    if (location.hash === target) load(id);
    else location.hash = target;
  });
  container.append(
    h('h1', null, 'Access history of a victim'),
    h('p', { class: 'hint' }, 'What a victim is entitled to learn: dates, purposes and receiving agencies — never staff names.'),
    form,
    result,
  );
  if (params[0]) load(params[0]);
}
