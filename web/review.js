// The review queue: records the extractor was unsure about, worst first,
// each linking to its record page where the page image shows the evidence.

import {
  apiGet, el, errorNotice, decision, percent, confidenceClass, FIELD_LABELS, markNavigation, showUser,
} from '/app.js';

const WEAK = 0.85;  // fields below this confidence are worth a look

const status = document.getElementById('status');
const table = document.getElementById('queue');
const body = table.querySelector('tbody');

function weakFields(record) {
  const fields = record.fields || {};
  return Object.entries(fields)
    .filter(([, f]) => typeof f.confidence === 'number' && f.confidence < WEAK)
    .sort((a, b) => a[1].confidence - b[1].confidence)
    .map(([key, f]) => `${FIELD_LABELS[key] || key} (${percent(f.confidence)})`);
}

async function main() {
  markNavigation();
  showUser();
  let data;
  try {
    data = await apiGet('/api/review?limit=200');
  } catch (error) {
    status.replaceChildren(errorNotice(error));
    return;
  }
  const records = data.records || [];
  if (records.length === 0) {
    status.replaceChildren(el('p', {}, 'Không có hồ sơ nào cần kiểm tra.'));
    return;
  }
  status.replaceChildren(el('p', {}, `${records.length} hồ sơ cần kiểm tra.`));
  for (const r of records) {
    const weak = weakFields(r);
    body.append(el('tr', {},
      el('th', { scope: 'row' },
        el('a', { href: `/records/${encodeURIComponent(r.id)}?tu=review` }, r.full_name || 'Chưa rõ họ tên')),
      el('td', {}, r.birth_year ? String(r.birth_year) : '—'),
      el('td', {}, r.award || '—'),
      el('td', {}, decision(r) || '—'),
      el('td', {}, el('span', { class: `conf ${confidenceClass(r.confidence)}` }, percent(r.confidence))),
      el('td', {}, weak.length ? weak.join(', ') : '—'),
      el('td', {}, el('a', { class: 'button button-secondary review-edit', href: `/records/${encodeURIComponent(r.id)}?sua=1&tu=review`,
        'aria-label': `Kiểm tra và sửa hồ sơ ${r.full_name || r.id}` }, 'Kiểm tra, sửa')),
    ));
  }
  table.hidden = false;
}

main();
