// The record page (/records/{id}): the same detail as the search page's
// panel, on a page of its own that can be linked to and printed, with what
// staff do from a record: correct its fields, file a reissue request (cấp
// đổi / cấp lại) or see why the award has none, and the confirmation letter.

import {
  apiGet, el, errorNotice, recordDetail, markNavigation, showUser, currentUser, formatDate,
  REQUEST_STATUS_LABELS, REQUEST_KIND_LABELS, CAN_FILE_REISSUE, CAN_CORRECT, ROLE_LABELS,
} from '/app.js';
import { correctionForm } from '/correct.js';

const container = document.getElementById('record');
const params = new URLSearchParams(location.search);

// The reissue section: requests already filed for this record, then either
// the way to file one or the reason the award has none.
async function reissueSection(record, me) {
  const section = el('section', { class: 'record-reissue', id: 'cap-doi', 'aria-labelledby': 'reissue-title' },
    el('h2', { id: 'reissue-title' }, 'Cấp đổi, cấp lại và xác nhận'));
  const reissue = record.reissue || { possible: true, reason: null };

  try {
    const answer = await apiGet(`/api/reissue-requests?record=${encodeURIComponent(record.id)}`);
    const requests = answer.requests || [];
    if (requests.length) {
      const list = el('ul', { class: 'record-requests' });
      for (const r of requests) {
        const open = r.status === 'received' || r.status === 'verified';
        const due = open ? r.forward_due : r.due_date;
        list.append(el('li', { 'data-request-id': r.id },
          el('a', { href: `/reissue#yeu-cau-${r.id}` }, `Đề nghị số ${r.id}`),
          `: ${REQUEST_KIND_LABELS[r.kind] || r.kind}, ${REQUEST_STATUS_LABELS[r.status] || r.status}`,
          due && r.status !== 'issued' && r.status !== 'rejected'
            ? `, hạn ${open ? 'chuyển hồ sơ' : 'trả lời'} ${formatDate(due)}` : '',
          r.overdue ? el('strong', { class: 'overdue-text' }, ' (quá hạn)') : null,
          '.'));
      }
      section.append(el('p', {}, 'Đề nghị đã tiếp nhận cho hồ sơ này:'), list);
    }
  } catch (error) {
    // The list is a convenience: the queue page has it too.
  }

  if (!reissue.possible) {
    section.append(el('div', { class: 'notice notice-warn no-reissue', role: 'note' },
      el('p', {}, el('strong', {}, 'Không thể cấp đổi, cấp lại: '), reissue.reason || 'hình thức khen thưởng này không có thủ tục cấp đổi, cấp lại.')));
  } else if (me && CAN_FILE_REISSUE.includes(me.role)) {
    section.append(el('p', {},
      el('a', { class: 'button', id: 'file-reissue', href: `/reissue?record=${encodeURIComponent(record.id)}` },
        'Tiếp nhận đề nghị cấp đổi, cấp lại')));
  } else {
    section.append(el('p', { class: 'hint' },
      'Đề nghị cấp đổi, cấp lại do cán bộ lưu trữ hoặc cán bộ xác minh tiếp nhận',
      me ? ` (tài khoản của bạn có vai trò ${ROLE_LABELS[me.role] || me.role}).` : '.'));
  }
  section.append(el('p', {},
    el('a', { id: 'confirmation-pdf', href: `/api/records/${encodeURIComponent(record.id)}/confirmation.pdf`, target: '_blank', rel: 'noopener' },
      'Giấy chứng nhận đã được khen thưởng (PDF)'),
    el('span', { class: 'hint' }, ' — in từ hồ sơ lưu trữ, dùng cho mọi hình thức khen thưởng.')));
  return section;
}

async function render(id, { editing = false, saved = null } = {}) {
  const [record, me] = await Promise.all([apiGet(`/api/records/${encodeURIComponent(id)}`), currentUser()]);
  const { article } = recordDetail(record, { headingLevel: 1 });
  const header = article.querySelector('.record-header');
  const canCorrect = me && CAN_CORRECT.includes(me.role);
  if (canCorrect) {
    const edit = el('button', { type: 'button', class: 'button-secondary', id: 'edit-record', 'aria-expanded': 'false',
      'aria-controls': 'correction' }, 'Sửa thông tin hồ sơ');
    header.append(el('div', { class: 'record-actions' }, edit));
    const form = correctionForm(record, {
      onSaved: (changed) => render(id, { saved: changed }).catch((e) => container.replaceChildren(errorNotice(e))),
      onCancel: () => {
        form.hidden = true;
        edit.setAttribute('aria-expanded', 'false');
        edit.focus();
      },
    });
    form.hidden = !editing;
    edit.setAttribute('aria-expanded', editing ? 'true' : 'false');
    edit.addEventListener('click', () => {
      form.hidden = !form.hidden;
      edit.setAttribute('aria-expanded', form.hidden ? 'false' : 'true');
      if (!form.hidden) form.querySelector('input, select').focus();
    });
    header.after(form);
  }
  const parts = [];
  if (editing && !canCorrect) {
    parts.push(el('div', { class: 'notice', role: 'status' }, el('p', {},
      'Chỉ cán bộ lưu trữ, cán bộ xác minh và quản trị được sửa hồ sơ',
      me ? ` (tài khoản của bạn có vai trò ${ROLE_LABELS[me.role] || me.role}).` : '.')));
  }
  if (saved) {
    parts.push(el('div', { class: 'notice notice-ok', role: 'status', id: 'saved', tabindex: '-1' },
      el('p', {}, saved.length
        ? `Đã lưu thay đổi (${saved.join(', ')}). Hồ sơ được đánh dấu “Đã kiểm tra”; tìm kiếm cho kết quả mới ngay.`
        : 'Đã đánh dấu hồ sơ “Đã kiểm tra”.'),
      params.get('tu') === 'review' ? el('p', {}, el('a', { href: '/review' }, '← Về danh sách hồ sơ cần kiểm tra')) : null));
  }
  parts.push(article);
  article.append(await reissueSection(record, me));
  container.replaceChildren(...parts);
  document.title = `${record.full_name || 'Hồ sơ'} — Sổ vàng`;
  if (editing) {
    const first = container.querySelector('#correction input');
    if (first) first.focus();
  } else if (saved) {
    container.querySelector('#saved').focus();
  }
}

async function main() {
  markNavigation();
  showUser();
  const m = /^\/records\/([^/]+)\/?$/.exec(location.pathname);
  if (!m) {
    container.replaceChildren(errorNotice({ status: 404 }));
    return;
  }
  const id = decodeURIComponent(m[1]);
  try {
    await render(id, { editing: params.get('sua') === '1' });
  } catch (error) {
    container.replaceChildren(errorNotice(error));
  }
}

// "Back" returns to where the user came from: the review queue, or the last
// search of this tab (the search page remembers it).
const back = document.getElementById('back');
if (params.get('tu') === 'review') {
  back.setAttribute('href', '/review');
  back.textContent = '← Quay lại danh sách cần kiểm tra';
} else {
  const lastSearch = sessionStorage.getItem('sovang:last-search');
  if (lastSearch && lastSearch.startsWith('/')) back.setAttribute('href', lastSearch);
}

main();
