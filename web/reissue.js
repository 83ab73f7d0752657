// The reissue page: file a request for a record (cấp đổi / cấp lại), follow
// every request to its end (verify, approve, reject, issue) and open the
// reissued certificate. The server enforces who may do what; the page offers
// each staff member the steps of their role and explains refusals in
// Vietnamese.
import {
  apiGet, el, errorNotice, markNavigation, showUser, staffSession, formatDate, decision,
  REQUEST_STATUS_LABELS, REQUEST_KIND_LABELS, CAN_FILE_REISSUE, CAN_DECIDE_REISSUE, ROLE_LABELS,
  CERTIFICATE_STATUS_LABELS,
} from '/app.js';

// The steps from each status: [action, button label, roles, done status].
const STEPS = {
  received: [['verify', 'Xác minh', CAN_FILE_REISSUE], ['reject', 'Từ chối', CAN_DECIDE_REISSUE]],
  verified: [['approve', 'Phê duyệt', CAN_DECIDE_REISSUE], ['reject', 'Từ chối', CAN_DECIDE_REISSUE]],
  approved: [['issue', 'Cấp bằng', CAN_DECIDE_REISSUE], ['reject', 'Từ chối', CAN_DECIDE_REISSUE]],
};
const WAITING = { received: 'Chờ xác minh', verified: 'Chờ phê duyệt', approved: 'Chờ cấp bằng' };
const DONE = { verify: 'đã được xác minh', approve: 'đã được phê duyệt', reject: 'đã bị từ chối', issue: 'đã được cấp bằng mới' };
const ACTION_NAMES = { verify: 'xác minh', approve: 'phê duyệt', reject: 'từ chối', issue: 'cấp bằng cho' };

const notice = document.getElementById('notice');
let me = null;

// The page's one message, which takes the focus (the button that was
// pressed may be gone: rows are redrawn after every step).
function notify(content, kind = 'error') {
  notice.replaceChildren();
  if (!content) return;
  notice.append(el('div', { class: `notice ${kind === 'error' ? 'notice-error' : 'notice-ok'}` }, content));
  notice.focus({ preventScroll: false });
}

// Why the server refused a step on request `id`, in Vietnamese.
function refusal(error, action, id) {
  const status = error && typeof error.status === 'number' ? error.status : -1;
  const message = (error && error.message) || '';
  const what = ACTION_NAMES[action] || 'xử lý';
  if (status === 403 && /^người lập hồ sơ/.test(message)) {
    return `Không được phép: bạn là người lập đề nghị số ${id} nên không được tự ${what === 'cấp bằng cho' ? 'cấp bằng' : what}. `
      + 'Theo quy định, một cán bộ phê duyệt khác phải quyết định đề nghị này.';
  }
  if (status === 403 && /cross-site/.test(message)) {
    return 'Phiên làm việc không còn hợp lệ. Vui lòng tải lại trang rồi thử lại.';
  }
  if (status === 403) {
    const role = me ? ROLE_LABELS[me.role] || me.role : '';
    return `Không được phép: tài khoản ${role ? `có vai trò ${role} ` : ''}không được ${what} đề nghị số ${id}.`;
  }
  if (status === 409) return `Không thực hiện được: ${message.charAt(0).toUpperCase()}${message.slice(1)}.`.replace(/\.\.$/, '.');
  if (status === 404) return `Không tìm thấy đề nghị số ${id}.`;
  return null;  // errorNotice's general wording
}

function showError(error, action = null, id = null) {
  if (error && error.status === 401) {
    notify(errorNotice(error));
    return;
  }
  const text = action ? refusal(error, action, id) : null;
  notify(text ? el('p', {}, text) : errorNotice(error));
}

function dueCell(r) {
  const open = r.status === 'received' || r.status === 'verified';
  if (r.status === 'issued' || r.status === 'rejected') return el('td', {}, el('span', { class: 'muted' }, 'Đã xong'));
  const due = open ? r.forward_due : r.due_date;
  return el('td', { class: r.overdue ? 'due overdue' : 'due' },
    el('span', { class: 'due-label' }, open ? 'Chuyển hồ sơ: ' : 'Trả lời: '),
    el('time', { datetime: due }, formatDate(due)),
    r.overdue ? el('strong', {}, ' — quá hạn') : null);
}

