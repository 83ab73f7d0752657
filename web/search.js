// The search page: query in the URL (?q=&offset=&r=), results, facets, and
// the selected record's detail beside the list.

import {
  apiGet, el, errorNotice, hometown, decision, reviewBadge, confidenceBadge, snippetNodes, placeNotes,
  recordDetail, markNavigation, showUser,
} from '/app.js';

const PAGE_SIZE = 20;

const FACET_LABELS = {
  award: 'Hình thức khen thưởng',
  district: 'Huyện',
  commune: 'Xã',
  province: 'Tỉnh',
  decade: 'Năm sinh (thập niên)',
  kind: 'Loại tài liệu',
};

const form = document.getElementById('search-form');
const input = document.getElementById('q');
const status = document.getElementById('status');
const hitsList = document.getElementById('hits');
const facets = document.getElementById('facets');
const facetGroups = document.getElementById('facet-groups');
const pager = document.getElementById('pager');
const prev = document.getElementById('prev');
const next = document.getElementById('next');
const pageInfo = document.getElementById('page-info');
const detail = document.getElementById('detail');

let searchSeq = 0;  // answers to older searches are dropped

function state() {
  const params = new URLSearchParams(location.search);
  return {
    q: params.get('q') || '',
    offset: Math.max(0, parseInt(params.get('offset') || '0', 10) || 0),
    record: params.get('r') || '',
  };
}

