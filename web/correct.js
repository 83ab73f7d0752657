// Correcting a record by hand (PATCH /api/records/{id} with the CSRF token):
// the fields as the extractor read them, editable, checked here first and by
// the server again. Saving marks the record "reviewed" (Đã kiểm tra); the
// search index follows at once.

import { el, staffSession, formatDate, FIELD_LABELS } from '/app.js';

// The fields a clerk corrects, in the order of a certificate. The award's
// catalog code follows its name on the server.
const EDITABLE = [
  'full_name', 'gender', 'birth_year', 'commune', 'district', 'province',
  'award', 'decision_number', 'decision_date', 'authority', 'book_number',
];

const HINTS = {
  birth_year: 'Bốn chữ số, ví dụ 1932. Để trống nếu không rõ.',
  decision_date: 'Ngày/tháng/năm, ví dụ 10/08/1975.',
  decision_number: 'Ghi đúng như trên văn bản, ví dụ 543/QĐ-CTN.',
  award: 'Tên đầy đủ, ví dụ Huân chương Kháng chiến hạng Nhất.',
};

// "10/8/1975", "10-08-1975", "1975-08-10" -> "1975-08-10"; "" -> ""; else null.
export function isoDate(typed) {
  const s = typed.trim();
  if (!s) return '';
  let y, m, d;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [, y, m, d] = match;
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [, d, m, y] = match;
  else return null;
  const year = Number(y), month = Number(m), day = Number(d);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// What is wrong with a typed value, in Vietnamese, or null.
function problem(key, value) {
  if (key === 'full_name' && !value.trim()) return 'Họ và tên không được để trống.';
  if (key === 'birth_year' && value.trim()) {
    const year = Number(value.trim());
    if (!/^\d{4}$/.test(value.trim()) || year < 1800 || year > 2100) return 'Năm sinh phải là một năm có bốn chữ số, ví dụ 1932.';
  }
  if (key === 'decision_date' && isoDate(value) === null) return 'Ngày quyết định phải có dạng ngày/tháng/năm, ví dụ 10/08/1975.';
  if (value.length > 500) return 'Nội dung quá dài (tối đa 500 ký tự).';
  return null;
}

function shownValue(record, key) {
  const v = record[key];
  if (v === null || v === undefined) return '';
  return key === 'decision_date' ? formatDate(String(v)) : String(v);
}

// A server refusal in Vietnamese (its messages for bad input are English).
function refusal(error) {
  if (!error || typeof error.status !== 'number') return 'Không lưu được. Vui lòng thử lại.';
  if (error.status === 401) return 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại rồi sửa tiếp.';
  if (error.status === 403) {
    if (/cross-site/.test(error.message || '')) return 'Phiên làm việc không còn hợp lệ. Vui lòng tải lại trang rồi thử lại.';
    return 'Tài khoản của bạn không được sửa hồ sơ (chỉ cán bộ lưu trữ, cán bộ xác minh và quản trị).';
  }
  if (error.status === 404) return 'Hồ sơ này không còn trong kho lưu trữ.';
  if (error.status === 400) {
    const key = EDITABLE.find((k) => (error.message || '').includes(k));
    return key ? `Giá trị của ô “${FIELD_LABELS[key]}” không hợp lệ.` : 'Thông tin sửa chưa hợp lệ. Vui lòng kiểm tra lại.';
  }
  if (error.status === 0) return 'Không kết nối được máy chủ. Thay đổi chưa được lưu.';
  return 'Máy chủ gặp lỗi khi lưu. Thay đổi chưa được lưu; vui lòng thử lại sau.';
}

// The form (hidden by the caller until asked for). `onSaved(changedLabels)`
// runs after the server accepted the change.
export function correctionForm(record, { onSaved, onCancel }) {
  const summary = el('div', { class: 'form-errors', role: 'alert', 'aria-live': 'assertive' });
  const form = el('form', { class: 'correction', id: 'correction', novalidate: true, 'aria-labelledby': 'correction-title' },
    el('h2', { id: 'correction-title' }, 'Sửa thông tin hồ sơ'),
    el('p', { class: 'hint' }, 'Đối chiếu với trang gốc bên dưới rồi sửa các ô đọc sai. Khi lưu, hồ sơ được đánh dấu “Đã kiểm tra” và mọi thay đổi được ghi vào nhật ký.'),
    summary);
  const grid = el('div', { class: 'correction-grid' });
  const inputs = {};
  for (const key of EDITABLE) {
    const id = `sua-${key}`;
    const errorId = `${id}-loi`;
    const hintId = HINTS[key] ? `${id}-goi-y` : null;
    let input;
    if (key === 'gender') {
      const current = shownValue(record, key);
      input = el('select', { id, name: key },
        el('option', { value: '' }, '— không rõ —'), el('option', { value: 'nam' }, 'Nam'), el('option', { value: 'nữ' }, 'Nữ'),
        current && !['nam', 'nữ'].includes(current) ? el('option', { value: current }, current) : null);
      input.value = current;
      for (const option of input.options) option.defaultSelected = option.value === current;
    } else {
      input = el('input', {
        id, name: key, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 500,
        inputmode: key === 'birth_year' ? 'numeric' : null,
      });
      input.defaultValue = shownValue(record, key);
    }
    input.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    inputs[key] = input;
    grid.append(el('div', { class: `correction-field field-${key}` },
      el('label', { for: id }, FIELD_LABELS[key]),
      input,
      hintId ? el('p', { class: 'hint', id: hintId }, HINTS[key]) : null,
      el('p', { class: 'field-error', id: errorId })));
  }
  const save = el('button', { type: 'submit', id: 'save-record' }, 'Lưu và đánh dấu đã kiểm tra');
  // Cancelling forgets what was typed: the form opens again with the record's values.
  function cancel() {
    form.reset();
    summary.replaceChildren();
    for (const key of EDITABLE) {
      inputs[key].removeAttribute('aria-invalid');
      form.querySelector(`#sua-${key}-loi`).textContent = '';
    }
    onCancel();
  }
  form.append(grid, el('p', { class: 'form-buttons' }, save, ' ',
    el('button', { type: 'button', class: 'button-secondary', onclick: cancel }, 'Hủy')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    summary.replaceChildren();
    let firstBad = null;
    const changes = {};
    const changedLabels = [];
    for (const key of EDITABLE) {
      const input = inputs[key];
      const value = input.value;
      const changed = value.trim() !== shownValue(record, key).trim();
      // Only what the clerk changed is checked: a partial date as read stays as it is.
      const bad = changed || key === 'full_name' ? problem(key, value) : null;
      form.querySelector(`#sua-${key}-loi`).textContent = bad || '';
      if (bad) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if (bad && !firstBad) firstBad = input;
      if (bad || !changed) continue;
      if (key === 'birth_year') changes[key] = value.trim() ? Number(value.trim()) : null;
      else if (key === 'decision_date') changes[key] = isoDate(value) || null;
      else changes[key] = value.trim() || null;
      changedLabels.push(FIELD_LABELS[key]);
    }
    if (firstBad) {
      summary.append(el('p', {}, 'Chưa lưu: có ô chưa hợp lệ, xem thông báo dưới từng ô.'));
      firstBad.focus();
      return;
    }
    // Nothing changed: saving confirms the record as read (marks it reviewed).
    const body = changedLabels.length ? changes : { full_name: inputs.full_name.value.trim() };
    save.disabled = true;
    save.textContent = 'Đang lưu…';
    try {
      await staffSession.send('PATCH', `/api/records/${encodeURIComponent(record.id)}`, body);
      onSaved(changedLabels);
    } catch (error) {
      summary.append(el('p', {}, refusal(error)));
      save.disabled = false;
      save.textContent = 'Lưu và đánh dấu đã kiểm tra';
    }
  });
  return form;
}