function certificateCell(r) {
  const td = el('td', { class: 'new-certificate' });
  if (r.certificate) {
    td.append(
      el('a', { href: `/verify/${encodeURIComponent(r.certificate.code)}`, target: '_blank', rel: 'noopener',
        class: 'certificate-code', title: 'Trang xác minh công khai' }, r.certificate.code),
      el('br'),
      el('span', { class: 'muted' }, CERTIFICATE_STATUS_LABELS[r.certificate.status] || r.certificate.status));
  }
  if (r.certificate_pdf) {
    td.append(el('br'), el('a', { href: r.certificate_pdf, target: '_blank', rel: 'noopener', class: 'certificate-pdf' },
      'Bằng cấp mới (PDF)'));
  }
  return td;
}

// The reject step asks for the reason in the row itself.
function rejectForm(r, cell) {
  const id = `ly-do-tu-choi-${r.id}`;
  const form = el('form', { class: 'reject-form', novalidate: true },
    el('label', { for: id }, `Lý do từ chối đề nghị số ${r.id}`),
    el('input', { id, type: 'text', required: true, maxlength: 500 }),
    el('span', { class: 'form-buttons' },
      el('button', { type: 'submit' }, 'Xác nhận từ chối'), ' ',
      el('button', { type: 'button', class: 'button-secondary', onclick: () => load() }, 'Hủy')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = form.querySelector('input').value.trim();
    if (!note) {
      notify(el('p', {}, 'Vui lòng ghi lý do từ chối.'));
      form.querySelector('input').focus();
      return;
    }
    step(r, 'reject', note);
  });
  cell.replaceChildren(form);
  form.querySelector('input').focus();
}

async function step(r, action, note) {
  try {
    await staffSession.send('POST', `/api/reissue-requests/${r.id}/${action}`, note ? { note } : undefined);
    notify(el('p', {}, `Đề nghị số ${r.id} (${(r.record && r.record.full_name) || r.record_id}) ${DONE[action]}.`), 'ok');
  } catch (error) {
    showError(error, action, r.id);
  }
  await load();
}

function row(r) {
  const actions = el('td', { class: 'actions' });
  const allowed = (STEPS[r.status] || []).filter(([, , roles]) => me && roles.includes(me.role));
  for (const [action, label] of allowed) {
    actions.append(el('button', {
      type: 'button', class: action === 'reject' ? 'button-secondary' : null, 'data-action': action,
      onclick: () => (action === 'reject' ? rejectForm(r, actions) : step(r, action)),
    }, label), ' ');
  }
  if (allowed.length === 0 && WAITING[r.status]) actions.append(el('span', { class: 'muted' }, WAITING[r.status]));
  const who = `${r.applicant_name}${r.applicant_relation ? ` (${r.applicant_relation})` : ''}`;
  const tr = el('tr', { id: `yeu-cau-${r.id}`, 'data-id': r.id, 'data-status': r.status, class: r.overdue ? 'overdue' : null },
    el('th', { scope: 'row' }, el('span', { class: 'row-prefix' }, 'Đề nghị số '), String(r.id)),
    el('td', {},
      el('a', { href: `/records/${encodeURIComponent(r.record_id)}` }, (r.record && r.record.full_name) || r.record_id),
      r.record && r.record.award ? el('span', { class: 'cell-sub' }, r.record.award) : null),
    el('td', {}, REQUEST_KIND_LABELS[r.kind] || r.kind, r.reason ? el('span', { class: 'cell-sub' }, r.reason) : null),
    el('td', {}, who, r.received_on ? el('span', { class: 'cell-sub' }, `Nhận đơn ngày ${formatDate(r.received_on)}`) : null),
    el('td', { class: 'request-status' }, REQUEST_STATUS_LABELS[r.status] || r.status,
      r.filed_by ? el('span', { class: 'cell-sub' }, `Cán bộ lập: ${r.filed_by}${me && me.username === r.filed_by ? ' (bạn)' : ''}`) : null,
      r.status === 'rejected' && r.decision_note ? el('span', { class: 'cell-sub' }, `Lý do: ${r.decision_note}`) : null),
    dueCell(r),
    certificateCell(r),
    actions);
  // On a phone the rows become cards: each cell says what it is.
  const headings = [...document.querySelectorAll('#queue thead th')].map((th) => th.textContent);
  [...tr.children].forEach((cell, i) => cell.setAttribute('data-label', headings[i] || ''));
  return tr;
}