function go({ q, offset = 0, record = '' }, replace = false) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (offset) params.set('offset', String(offset));
  if (record) params.set('r', record);
  const url = `/${params.toString() ? `?${params}` : ''}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function remember() {
  try {
    sessionStorage.setItem('sovang:last-search', location.pathname + location.search);
  } catch (e) {
    // storage may be disabled; the record page then links to a fresh search
  }
}

// A facet value as a field filter added to the query.
function facetFilter(key, value) {
  const quoted = /\s/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
  switch (key) {
    case 'award': return `khen:${quoted}`;
    case 'district': return `huyen:${quoted}`;
    case 'commune': return `xa:${quoted}`;
    case 'province': return `tinh:${quoted}`;
    case 'decade': {
      const m = /(\d{3})\d/.exec(value);
      return m ? `nam:${m[1]}0..${m[1]}9` : null;
    }
    default: return null;
  }
}

function decadeLabel(value) {
  const m = /(\d{3})\d/.exec(value);
  return m ? `${m[1]}0–${m[1]}9` : value;
}

function renderFacets(result, q) {
  facetGroups.replaceChildren();
  const entries = Object.entries(result.facets || {}).filter(([, values]) => Array.isArray(values) && values.length);
  facets.hidden = entries.length === 0;
  for (const [key, values] of entries) {
    const list = el('ul', { class: 'facet-values' });
    for (const v of values.slice(0, 12)) {
      const filter = facetFilter(key, String(v.value));
      const label = key === 'decade' ? decadeLabel(String(v.value)) : String(v.value);
      const content = [el('span', { class: 'facet-value' }, label), el('span', { class: 'facet-count' }, String(v.count))];
      list.append(el('li', {}, filter
        ? el('button', { type: 'button', class: 'facet-button', title: `Thêm bộ lọc ${filter}`,
            onclick: () => go({ q: `${q} ${filter}`.trim() }) }, ...content)
        : el('span', { class: 'facet-button' }, ...content)));
    }
    facetGroups.append(el('section', { class: 'facet-group' }, el('h3', {}, FACET_LABELS[key] || key), list));
  }
}

function hitItem(hit, selected) {
  const r = hit.record || {};
  const meta = [];
  if (r.birth_year) meta.push(`Sinh năm ${r.birth_year}`);
  const home = hometown(r);
  if (home) meta.push(`Quê quán: ${home}`);
  const link = el(
    'a',
    { class: 'hit-link', href: `/records/${encodeURIComponent(hit.id)}`, 'data-id': hit.id,
      'aria-current': selected ? 'true' : null },
    el('span', { class: 'hit-name' }, r.full_name || 'Chưa rõ họ tên'),
    meta.length ? el('span', { class: 'hit-meta' }, meta.join(' · ')) : null,
    placeNotes(hit.places),
    r.award ? el('span', { class: 'hit-award' }, r.award) : null,
    decision(r) ? el('span', { class: 'hit-decision' }, `Quyết định số ${decision(r)}`) : null,
    hit.snippet ? el('span', { class: 'hit-snippet' }, ...snippetNodes(hit.snippet)) : null,
    el('span', { class: 'hit-badges' }, confidenceBadge(r.confidence), ' ', reviewBadge(r.review)),
  );
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const s = state();
    go({ q: s.q, offset: s.offset, record: hit.id });
  });
  return el('li', { class: `hit${selected ? ' hit-selected' : ''}` }, link);
}

async function renderResults(s) {
  const seq = ++searchSeq;
  status.replaceChildren(el('p', { class: 'loading' }, 'Đang tìm…'));
  let result;
  try {
    const params = new URLSearchParams({ q: s.q, limit: String(PAGE_SIZE), offset: String(s.offset) });
    result = await apiGet(`/api/search?${params}`);
  } catch (error) {
    if (seq !== searchSeq) return;
    hitsList.replaceChildren();
    facets.hidden = true;
    pager.hidden = true;
    status.replaceChildren(errorNotice(error));
    return;
  }
  if (seq !== searchSeq) return;
  const hits = result.hits || [];
  const total = Number(result.total) || 0;
  if (hits.length === 0) {
    status.replaceChildren(el('p', {}, `Không tìm thấy hồ sơ nào khớp với “${s.q}”.`),
      el('p', { class: 'hint' }, 'Thử bỏ bớt từ, gõ không dấu, hoặc bỏ tên đệm (Văn, Thị).'));
  } else {
    const from = s.offset + 1;
    const to = s.offset + hits.length;
    status.replaceChildren(el('p', {}, `Tìm thấy khoảng ${total.toLocaleString('vi-VN')} hồ sơ; hiển thị ${from}–${to}.`));
  }
  hitsList.replaceChildren(...hits.map((hit) => hitItem(hit, hit.id === s.record)));
  renderFacets(result, s.q);
  pager.hidden = total <= PAGE_SIZE && s.offset === 0;
  prev.disabled = s.offset === 0;
  next.disabled = s.offset + hits.length >= total;
  pageInfo.textContent = `Trang ${Math.floor(s.offset / PAGE_SIZE) + 1} / ${Math.max(1, Math.ceil(total / PAGE_SIZE))}`;
}

async function renderDetail(s) {
  if (!s.record) {
    detail.hidden = true;
    detail.replaceChildren();
    return;
  }
  detail.hidden = false;
  detail.replaceChildren(el('p', { class: 'loading' }, 'Đang mở hồ sơ…'));
  try {
    const record = await apiGet(`/api/records/${encodeURIComponent(s.record)}`);
    if (state().record !== s.record) return;
    const { article, heading } = recordDetail(record, {
      headingLevel: 2,
      onClose: () => go({ q: s.q, offset: s.offset }),
    });
    detail.replaceChildren(article);
    heading.focus();
  } catch (error) {
    detail.replaceChildren(errorNotice(error));
  }
}

let lastQuery = null;
function render() {
  const s = state();
  remember();
  input.value = s.q;
  document.title = s.q ? `${s.q} — Tìm kiếm hồ sơ khen thưởng` : 'Tìm kiếm hồ sơ khen thưởng — Sổ vàng';
  const key = `${s.q}\u0000${s.offset}`;
  if (!s.q) {
    lastQuery = key;
    hitsList.replaceChildren();
    status.replaceChildren();
    facets.hidden = true;
    pager.hidden = true;
  } else if (key !== lastQuery) {
    lastQuery = key;
    renderResults(s);
  } else {
    for (const li of hitsList.children) {
      const a = li.querySelector('.hit-link');
      const selected = a && a.dataset.id === s.record;
      li.classList.toggle('hit-selected', Boolean(selected));
      if (a) {
        if (selected) a.setAttribute('aria-current', 'true');
        else a.removeAttribute('aria-current');
      }
    }
  }
  renderDetail(s);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = input.value.trim();
  if (!q) {
    input.focus();
    return;
  }
  go({ q });
});
prev.addEventListener('click', () => {
  const s = state();
  go({ q: s.q, offset: Math.max(0, s.offset - PAGE_SIZE) });
});
next.addEventListener('click', () => {
  const s = state();
  go({ q: s.q, offset: s.offset + PAGE_SIZE });
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !detail.hidden) {
    const s = state();
    go({ q: s.q, offset: s.offset });
    input.focus();
  }
});
window.addEventListener('popstate', render);

markNavigation();
showUser();
render();
if (!state().q) input.focus();
