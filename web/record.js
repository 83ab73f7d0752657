// The record page (/records/{id}): the same detail as the search page's
// panel, on a page of its own that can be linked to and printed.

import { apiGet, errorNotice, recordDetail, markNavigation } from '/app.js';

const container = document.getElementById('record');

async function main() {
  markNavigation();
  const m = /^\/records\/([^/]+)\/?$/.exec(location.pathname);
  if (!m) {
    container.replaceChildren(errorNotice({ status: 404 }));
    return;
  }
  const id = decodeURIComponent(m[1]);
  try {
    const record = await apiGet(`/api/records/${encodeURIComponent(id)}`);
    const { article } = recordDetail(record, { headingLevel: 1 });
    container.replaceChildren(article);
    document.title = `${record.full_name || 'Hồ sơ'} — Sổ vàng`;
  } catch (error) {
    container.replaceChildren(errorNotice(error));
  }
}

// "Back" returns to the last search of this tab (the search page remembers it).
const lastSearch = sessionStorage.getItem('sovang:last-search');
if (lastSearch && lastSearch.startsWith('/')) document.getElementById('back').setAttribute('href', lastSearch);

main();