async function load() {
  const status = document.getElementById('status').value;
  const overdue = document.getElementById('overdue').checked;
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (overdue) params.set('overdue', '1');
  const info = document.getElementById('queue-status');
  const table = document.getElementById('queue');
  try {
    const answer = await apiGet(`/api/reissue-requests?${params}`);
    table.tBodies[0].replaceChildren(...answer.requests.map(row));
    table.hidden = answer.requests.length === 0;
    info.replaceChildren(el('p', {}, answer.requests.length
      ? `${answer.requests.length} đề nghị; hôm nay là ${formatDate(answer.today)}.`
      : 'Không có đề nghị nào.'));
  } catch (error) {
    table.hidden = true;
    info.replaceChildren(errorNotice(error));
  }
}

// --- filing ---------------------------------------------------------------

function todayInVietnam() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

function recordCard(record) {
  const inForce = (record.certificates || []).filter((c) => c.status === 'valid');
  return el('div', { class: 'record-card' },
    el('p', { class: 'record-card-name' },
      el('a', { href: `/records/${encodeURIComponent(record.id)}` }, record.full_name || 'Hồ sơ chưa rõ họ tên')),
    el('p', {}, record.award || 'Chưa rõ hình thức khen thưởng'),
    decision(record) ? el('p', {}, `Quyết định số ${decision(record)}`) : null,
    inForce.length ? el('p', { class: 'hint' }, `Bằng đang có hiệu lực: ${inForce.map((c) => c.code).join(', ')}`) : null);
}

function fieldError(id, message) {
  const p = document.getElementById(`${id}-loi`);
  if (p) p.textContent = message || '';
  const input = document.getElementById(id);
  if (input && message) input.setAttribute('aria-invalid', 'true');
  else if (input) input.removeAttribute('aria-invalid');
}

