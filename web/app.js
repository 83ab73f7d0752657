// Shared by the staff pages: talking to the API, Vietnamese labels, and the
// record detail with its page image. Plain ES module, no build step; the
// pages' Content-Security-Policy allows our own scripts only, so nothing here
// uses inline HTML from the server (snippets are parsed, not injected).

import { staffSession } from '/reissue-api.js';

export { staffSession };

export const FIELD_LABELS = {
  full_name: 'Họ và tên',
  gender: 'Giới tính',
  birth_year: 'Năm sinh',
  commune: 'Xã',
  district: 'Huyện',
  province: 'Tỉnh',
  award: 'Hình thức khen thưởng',
  award_code: 'Mã hình thức',
  decision_number: 'Số quyết định',
  decision_date: 'Ngày quyết định',
  authority: 'Cấp quyết định',
  book_number: 'Số sổ vàng',
};

export const REVIEW_LABELS = {
  auto: 'Tự động',
  needs_review: 'Cần kiểm tra',
  reviewed: 'Đã kiểm tra',
};

export const KIND_LABELS = {
  ledger: 'Sổ vàng',
  annex: 'Danh sách kèm quyết định',
  certificate: 'Bằng',
  csv: 'Danh sách nhập từ tệp',
  other: 'Tài liệu khác',
};

const PLACE_FIELD_LABELS = { commune: 'xã', district: 'huyện', province: 'tỉnh' };

export const ROLE_LABELS = { admin: 'quản trị', archivist: 'lưu trữ', verifier: 'xác minh', approver: 'phê duyệt' };

export const CERTIFICATE_KIND_LABELS = { original: 'Bằng gốc', reissue: 'Bằng cấp đổi, cấp lại' };
export const CERTIFICATE_STATUS_LABELS = {
  valid: 'Còn hiệu lực', superseded: 'Đã được thay thế', revoked: 'Đã thu hồi',
};

export const REQUEST_STATUS_LABELS = {
  received: 'Đã tiếp nhận', verified: 'Đã xác minh', approved: 'Đã phê duyệt', rejected: 'Đã từ chối', issued: 'Đã cấp',
};
export const REQUEST_KIND_LABELS = { cap_doi: 'Cấp đổi', cap_lai: 'Cấp lại' };

// Who may do what (the server decides; the pages only offer what fits).
export const CAN_FILE_REISSUE = ['archivist', 'verifier'];
export const CAN_DECIDE_REISSUE = ['approver'];
export const CAN_CORRECT = ['archivist', 'verifier', 'admin'];

// An error the API answered with ({"error": {"code", "message"}}).
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// GET a JSON endpoint. Throws ApiError (status 0 when the network failed).
export async function apiGet(path) {
  let response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(response.status, err.code || 'unknown', err.message || response.statusText);
  }
  return body;
}

// Shorthand for document.createElement with attributes and children.
// Children may be strings (text nodes), nodes, or null (skipped).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

// What is wrong with a search query, in Vietnamese (the server's query
// parser explains in English), or null when the reason is not known.
export function queryProblem(message) {
  let m;
  if ((m = /unknown field "([^"]*):"/.exec(message))) {
    return `Không có trường lọc “${m[1]}:”. Các trường dùng được: ten:, nam:, xa:, huyen:, tinh:, khen:, so:.`;
  }
  if (/^nam:/.test(message)) return 'Sau nam: cần năm sinh bốn chữ số hoặc một khoảng năm, ví dụ nam:1932 hoặc nam:1925..1935.';
  if (/^so:/.test(message)) return 'Sau so: cần số quyết định hoặc số sổ vàng, ví dụ so:543/QĐ-CTN.';
  if (/unbalanced quote/.test(message)) return 'Thiếu dấu ngoặc kép đóng (").';
  if (/words; at most/.test(message)) return 'Câu tìm kiếm quá dài; vui lòng bớt từ.';
  if (/nothing to search/.test(message)) return 'Câu tìm kiếm chưa có từ nào để tìm.';
  if (/longer than/.test(message)) return 'Câu tìm kiếm quá dài; vui lòng bớt từ.';
  return null;
}

