// Small DOM helpers. Data is always inserted as text (never as HTML), so nothing from the API can inject markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

function applyAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) if (data !== null && data !== undefined && data !== false) el.dataset[key] = data;
    }
    else if (name === 'value' && 'value' in el) el.value = value;
    else if (name === 'checked' || name === 'selected' || name === 'disabled' || name === 'multiple' || name === 'hidden' || name === 'required') {
      if (value) el.setAttribute(name, '');
    } else el.setAttribute(name, value === true ? '' : String(value));
  }
  return el;
}

/** `h('button', { type: 'button', onclick }, 'Save')` */
export function h(tag, attrs, ...children) {
  return append(applyAttributes(document.createElement(tag), attrs), children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  return append(applyAttributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

const loads = new WeakMap();
/**
 * Starts a load into `target`: marks it busy and returns `current()`, true until the next load of the same target
 * starts. A load renders and settles `target` only while current: a slower answer to an older request (the
 * dashboard's first period, the caseload's previous page) arriving after a newer one would otherwise replace it,
 * showing one request's numbers under another's label.
 */
export function beginLoad(target) {
  const mine = (loads.get(target) ?? 0) + 1;
  loads.set(target, mine);
  target.dataset.state = 'loading';
  target.setAttribute('aria-busy', 'true');
  return () => loads.get(target) === mine;
}

/** Ends a current load: `state` is `done` or `error`. */
export function endLoad(target, state) {
  target.dataset.state = state;
  target.removeAttribute('aria-busy');
}

let ids = 0;
/** A unique id for label/control pairs. */
export const uid = (prefix = 'f') => `${prefix}-${++ids}`;

/** A labelled control wrapped in a `.field`: `field('Region', select)` */
export function field(labelText, control, hint) {
  if (!control.id) control.id = uid();
  const hintEl = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintEl);
}

/** A select of values; `emptyLabel` adds a first "any" option with value "". */
export function select(values, { id, name, emptyLabel, selected, multiple, labels } = {}) {
  const chosen = new Set([selected ?? []].flat());
  return h(
    'select',
    { id, name, multiple },
    emptyLabel !== undefined ? h('option', { value: '' }, emptyLabel) : null,
    values.map((v) => h('option', { value: v, selected: chosen.has(v) }, labels?.[v] ?? humanize(v))),
  );
}

/**
 * A group of checkboxes under one legend (safer than a Ctrl-click multi-select: every choice is visible and
 * toggled on its own). `group.values()` gives the checked values in the order shown.
 */
export function checkboxGroup(legend, values, { id, labels, hint, checked } = {}) {
  const chosen = new Set([checked ?? []].flat());
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const boxes = values.map((v) => h('input', { type: 'checkbox', id: `${id}-${String(v).toLowerCase()}`, name: id, value: v, checked: chosen.has(v) }));
  const group = h(
    'fieldset',
    { class: 'checks', id, 'aria-describedby': hintEl?.id },
    h('legend', null, legend),
    hintEl,
    h('ul', { class: 'check-list' }, boxes.map((box, i) => h('li', null, box, h('label', { for: box.id }, labels?.[values[i]] ?? humanize(values[i]))))),
  );
  group.values = () => boxes.filter((b) => b.checked).map((b) => b.value);
  return group;
}

/** SEXUAL_EXPLOITATION → "Sexual exploitation" */
export function humanize(value) {
  if (value === null || value === undefined) return '';
  const text = String(value).toLowerCase().replace(/_/g, ' ').replace(/\bngo\b/g, 'NGO');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 2025-03-04T…Z → 2025-03-04 (dates are shown in UTC, as the hub records them). */
export const formatDate = (iso) => (iso ? String(iso).slice(0, 10) : '—');
export const formatDateTime = (iso) => (iso ? String(iso).replace('T', ' ').slice(0, 19) + ' UTC' : '—');

/** A status line for a loading section. */
export const loading = (text = 'Loading…') => h('p', { class: 'loading', role: 'status' }, text);

/** Values as a list of chips (field names, categories), not one long comma string. */
export const chips = (values, { code = false, label } = {}) =>
  (values ?? []).length === 0 ? null : h('ul', { class: `chips${code ? ' code' : ''}`, 'aria-label': label }, values.map((v) => h('li', null, code ? v : humanize(v))));

/**
 * A table from column definitions: `[{ label, value: (row) => node|string, num, cls }]`. `stack: true` turns each
 * row into a card on a narrow screen (every cell then shows its column's label, from data-label).
 */
export function table(caption, columns, rows, { stack = false, ...attrs } = {}) {
  return h(
    'div',
    // A wide table scrolls inside its region; keyboard users reach the scrolling through its focus.
    { class: stack ? 'table-wrap stack' : 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      attrs,
      caption ? h('caption', null, caption) : null,
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : (c.cls ?? null) }, c.label)))),
      h(
        'tbody',
        null,
        rows.length === 0
          ? h('tr', null, h('td', { colspan: columns.length, class: 'hint' }, 'Nothing to show.'))
          : rows.map((row) => h('tr', null, columns.map((c) => h('td', { class: c.num ? 'num' : (c.cls ?? null), dataset: { label: c.label } }, c.value(row))))),
      ),
    ),
  );
}