async function setUpFiling(recordId) {
  const form = document.getElementById('file-form');
  const place = document.getElementById('file-record');
  if (!recordId) return;
  document.getElementById('file-howto').hidden = true;
  let record;
  try {
    record = await apiGet(`/api/records/${encodeURIComponent(recordId)}`);
  } catch (error) {
    place.replaceChildren(errorNotice(error));
    return;
  }
  place.replaceChildren(recordCard(record));
  if (record.reissue && !record.reissue.possible) {
    place.append(el('div', { class: 'notice notice-warn no-reissue', role: 'note' },
      el('p', {}, el('strong', {}, 'Không tiếp nhận được: '), record.reissue.reason),
      el('p', {}, el('a', { href: `/api/records/${encodeURIComponent(record.id)}/confirmation.pdf`, target: '_blank', rel: 'noopener' },
        'In giấy chứng nhận đã được khen thưởng (PDF)'))));
    return;
  }
  if (!me || !CAN_FILE_REISSUE.includes(me.role)) {
    place.append(el('p', { class: 'notice' }, 'Chỉ cán bộ lưu trữ hoặc cán bộ xác minh được tiếp nhận đề nghị',
      me ? ` (tài khoản của bạn có vai trò ${ROLE_LABELS[me.role] || me.role}).` : '.'));
    return;
  }
  try {
    const open = (await apiGet(`/api/reissue-requests?record=${encodeURIComponent(record.id)}`)).requests
      .filter((r) => ['received', 'verified', 'approved'].includes(r.status));
    if (open.length) {
      place.append(el('div', { class: 'notice notice-warn', role: 'note' }, el('p', {},
        `Hồ sơ này đang có ${open.length === 1 ? 'đề nghị' : 'các đề nghị'} chưa xử lý xong: `,
        ...open.flatMap((r, i) => [i ? ', ' : '', el('a', { href: `#yeu-cau-${r.id}` }, `số ${r.id}`),
          ` (${REQUEST_STATUS_LABELS[r.status].toLowerCase()})`]),
        '. Kiểm tra trước khi tiếp nhận thêm.')));
    }
  } catch (error) {
    // Only a warning: the queue below shows the requests anyway.
  }
  form.hidden = false;
  form.elements.record_id.value = record.id;
  form.elements.received_on.value = todayInVietnam();
  form.elements.received_on.max = todayInVietnam();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = Object.fromEntries(['record_id', 'kind', 'reason', 'applicant_name', 'applicant_relation', 'received_on']
      .map((k) => [k, String(data.get(k) || '').trim()]));
    const problems = {
      kind: body.kind ? '' : 'Chọn cấp đổi hoặc cấp lại.',
      reason: body.reason ? '' : 'Ghi lý do (hư hỏng, in sai, bị mất…).',
      applicant_name: body.applicant_name ? '' : 'Ghi họ và tên người nộp đơn.',
      received_on: !body.received_on || /^\d{4}-\d{2}-\d{2}$/.test(body.received_on) ? '' : 'Ngày nhận đơn không hợp lệ.',
    };
    for (const [key, message] of Object.entries(problems)) fieldError(key, message);
    const firstBad = Object.entries(problems).find(([, m]) => m);
    if (firstBad) {
      notify(el('p', {}, 'Chưa tiếp nhận: vui lòng điền đủ các ô được đánh dấu.'));
      (firstBad[0] === 'kind' ? document.getElementById('kind-cap-doi') : document.getElementById(firstBad[0])).focus();
      return;
    }
    const button = document.getElementById('file-submit');
    button.disabled = true;
    try {
      const filed = await staffSession.send('POST', '/api/reissue-requests', body);
      notify(el('p', {},
        `Đã tiếp nhận đề nghị số ${filed.id} (${REQUEST_KIND_LABELS[filed.kind]}) cho ${record.full_name}. `,
        'Hạn chuyển hồ sơ: ', el('time', { datetime: filed.forward_due }, formatDate(filed.forward_due)),
        '; hạn trả lời: ', el('time', { datetime: filed.due_date }, formatDate(filed.due_date)), '.'), 'ok');
      form.hidden = true;
      place.append(el('p', {}, el('a', { href: `/records/${encodeURIComponent(record.id)}` }, '← Về hồ sơ khen thưởng')));
      await load();
      const filedRow = document.getElementById(`yeu-cau-${filed.id}`);
      if (filedRow) filedRow.classList.add('just-filed');
    } catch (error) {
      if (error.status === 409) notify(el('p', {}, `Không tiếp nhận được: ${error.message}`));
      else if (error.status === 400) notify(el('p', {}, 'Thông tin đề nghị chưa hợp lệ. Vui lòng kiểm tra lại các ô đã nhập.'));
      else if (error.status === 403) notify(el('p', {}, 'Tài khoản của bạn không được tiếp nhận đề nghị cấp đổi, cấp lại.'));
      else showError(error);
    } finally {
      button.disabled = false;
    }
  });
}

document.getElementById('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

async function main() {
  markNavigation();
  me = await showUser();
  if (!me) {
    notify(errorNotice({ status: 401 }));
    for (const section of document.querySelectorAll('#main section')) section.hidden = true;
    return;
  }
  const recordId = new URLSearchParams(location.search).get('record');
  // Approvers and admins do not file: the filing section only when a record asks for it.
  if (!recordId && !CAN_FILE_REISSUE.includes(me.role)) document.getElementById('file-section').hidden = true;
  await setUpFiling(recordId);
  await load();
  if (location.hash) document.getElementById(location.hash.slice(1))?.classList.add('just-filed');
}

main();