// A message box for a failed request: 401 links to the login page. Takes any
// error with an HTTP `status` (ApiError, or StaffApiError of reissue-api.js).
export function errorNotice(error) {
  const box = el('div', { class: 'notice notice-error', role: 'alert' });
  const status = error && typeof error.status === 'number' ? error.status : -1;
  if (status === 401) {
    const next = encodeURIComponent(location.pathname + location.search);
    box.append(
      el('p', {}, 'Bạn cần đăng nhập bằng tài khoản cán bộ để xem dữ liệu này.'),
      el('p', {}, el('a', { href: `/login?next=${next}`, class: 'button' }, 'Đăng nhập')),
    );
  } else if (status === 403) {
    box.append(el('p', {}, 'Tài khoản của bạn không có quyền xem nội dung này.'));
  } else if (status === 404) {
    box.append(el('p', {}, 'Không tìm thấy hồ sơ này trong kho lưu trữ.'));
  } else if (status === 400) {
    const detail = queryProblem(error.message || '');
    box.append(
      el('p', {}, 'Câu tìm kiếm chưa đúng cú pháp. Vui lòng kiểm tra lại.'),
      detail ? el('p', { class: 'notice-detail' }, detail) : null,
    );
  } else if (status === 429) {
    box.append(el('p', {}, 'Bạn gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại.'));
  } else if (status === 0) {
    box.append(el('p', {}, 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.'));
  } else {
    box.append(el('p', {}, 'Máy chủ gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.'));
  }
  return box;
}

// "1975-08-10" -> "10/08/1975"; "1975-08" -> "08/1975"; other text unchanged.
export function formatDate(iso) {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  if (m[3]) return `${m[3]}/${m[2]}/${m[1]}`;
  if (m[2]) return `${m[2]}/${m[1]}`;
  return m[1];
}

export function percent(confidence) {
  return `${Math.round((Number(confidence) || 0) * 100)}%`;
}

export function confidenceClass(confidence) {
  const c = Number(confidence) || 0;
  if (c < 0.6) return 'conf-low';
  if (c < 0.85) return 'conf-mid';
  return 'conf-high';
}

// "Lộc Yên, Cao Lộc, Lạng Sơn"
export function hometown(record) {
  return [record.commune, record.district, record.province].filter(Boolean).join(', ');
}

// "543/QĐ-CTN ngày 10/08/1975"
export function decision(record) {
  const parts = [];
  if (record.decision_number) parts.push(record.decision_number);
  if (record.decision_date) parts.push(`ngày ${formatDate(record.decision_date)}`);
  return parts.join(' ');
}

export function reviewBadge(review) {
  return el('span', { class: `badge review-${review || 'auto'}` }, REVIEW_LABELS[review] || review || '');
}

export function confidenceBadge(confidence) {
  return el('span', { class: `badge ${confidenceClass(confidence)}` }, `Độ tin cậy ${percent(confidence)}`);
}

// The search snippet is HTML-escaped text with <mark>…</mark>: rebuilt as DOM
// nodes, never assigned as HTML.
export function snippetNodes(snippet) {
  const nodes = [];
  if (!snippet) return nodes;
  const decode = (s) =>
    s.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (_, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'" })[e]);
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) nodes.push(marked ? el('mark', {}, decode(part)) : document.createTextNode(decode(part)));
  }
  return nodes;
}

// Renamed places on a hit ("Lộc Yên (nay là …)").
export function placeNotes(places) {
  if (!Array.isArray(places) || places.length === 0) return null;
  return el(
    'span',
    { class: 'hit-places' },
    places
      .map((p) => `${PLACE_FIELD_LABELS[p.field] || ''} ${p.written} nay là ${(p.current || []).join(', ')}`.trim())
      .join('; '),
  );
}

// The original page with the record's box drawn over it. Starts zoomed to the
// record's row (with some context); a button shows the whole page.
export function pageViewer(record) {
  const image = record.page_image;
  const bbox = record.source && Array.isArray(record.source.bbox) ? record.source.bbox : null;
  if (!image || !image.url) {
    return el('p', { class: 'notice' }, 'Hồ sơ này không có ảnh trang gốc (nhập từ danh sách hoặc đánh máy).');
  }
  const source = record.source || {};
  const pageLabel = `${source.file || 'tệp không rõ tên'}, trang ${source.page || 1}`;
  const figure = el('figure', { class: 'page-figure', 'data-loaded': 'false' });
  const frame = el('div', { class: 'page-frame' });
  const toggle = el('button', { type: 'button', class: 'button-secondary', 'aria-pressed': 'false' }, 'Xem toàn trang');
  const open = el('a', { href: image.url, target: '_blank', rel: 'noopener' }, 'Mở ảnh gốc');
  figure.append(
    el('div', { class: 'page-toolbar' }, bbox ? toggle : null, open),
    frame,
    el(
      'figcaption',
      {},
      `Trang gốc: ${pageLabel}.`,
      bbox ? ' Khung đỏ đánh dấu dòng của hồ sơ này.' : ' Chưa xác định được vị trí hồ sơ trên trang.',
    ),
  );

  const draw = (width, height) => {
    const root = svg('svg', {
      class: 'page-svg',
      role: 'img',
      'aria-label': `Ảnh trang gốc ${pageLabel}${bbox ? ', có khung đánh dấu dòng của hồ sơ' : ''}`,
      preserveAspectRatio: 'xMidYMin meet',
    });
    const img = svg('image', { href: image.url, x: 0, y: 0, width, height });
    img.addEventListener('load', () => figure.setAttribute('data-loaded', 'true'));
    img.addEventListener('error', () => {
      figure.setAttribute('data-loaded', 'error');
      frame.append(el('p', { class: 'notice notice-error' }, 'Không tải được ảnh trang gốc.'));
    });
    root.append(img);
    let zoomed = null;
    if (bbox && bbox.length === 4) {
      const [x, y, w, h] = bbox;
      // Dim the page outside the box, then outline the box.
      root.append(
        svg('path', {
          class: 'page-dim',
          'fill-rule': 'evenodd',
          d: `M0 0H${width}V${height}H0Z M${x} ${y}V${y + h}H${x + w}V${y}Z`,
        }),
        svg('rect', { class: 'record-box', x, y, width: w, height: h, rx: 4 }),
      );
      const pad = Math.max(h * 1.5, height * 0.04);
      const top = Math.max(0, y - pad);
      const bottom = Math.min(height, y + h + pad);
      zoomed = `0 ${top} ${width} ${bottom - top}`;
    }
    const full = `0 0 ${width} ${height}`;
    const show = (whole) => {
      root.setAttribute('viewBox', whole || !zoomed ? full : zoomed);
      toggle.setAttribute('aria-pressed', whole ? 'true' : 'false');
      toggle.textContent = whole ? 'Phóng to dòng của hồ sơ' : 'Xem toàn trang';
      figure.classList.toggle('page-whole', Boolean(whole));
    };
    toggle.addEventListener('click', () => show(toggle.getAttribute('aria-pressed') !== 'true'));
    show(false);
    frame.append(root);
  };

  if (image.width > 0 && image.height > 0) {
    draw(image.width, image.height);
  } else {
    // The store did not record the size: learn it from the image itself.
    const probe = new Image();
    probe.addEventListener('load', () => draw(probe.naturalWidth, probe.naturalHeight));
    probe.addEventListener('error', () => {
      figure.setAttribute('data-loaded', 'error');
      frame.append(el('p', { class: 'notice notice-error' }, 'Không tải được ảnh trang gốc.'));
    });
    probe.src = image.url;
  }
  return figure;
}

// The whole record: heading, badges, fields with their evidence, the page.
// `headingLevel` is 1 on the record page, 2 in the search page's panel.
export function recordDetail(record, { headingLevel = 2, onClose = null } = {}) {
  const title = record.full_name || 'Hồ sơ chưa rõ họ tên';
  const heading = el(`h${headingLevel}`, { class: 'record-title', tabindex: '-1' }, title);
  const header = el(
    'header',
    { class: 'record-header' },
    heading,
    el(
      'p',
      { class: 'record-badges' },
      reviewBadge(record.review),
      ' ',
      confidenceBadge(record.confidence),
      ' ',
      el('span', { class: 'badge' }, KIND_LABELS[record.kind] || record.kind || ''),
    ),
  );
  if (onClose) {
    header.append(
      el('div', { class: 'record-actions' },
        el('a', { href: `/records/${encodeURIComponent(record.id)}` }, 'Trang riêng của hồ sơ'),
        el('button', { type: 'button', class: 'button-secondary', onclick: onClose }, 'Đóng'),
      ),
    );
  }

  const fields = el('dl', { class: 'fields' });
  const detail = record.fields || {};
  for (const [key, label] of Object.entries(FIELD_LABELS)) {
    const value = record[key];
    const evidence = detail[key];
    if ((value === null || value === undefined || value === '') && !evidence) continue;
    let shown = value === null || value === undefined ? '' : String(value);
    if (key === 'decision_date') shown = formatDate(shown);
    const dd = el('dd', {}, shown || el('span', { class: 'muted' }, 'không đọc được'));
    if (evidence) {
      if (evidence.verbatim && evidence.verbatim !== (value === null ? '' : String(value))) {
        dd.append(' ', el('span', { class: 'verbatim' }, `Trên trang: “${evidence.verbatim}”`));
      }
      if (typeof evidence.confidence === 'number') {
        dd.append(' ', el('span', { class: `conf ${confidenceClass(evidence.confidence)}`,
          title: 'Độ tin cậy khi nhận dạng' }, percent(evidence.confidence)));
      }
    }
    fields.append(el('div', { class: 'field' }, el('dt', {}, label), dd));
  }

  const certificates = Array.isArray(record.certificates) ? certificateList(record.certificates, headingLevel + 1) : null;

  const source = record.source || {};
  const sourceText = [];
  if (source.file) sourceText.push(`Tệp ${source.file}`);
  if (source.page) sourceText.push(`trang ${source.page}`);
  if (source.row) sourceText.push(`dòng ${source.row}`);

  const article = el(
    'article',
    { class: 'record', 'data-record-id': record.id },
    header,
    fields,
    sourceText.length ? el('p', { class: 'record-source' }, `Nguồn: ${sourceText.join(', ')}.`) : null,
    certificates,
    el('section', { class: 'record-page', 'aria-label': 'Trang gốc' },
      el(`h${headingLevel + 1}`, {}, 'Trang gốc'),
      pageViewer(record)),
  );
  return { article, heading };
}

// Marks the current page's link in the site navigation.
export function markNavigation() {
  for (const a of document.querySelectorAll('.site-nav a')) {
    const here = a.getAttribute('href') === location.pathname;
    if (here) a.setAttribute('aria-current', 'page');
  }
}

// "2026-12-03T08:15:00.000Z" -> "03/12/2026" (the date in Vietnam).
export function formatTimestamp(utc) {
  if (!utc) return '';
  const t = Date.parse(utc);
  if (Number.isNaN(t)) return utc;
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' })
    .format(new Date(t));
}

// The record's certificates: verification code (a link to the public page),
// original or reissue, in force or superseded, when issued.
export function certificateList(certificates, headingLevel = 3) {
  const section = el('section', { class: 'record-certificates', 'aria-label': 'Bằng và mã xác minh' },
    el(`h${headingLevel}`, {}, 'Bằng và mã xác minh'));
  if (certificates.length === 0) {
    section.append(el('p', { class: 'muted' }, 'Hồ sơ này chưa có bằng nào được đăng ký.'));
    return section;
  }
  const list = el('ul', { class: 'certificates' });
  for (const c of certificates) {
    list.append(el('li', { class: `certificate certificate-${c.status}`, 'data-code': c.code, 'data-status': c.status },
      el('a', { class: 'certificate-code', href: `/verify/${encodeURIComponent(c.code)}`, target: '_blank', rel: 'noopener',
        title: 'Mở trang xác minh công khai của bằng này' }, c.code),
      ' ',
      el('span', { class: 'badge' }, CERTIFICATE_KIND_LABELS[c.kind] || c.kind),
      ' ',
      el('span', { class: `badge cert-${c.status}` }, CERTIFICATE_STATUS_LABELS[c.status] || c.status),
      c.issued_at ? el('span', { class: 'certificate-date' }, ` đăng ký ngày ${formatTimestamp(c.issued_at)}`) : null));
  }
  section.append(list);
  return section;
}

// The logged-in staff member ({id, username, role, csrf_token}) or null; asked once per page.
let mePromise = null;
export function currentUser() {
  if (!mePromise) mePromise = staffSession.me().catch(() => null);
  return mePromise;
}

// Fills the header's account link with who is logged in.
export async function showUser() {
  const link = document.querySelector('.site-nav a[href^="/login"]');
  if (!link) return null;
  const me = await currentUser();
  if (me) {
    link.textContent = `${me.username} (${ROLE_LABELS[me.role] || me.role})`;
    link.setAttribute('title', 'Tài khoản đang đăng nhập; bấm để đăng xuất');
  }
  return me;
}
