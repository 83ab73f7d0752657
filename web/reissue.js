// The reissue queue: file a request, move it along (verify, approve, reject,
// issue) and open the reissued certificate. The server enforces who may do
// what; the buttons only offer what fits the request's status.
import { staffSession } from '/reissue-api.js';

const STATUS_LABELS = {
  received: 'Đã tiếp nhận', verified: 'Đã xác minh', approved: 'Đã phê duyệt', rejected: 'Đã từ chối', issued: 'Đã cấp',
};
const KIND_LABELS = { cap_doi: 'Cấp đổi', cap_lai: 'Cấp lại' };
const STEPS = {
  received: [['verify', 'Xác minh'], ['reject', 'Từ chối']],
  verified: [['approve', 'Phê duyệt'], ['reject', 'Từ chối']],
  approved: [['issue', 'Cấp bằng'], ['reject', 'Từ chối']],
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function showDate(iso) {
  return iso && iso.length === 10 ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso || '';
}

function notify(message, isError = true) {
  const box = document.getElementById('notice');
  box.className = isError ? 'notice notice-error' : 'notice';
  box.replaceChildren();
  if (!message) return;
  box.append(message);
}

function explain(e) {
  if (e.status === 401) {
    const next = encodeURIComponent(location.pathname + location.search);
    notify(el('span', {}, 'Cần đăng nhập. ', el('a', { href: `/login?next=${next}` }, 'Đăng nhập')));
  } else {
    notify(e.message || 'Có lỗi xảy ra.');
  }
}

async function step(id, action) {
  let body;
  if (action === 'reject') {
    const note = prompt('Lý do từ chối:');
    if (note === null) return;
    body = { note };
  }
  try {
    await staffSession.send('POST', `/api/reissue-requests/${id}/${action}`, body);
    notify(`Hồ sơ số ${id}: ${STATUS_LABELS[{ verify: 'verified', approve: 'approved', reject: 'rejected', issue: 'issued' }[action]]}.`, false);
    await load();
  } catch (e) {
    explain(e);
  }
}

function row(r) {
  const actions = el('td');
  for (const [action, label] of STEPS[r.status] || []) {
    actions.append(el('button', { type: 'button', class: 'button-secondary', onclick: () => step(r.id, action) }, label), ' ');
  }
  if (r.certificate_pdf) actions.append(el('a', { href: r.certificate_pdf, target: '_blank', rel: 'noopener' }, 'Bằng (PDF)'));
  const due = r.status === 'received' || r.status === 'verified' ? r.forward_due : r.due_date;
  return el('tr', { class: r.overdue ? 'overdue' : null },
    el('td', {}, String(r.id)),
    el('td', {}, el('a', { href: `/records/${encodeURIComponent(r.record_id)}` }, (r.record && r.record.full_name) || r.record_id)),
    el('td', {}, KIND_LABELS[r.kind] || r.kind),
    el('td', {}, `${r.applicant_name}${r.applicant_relation ? ` (${r.applicant_relation})` : ''}`),
    el('td', {}, STATUS_LABELS[r.status] || r.status),
    el('td', {}, showDate(due), r.overdue ? el('strong', {}, ' — quá hạn') : null),
    actions);
}

async function load() {
  const status = document.getElementById('status').value;
  const overdue = document.getElementById('overdue').checked;
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (overdue) params.set('overdue', '1');
  const info = document.getElementById('queue-status');
  try {
    const answer = await staffSession.get(`/api/reissue-requests?${params}`);
    const table = document.getElementById('queue');
    table.tBodies[0].replaceChildren(...answer.requests.map(row));
    table.hidden = answer.requests.length === 0;
    info.textContent = answer.requests.length ? `${answer.requests.length} hồ sơ.` : 'Không có hồ sơ nào.';
  } catch (e) {
    explain(e);
  }
}

document.getElementById('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

document.getElementById('file-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = Object.fromEntries(['record_id', 'kind', 'reason', 'applicant_name', 'applicant_relation', 'received_on']
    .map((k) => [k, String(form.get(k) || '').trim()]));
  try {
    const filed = await staffSession.send('POST', '/api/reissue-requests', body);
    notify(`Đã tiếp nhận hồ sơ số ${filed.id}; hạn chuyển hồ sơ ${showDate(filed.forward_due)}, hạn trả lời ${showDate(filed.due_date)}.`, false);
    event.target.reset();
    await load();
  } catch (e) {
    explain(e);
  }
});

const preset = new URLSearchParams(location.search).get('record');
if (preset) document.getElementById('record_id').value = preset;
load();
