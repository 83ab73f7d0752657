// The web pages in a real browser (Debian's chromium driven by
// playwright-core). Started by run.sh, which provides the server and staff
// accounts of each role through the environment. Every staff member and the
// public get a browser context of their own (their own cookies). Prints one
// line per check and "N passed, N failed"; exits 1 when any check failed.

import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, request } from 'playwright-core';

const url = process.env.SOVANG_URL;
const user = process.env.SOVANG_USER;            // verifier
const approver = process.env.SOVANG_APPROVER;    // approver
const archivist = process.env.SOVANG_ARCHIVIST;  // archivist, promoted to approver later
const admin = process.env.SOVANG_ADMIN;          // admin
const password = process.env.SOVANG_PASSWORD;
const recordsFile = process.env.SOVANG_RECORDS;
const executablePath = process.env.SOVANG_CHROMIUM || '/usr/bin/chromium';
const shots = process.env.SOVANG_SHOTS || '';    // a folder for screenshots, when set
if (!url || !user || !approver || !archivist || !admin || !password || !recordsFile) {
  console.error('pages.mjs: run it through run.sh');
  process.exit(2);
}

// Marks removed, đ -> d, lower case: what a clerk types without a Vietnamese keyboard.
function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

// The person to look for: the most confident record with a name and a box
// on a page.
const records = readFileSync(recordsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const candidates = records
  .filter((r) => r.full_name && r.source && r.source.page_id > 0 && Array.isArray(r.source.bbox))
  .sort((a, b) => b.confidence - a.confidence);
if (candidates.length === 0) {
  console.error(`pages.mjs: the ingested archive has no record with a name and a box (${records.length} records)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const person = candidates[0];
const folded = fold(person.full_name);
// The two CSV rows run.sh imports: an award with no reissue path, and one
// more award for the four-eyes check.
const noReissue = records.find((r) => r.full_name === 'Lương Thị Vinh');
const otherAward = records.find((r) => r.full_name === 'Nông Văn Slằng');
if (!noReissue || !otherAward) {
  console.error('pages.mjs: the CSV rows of run.sh are not in the archive');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// A certificate checked by the numbers printed on it: the person's, when the
// ledger printed all three (else the CSV row, which has them).
const printed = [person, ...candidates, otherAward].find((r) => r.decision_number && r.decision_date && r.book_number);

// Verification codes (crypto/verification_code.cpp): 16 symbols of Crockford's
// alphabet and a mod-37 check symbol.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECKS = `${ALPHABET}*~$=U`;
function withCheck(data) {
  let r = 0;
  for (const c of data) r = (r * 32 + ALPHABET.indexOf(c)) % 37;
  return `${data.match(/.{4}/g).join('-')}-${CHECKS[r]}`;
}
// A well-formed code that differs from `code` in its first symbol.
function otherCode(code) {
  const data = code.replace(/-/g, '').slice(0, 16);
  return withCheck(ALPHABET[(ALPHABET.indexOf(data[0]) + 1) % 32] + data.slice(1));
}
// "1980-04-05" -> "5/4/1980", as a clerk copies it from a certificate.
function typedDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}
function shownDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

let passed = 0;
let failed = 0;
async function check(name, fn) {
  const start = Date.now();
  const took = () => `(${((Date.now() - start) / 1000).toFixed(1)} s)`;
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} ${took()}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name} ${took()}\n     ${String(error && error.stack ? error.stack : error).split('\n').slice(0, 4).join('\n     ')}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});
const problems = [];  // console errors, uncaught exceptions, CSP violations
let alsoExpected = null;  // a status a check provokes on purpose (400 of a bad query, 403 of the four-eyes rule)
// A page in a browser context of its own: each user has their own cookies.
async function newPage(who) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const p = await context.newPage();
  p.setDefaultTimeout(15000);
  p.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // 401 before logging in and 404 for an unknown record are expected: the pages handle them.
    if (/status of (401|404)/.test(msg.text())) return;
    if (alsoExpected && msg.text().includes(`status of ${alsoExpected}`)) return;
    problems.push(`${who}: console: ${msg.text()}`);
  });
  p.on('pageerror', (error) => problems.push(`${who}: page error: ${error.message}`));
  return p;
}
async function shot(p, name) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await p.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}
async function login(p, name) {
  await p.goto(`${url}/login?next=${encodeURIComponent('/reissue')}`);
  await p.fill('#username', name);
  await p.fill('#password', password);
  await Promise.all([p.waitForURL(`${url}/reissue`), p.click('#login-submit')]);
}
async function apiJson(p, path) {
  const response = await p.request.get(`${url}${path}`);
  expect(response.ok(), `GET ${path}: ${response.status()}`);
  return response.json();
}
// Every form control in `selector` has a label a screen reader announces.
async function unlabelled(p, selector) {
  return p.evaluate((sel) => [...document.querySelectorAll(`${sel} input:not([type=hidden]), ${sel} select, ${sel} textarea`)]
    .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id || e.name), selector);
}
// Files a reissue request the way a clerk does: from the record page.
async function fileRequest(p, record, { kind, reason, applicant, relation }) {
  await p.goto(`${url}/records/${encodeURIComponent(record.id)}`);
  await Promise.all([p.waitForURL(/\/reissue\?record=/), p.click('#file-reissue')]);
  await p.locator('#file-form').waitFor();
  await p.check(kind === 'cap_doi' ? '#kind-cap-doi' : '#kind-cap-lai');
  await p.fill('#reason', reason);
  await p.fill('#applicant_name', applicant);
  await p.fill('#applicant_relation', relation);
  await p.click('#file-submit');
  const text = await p.locator('#notice .notice-ok').textContent();
  const m = /đề nghị số (\d+)/.exec(text);
  expect(m, `no request number in the notice: ${text}`);
  return Number(m[1]);
}
// Verification on the public page: the answer's status and its text.
async function verifyPage(p, path) {
  await p.goto(`${url}${path}`);
  const result = p.locator('section.result');
  await result.waitFor();
  return { status: await result.getAttribute('data-status'), text: await p.locator('body').innerText() };
}

const page = await newPage(user);  // the verifier
const visitor = await newPage('public');  // no login
let boss = null;  // the approver
let originalCode = '';
let originalLink = '';
let newCode = '';
let requestId = 0;
let rejectable = 0;  // the request the four-eyes check leaves verified

try {
  await check('the search page is in Vietnamese with a labelled search box and the field syntax', async () => {
    await page.goto(`${url}/`);
    expect((await page.getAttribute('html', 'lang')) === 'vi', 'html lang is not vi');
    expect((await page.textContent('h1')).includes('Tìm kiếm hồ sơ khen thưởng'), 'no heading');
    const label = await page.textContent('label[for="q"]');
    expect(label && label.trim().length > 0, 'the search box has no label');
    const hint = await page.textContent('#search-hint');
    for (const field of ['ten:', 'nam:', 'xa:', 'huyen:', 'khen:', 'so:']) expect(hint.includes(field), `hint lacks ${field}`);
  });

  await check('searching before logging in offers a link to the login page', async () => {
    await page.goto(`${url}/`);
    await page.fill('#q', folded);
    await page.press('#q', 'Enter');
    const link = page.locator('#status a[href^="/login"]');
    await link.waitFor();
    expect((await link.textContent()).includes('Đăng nhập'), 'the link does not say Đăng nhập');
  });

  await check('a staff member logs in on /login and comes back', async () => {
    await page.goto(`${url}/login?next=${encodeURIComponent('/')}`);
    await shot(page, 'login');
    // A wrong password (one: five in a row would lock this client out).
    alsoExpected = 401;
    await page.fill('#username', user);
    await page.fill('#password', 'sai-mat-khau');
    await page.click('#login-submit');
    await page.waitForFunction(() => document.getElementById('login-status').textContent.length > 0);
    expect((await page.textContent('#login-status')) === 'Sai tên đăng nhập hoặc mật khẩu.', await page.textContent('#login-status'));
    alsoExpected = null;
    await page.fill('#username', user);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${url}/`), page.click('#login-submit')]);
    const account = page.locator('.site-nav a[href="/login"]');
    await page.waitForFunction(() => document.querySelector('.site-nav a[href="/login"]').textContent.includes('('));
    expect((await account.textContent()).includes(`${user} (xác minh)`), `the header does not name the user: ${await account.textContent()}`);
  });

  await check(`typing the folded name "${folded}" finds ${person.full_name}`, async () => {
    await page.goto(`${url}/`);
    await page.fill('#q', folded);
    await page.press('#q', 'Enter');
    const hit = page.locator('.hit-link', { has: page.locator('.hit-name', { hasText: person.full_name }) }).first();
    await hit.waitFor();
    expect((await page.textContent('#status')).includes('Tìm thấy'), 'no result count');
  });

  await check('a mistyped field filter is explained in Vietnamese', async () => {
    alsoExpected = 400;
    await page.goto(`${url}/?q=${encodeURIComponent('nguyen nam:19x2')}`);
    const notice = page.locator('#status .notice-error');
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text.includes('chưa đúng cú pháp') && text.includes('nam:1925..1935'), text);
    expect(!/expects|range like/.test(text), `English in the message: ${text}`);
    await page.goto(`${url}/?q=${encodeURIComponent('que:Lạng Sơn')}`);
    await notice.waitFor();
    expect((await notice.innerText()).includes('Không có trường lọc “que:”'), await notice.innerText());
    alsoExpected = null;
    await page.goto(`${url}/?q=${encodeURIComponent(folded)}`);
    await page.locator(`.hit-link[data-id="${person.id}"]`).waitFor();
  });

  await check('opening the hit shows the record with its page image and the box drawn on it', async () => {
    const hit = page.locator(`.hit-link[data-id="${person.id}"]`);
    await hit.click();
    await page.waitForURL(/[?&]r=/);
    const title = page.locator('#detail .record-title');
    await title.waitFor();
    expect((await title.textContent()) === person.full_name, 'the detail shows another name');
    await page.locator('#detail figure.page-figure[data-loaded="true"]').waitFor();
    const box = page.locator('#detail rect.record-box');
    const [x, y, w, h] = person.source.bbox;
    expect(Number(await box.getAttribute('x')) === x && Number(await box.getAttribute('y')) === y, 'box position differs from the record');
    expect(Number(await box.getAttribute('width')) === w && Number(await box.getAttribute('height')) === h, 'box size differs from the record');
    const shown = await box.boundingBox();
    expect(shown && shown.width > 20 && shown.height > 2, `the box is not visible: ${JSON.stringify(shown)}`);
    const image = await page.locator('#detail svg image').getAttribute('href');
    const response = await page.request.get(`${url}${image}`);
    expect(response.status() === 200 && response.headers()['content-type'] === 'image/png', 'the page image is not a PNG');
    await shot(page, 'search-detail');
  });

  await check('the whole page can be shown and the row zoomed back', async () => {
    const toggle = page.locator('#detail .page-toolbar button');
    const svg = page.locator('#detail svg.page-svg');
    const zoomed = await svg.getAttribute('viewBox');
    await toggle.click();
    expect((await toggle.getAttribute('aria-pressed')) === 'true', 'toggle not pressed');
    const whole = await svg.getAttribute('viewBox');
    expect(whole.startsWith('0 0 ') && whole !== zoomed, `viewBox did not change to the page: ${whole}`);
    await toggle.click();
    expect((await svg.getAttribute('viewBox')) === zoomed, 'did not zoom back');
  });

  await check('Escape closes the detail and the back button restores it', async () => {
    await page.keyboard.press('Escape');
    await page.locator('#detail').waitFor({ state: 'hidden' });
    await page.goBack();
    await page.locator('#detail .record-title').waitFor();
  });

  await check('the record page shows the same record by direct link', async () => {
    await page.goto(`${url}/records/${encodeURIComponent(person.id)}`);
    const h1 = page.locator('h1.record-title');
    await h1.waitFor();
    expect((await h1.textContent()) === person.full_name, 'wrong name on the record page');
    await page.locator('figure.page-figure[data-loaded="true"]').waitFor();
    expect((await page.title()).includes(person.full_name), 'the title does not name the person');
    const labels = await page.locator('.fields dt').allTextContents();
    expect(labels.includes('Họ và tên'), `field labels: ${labels.join(', ')}`);
  });

  await check('the record page lists the original certificate with its verification code', async () => {
    const item = page.locator('.record-certificates li.certificate');
    await item.first().waitFor();
    expect((await item.count()) === 1, `${await item.count()} certificates listed`);
    const detail = await apiJson(page, `/api/records/${encodeURIComponent(person.id)}`);
    expect(Array.isArray(detail.certificates) && detail.certificates.length === 1, 'the API lists no certificate');
    originalCode = detail.certificates[0].code;
    expect((await item.getAttribute('data-code')) === originalCode, 'the page shows another code');
    expect((await item.getAttribute('data-status')) === 'valid', 'the original is not shown as valid');
    const text = await item.innerText();
    expect(text.includes('Bằng gốc') && text.includes('Còn hiệu lực'), `the certificate is not described in Vietnamese: ${text}`);
    // The check symbol may be one of * ~ $ = U: the link encodes it.
    originalLink = await item.locator('a').getAttribute('href');
    expect(decodeURIComponent(originalLink) === `/verify/${originalCode}`, `the code links to ${originalLink}`);
    await shot(page, 'record');
  });

  await check('the public verification page confirms the certificate and shows only what it prints', async () => {
    expect(originalCode, 'the record page gave no certificate code');
    const { status, text } = await verifyPage(visitor, originalLink);  // the link on the record page
    expect(status === 'valid', `status ${status}`);
    expect(text.includes('Hợp lệ'), 'no Vietnamese verdict');
    expect(text.includes(originalCode), 'the code is not shown');
    expect(text.includes(person.full_name), 'the name is missing');
    if (person.award) expect(text.includes(person.award), 'the award is missing');
    if (person.decision_number) expect(text.includes(person.decision_number), 'the decision number is missing');
    if (person.decision_date) expect(text.includes(shownDate(person.decision_date)), 'the decision date is missing');
    if (person.authority) expect(text.includes(person.authority), 'the authority is missing');
    expect(text.includes('Bằng gốc'), 'does not say it is the original');
    if (person.birth_year) expect(!text.includes(String(person.birth_year)), 'the page shows the birth year');
    for (const place of [person.commune, person.district]) {
      if (place) expect(!text.includes(place), `the page shows the hometown (${place})`);
    }
    await shot(visitor, 'verify-valid');
  });

  await check('an unknown code is answered "Không tìm thấy"', async () => {
    expect(originalCode, 'the record page gave no certificate code');
    const { status, text } = await verifyPage(visitor, `/verify/${otherCode(originalCode)}`);
    expect(status === 'unknown', `status ${status}`);
    expect(text.includes('Không tìm thấy'), 'no Vietnamese not-found answer');
    expect(!text.includes(person.full_name), 'an unknown code shows a name');
  });

  await check('a code typed in lower case with spaces on the /verify form finds the certificate', async () => {
    expect(originalCode, 'the record page gave no certificate code');
    await visitor.goto(`${url}/verify`);
    expect((await unlabelled(visitor, 'main')).length === 0, 'a field of the form has no label');
    await shot(visitor, 'verify-form');
    await visitor.fill('#code', ` ${originalCode.toLowerCase().replace(/-/g, ' ')} `);
    const canonical = (u) => decodeURIComponent(u.pathname) === `/verify/${originalCode}`;
    await Promise.all([visitor.waitForURL(canonical), visitor.press('#code', 'Enter')]);
    expect((await visitor.locator('section.result').getAttribute('data-status')) === 'valid', 'not valid');
  });

  await check('the /verify form checks a certificate by decision number, date and golden-book number', async () => {
    expect(printed, 'no record with decision number, date and book number');
    await visitor.goto(`${url}/verify`);
    await visitor.fill('#decision', printed.decision_number);
    await visitor.fill('#date', typedDate(printed.decision_date));
    await visitor.fill('#book', printed.book_number);
    await Promise.all([visitor.waitForURL(/\/verify\?decision=/), visitor.press('#book', 'Enter')]);
    const result = visitor.locator('section.result');
    expect((await result.getAttribute('data-status')) === 'valid', `status ${await result.getAttribute('data-status')}`);
    const text = await visitor.locator('body').innerText();
    expect(text.includes(printed.full_name), 'the name is missing');
    if (printed.birth_year) expect(!text.includes(String(printed.birth_year)), 'the page shows the birth year');
    if (printed.commune) expect(!text.includes(printed.commune), 'the page shows the commune');
  });

  await check('an award without a reissue path says why, and offers the confirmation letter instead', async () => {
    await page.goto(`${url}/records/${encodeURIComponent(noReissue.id)}`);
    const reason = page.locator('.record-reissue .no-reissue');
    await reason.waitFor();
    expect((await reason.innerText()).includes('Bảng gia đình vẻ vang không có thủ tục cấp đổi, cấp lại'), await reason.innerText());
    expect((await page.locator('#file-reissue').count()) === 0, 'the record offers a reissue anyway');
    const letter = await page.locator('#confirmation-pdf').getAttribute('href');
    const response = await page.request.get(`${url}${letter}`);
    expect(response.status() === 200 && response.headers()['content-type'] === 'application/pdf', 'the confirmation letter is not a PDF');
    await page.goto(`${url}/reissue?record=${encodeURIComponent(noReissue.id)}`);
    await page.locator('#file-record .no-reissue').waitFor();
    expect(await page.locator('#file-form').isHidden(), 'the reissue page offers the form anyway');
    await shot(page, 'reissue-no-path');
  });

  await check('a verifier files a reissue request (cấp lại) from the record page and sees it with its due date', async () => {
    await page.goto(`${url}/records/${encodeURIComponent(person.id)}`);
    await Promise.all([page.waitForURL(/\/reissue\?record=/), page.click('#file-reissue')]);
    await page.locator('#file-form').waitFor();
    expect((await page.locator('#file-record .record-card-name').innerText()) === person.full_name, 'the form names another record');
    expect((await unlabelled(page, '#file-form')).length === 0, `unlabelled: ${await unlabelled(page, '#file-form')}`);
    // Submitting nothing: the missing fields are named, nothing is filed.
    await page.click('#file-submit');
    await page.locator('#applicant_name[aria-invalid="true"]').waitFor();
    expect((await page.textContent('#applicant_name-loi')).includes('Ghi họ và tên'), 'no Vietnamese message under the field');
    expect((await page.textContent('#kind-loi')).includes('cấp đổi hoặc cấp lại'), 'the kind is not asked for');
    const before = await apiJson(page, `/api/reissue-requests?record=${encodeURIComponent(person.id)}`);
    expect(before.requests.length === 0, 'an incomplete form was filed');
    await shot(page, 'reissue-form-errors');

    await page.check('#kind-cap-lai');
    await page.fill('#reason', 'Hiện vật bị mất');
    await page.fill('#applicant_name', 'Nguyễn Thị Hoa');
    await page.fill('#applicant_relation', 'con');
    await page.click('#file-submit');
    const notice = await page.locator('#notice .notice-ok').innerText();
    requestId = Number((/đề nghị số (\d+)/.exec(notice) || [])[1]);
    expect(requestId > 0, `no request number: ${notice}`);
    const filed = await apiJson(page, `/api/reissue-requests/${requestId}`);
    expect(filed.kind === 'cap_lai' && filed.status === 'received', JSON.stringify(filed));
    expect(notice.includes(shownDate(filed.forward_due)) && notice.includes(shownDate(filed.due_date)), `the notice lacks the due dates: ${notice}`);
    const row = page.locator(`#yeu-cau-${requestId}`);
    await row.waitFor();
    expect((await row.getAttribute('data-status')) === 'received', 'the queue shows another status');
    const text = await row.innerText();
    for (const part of ['Đã tiếp nhận', 'Cấp lại', 'Nguyễn Thị Hoa (con)', person.full_name]) expect(text.includes(part), `the row lacks ${part}`);
    expect((await row.locator('td.due time').getAttribute('datetime')) === filed.forward_due, 'the row does not show the forwarding due date');
    expect((await row.locator('button[data-action="approve"], button[data-action="issue"]').count()) === 0, 'a verifier is offered an approver step');
    await shot(page, 'reissue-filed');

    await row.locator('button[data-action="verify"]').click();
    await page.locator(`#yeu-cau-${requestId}[data-status="verified"]`).waitFor();
    expect((await page.locator('#notice .notice-ok').innerText()).includes('đã được xác minh'), 'no confirmation of the step');

    await page.goto(`${url}/records/${encodeURIComponent(person.id)}`);
    const listed = page.locator(`.record-requests li[data-request-id="${requestId}"]`);
    await listed.waitFor();
    expect((await listed.innerText()).includes('Đã xác minh'), 'the record page does not show the request');
    // Filing again for the same record warns about the open request.
    await Promise.all([page.waitForURL(/\/reissue\?record=/), page.click('#file-reissue')]);
    const warning = page.locator('#file-record .notice-warn');
    await warning.waitFor();
    expect((await warning.innerText()).includes(`số ${requestId} (đã xác minh)`), await warning.innerText());
  });

  await check('an approver approves and issues it; the new certificate PDF opens', async () => {
    expect(requestId > 0, 'no request was filed');
    boss = await newPage(approver);
    await login(boss, approver);
    const row = boss.locator(`#yeu-cau-${requestId}`);
    await row.waitFor();
    expect((await row.locator('button[data-action="verify"]').count()) === 0, 'an approver is offered the verifier step');
    await row.locator('button[data-action="approve"]').click();
    await boss.locator(`#yeu-cau-${requestId}[data-status="approved"]`).waitFor();
    expect((await row.locator('td.due time').getAttribute('datetime')) === (await apiJson(boss, `/api/reissue-requests/${requestId}`)).due_date,
      'an approved request does not show its answer due date');
    await row.locator('button[data-action="issue"]').click();
    await boss.locator(`#yeu-cau-${requestId}[data-status="issued"]`).waitFor();
    newCode = (await row.locator('.new-certificate .certificate-code').innerText()).trim();
    expect(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-.$/.test(newCode) && newCode !== originalCode, `new code ${newCode}`);
    const pdf = await row.locator('a.certificate-pdf').getAttribute('href');
    const response = await boss.request.get(`${url}${pdf}`);
    expect(response.status() === 200, `the PDF answered ${response.status()}`);
    expect(response.headers()['content-type'] === 'application/pdf', `content-type ${response.headers()['content-type']}`);
    expect((await response.body()).subarray(0, 5).toString() === '%PDF-', 'not a PDF');
    await shot(boss, 'reissue-issued');
    // An approver neither files nor corrects: the record page says so instead of offering it.
    await boss.goto(`${url}/records/${encodeURIComponent(person.id)}`);
    await boss.locator('.record-reissue').waitFor();
    expect((await boss.locator('#file-reissue, #edit-record').count()) === 0, 'an approver is offered filing or correcting');
    expect((await boss.locator('.record-reissue').innerText()).includes('vai trò phê duyệt'), 'the page does not say why');
  });

  await check('the old certificate now verifies as superseded, the new one as a valid reissue', async () => {
    expect(newCode, 'nothing was issued');
    const old = await verifyPage(visitor, `/verify/${originalCode}`);
    expect(old.status === 'superseded', `old: ${old.status}`);
    expect(old.text.includes('Đã được thay thế'), 'no Vietnamese word for superseded');
    await shot(visitor, 'verify-superseded');
    const fresh = await verifyPage(visitor, `/verify/${newCode}`);
    expect(fresh.status === 'valid', `new: ${fresh.status}`);
    expect(fresh.text.includes('Bằng cấp đổi, cấp lại'), 'the new certificate is not called a reissue');
    await page.goto(`${url}/records/${encodeURIComponent(person.id)}`);
    await page.locator('.record-certificates li.certificate').nth(1).waitFor();
    const statuses = await page.locator('.record-certificates li.certificate').evaluateAll((items) => items.map((li) => `${li.dataset.code} ${li.dataset.status}`));
    expect(statuses.join(',') === `${originalCode} superseded,${newCode} valid`, `the record lists ${statuses.join(', ')}`);
  });

  await check('an approver may not approve a request they filed themselves (403 in Vietnamese)', async () => {
    // The admin logs in through the API meanwhile (no page needed to change a role).
    const adminApi = await request.newContext({ baseURL: url });
    const adminSession = adminApi.post('/api/login', { data: { username: admin, password } });
    const clerk = await newPage(archivist);
    await login(clerk, archivist);
    const id = await fileRequest(clerk, otherAward, { kind: 'cap_doi', reason: 'Hiện vật bị hư hỏng', applicant: 'Nông Văn Slằng', relation: 'bản thân' });
    await clerk.locator(`#yeu-cau-${id} button[data-action="verify"]`).click();
    await clerk.locator(`#yeu-cau-${id}[data-status="verified"]`).waitFor();
    // The admin promotes the archivist to approver.
    const loggedIn = await adminSession;
    expect(loggedIn.ok(), `the admin's login answered ${loggedIn.status()}`);
    const csrf = (await loggedIn.json()).csrf_token;
    const users = await (await adminApi.get('/api/users')).json();
    const clerkUser = users.users.find((u) => u.username === archivist);
    const promoted = await adminApi.patch(`/api/users/${clerkUser.id}`, {
      data: { role: 'approver' }, headers: { 'X-CSRF-Token': csrf },
    });
    expect(promoted.ok(), `promotion answered ${promoted.status()}`);
    await adminApi.dispose();

    await clerk.goto(`${url}/reissue`);
    const approve = clerk.locator(`#yeu-cau-${id} button[data-action="approve"]`);
    await approve.waitFor();
    alsoExpected = 403;
    await approve.click();
    const refusal = clerk.locator('#notice .notice-error');
    await refusal.waitFor();
    alsoExpected = null;
    const text = await refusal.innerText();
    expect(text.includes('không được tự phê duyệt') && text.includes(`số ${id}`), `the refusal is not clear: ${text}`);
    expect((await clerk.locator(`#yeu-cau-${id}`).getAttribute('data-status')) === 'verified', 'the request moved on anyway');
    await shot(clerk, 'reissue-four-eyes');
    await clerk.context().close();
    rejectable = id;
  });

  await check('another approver rejects that request with a reason typed in the row', async () => {
    expect(boss && rejectable, 'no request to reject');
    await boss.goto(`${url}/reissue`);
    const row = boss.locator(`#yeu-cau-${rejectable}`);
    await row.locator('button[data-action="reject"]').click();
    const reason = row.locator('.reject-form input');
    await reason.waitFor();
    expect(await reason.evaluate((e) => e === document.activeElement && e.labels.length === 1), 'the reason field is not focused and labelled');
    await row.locator('.reject-form button[type="submit"]').click();
    expect((await boss.locator('#notice .notice-error').innerText()).includes('lý do từ chối'), 'an empty reason is not refused');
    await reason.fill('Hiện vật còn nguyên vẹn, không thuộc trường hợp cấp đổi');
    await reason.press('Enter');
    await boss.locator(`#yeu-cau-${rejectable}[data-status="rejected"]`).waitFor();
    const text = await boss.locator(`#yeu-cau-${rejectable}`).innerText();
    expect(text.includes('Đã từ chối') && text.includes('Hiện vật còn nguyên vẹn'), `the row does not show the rejection: ${text}`);
    expect((await boss.locator('#notice .notice-ok').innerText()).includes('đã bị từ chối'), 'no confirmation');
  });

  await check('the review queue loads', async () => {
    await page.goto(`${url}/review`);
    expect((await page.textContent('h1')) === 'Hồ sơ cần kiểm tra', 'wrong heading');
    await page.waitForFunction(() => !document.querySelector('#status .loading'));
    expect((await page.locator('#status .notice-error').count()) === 0, await page.textContent('#status'));
    await shot(page, 'review');
  });

  await check('a clerk corrects a record from the review queue (or its record page); it becomes reviewed and search shows the change at once', async () => {
    const edits = page.locator('#queue a.review-edit');
    const hrefs = await edits.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const href = hrefs.find((h) => !h.includes(encodeURIComponent(person.id)));
    const form = page.locator('#correction');
    let id;
    if (href) {
      id = decodeURIComponent(/\/records\/([^?]+)/.exec(href)[1]);
      await Promise.all([page.waitForURL(/\/records\/.*sua=1/), page.locator(`#queue a.review-edit[href="${href}"]`).click()]);
    } else {
      // Nothing else is queued (the extractor was sure of every record): the record page offers the same form.
      const other = candidates.find((r) => r.id !== person.id);
      expect(other, 'no second record to correct');
      id = other.id;
      await page.goto(`${url}/records/${encodeURIComponent(id)}`);
      await page.click('#edit-record');
    }
    await form.waitFor();
    expect((await unlabelled(page, '#correction')).length === 0, `unlabelled: ${await unlabelled(page, '#correction')}`);
    expect(await page.evaluate(() => document.activeElement && document.activeElement.id === 'sua-full_name'), 'the form does not take the focus');

    // A mistyped year is refused in Vietnamese and nothing is saved.
    await page.fill('#sua-birth_year', '19x2');
    await page.click('#save-record');
    await page.locator('#sua-birth_year[aria-invalid="true"]').waitFor();
    expect((await page.textContent('#sua-birth_year-loi')).includes('Năm sinh phải là'), 'no Vietnamese message for the year');
    expect((await apiJson(page, `/api/records/${encodeURIComponent(id)}`)).review !== 'reviewed', 'a refused form was saved');
    await shot(page, 'correction-error');

    // The keyboard closes and opens the form again; the focus follows.
    await page.click('#correction button.button-secondary');
    await form.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement.id === 'edit-record'), 'Hủy does not return the focus to the button');
    await page.keyboard.press('Enter');
    await form.waitFor();
    expect((await page.getAttribute('#edit-record', 'aria-expanded')) === 'true', 'the button does not say the form is open');
    expect(await page.evaluate(() => document.activeElement.id === 'sua-full_name'), 'the focus is not in the form');
    expect((await page.inputValue('#sua-birth_year')) !== '19x2', 'Hủy kept what was typed');

    const newName = 'Hà Thị Nguyệt Ánh';
    await page.fill('#sua-full_name', newName);
    await page.fill('#sua-birth_year', '1929');
    await page.click('#save-record');
    const saved = page.locator('#saved');
    await saved.waitFor();
    expect((await saved.innerText()).includes('Đã lưu thay đổi'), await saved.innerText());
    expect((await page.locator('h1.record-title').innerText()) === newName, 'the page shows the old name');
    expect((await page.locator('.record-badges .review-reviewed').innerText()) === 'Đã kiểm tra', 'the record is not marked reviewed');
    const stored = await apiJson(page, `/api/records/${encodeURIComponent(id)}`);
    expect(stored.full_name === newName && stored.birth_year === 1929 && stored.review === 'reviewed', JSON.stringify(stored).slice(0, 200));
    await shot(page, 'correction-saved');

    await page.goto(`${url}/?q=${encodeURIComponent(fold(newName))}`);
    const hit = page.locator(`.hit-link[data-id="${id}"]`);
    await hit.waitFor();
    expect((await hit.locator('.hit-name').innerText()) === newName, 'search shows the old name');
    expect((await hit.innerText()).includes('Đã kiểm tra'), 'search does not show the record as reviewed');

    await page.goto(`${url}/review`);
    await page.waitForFunction(() => !document.querySelector('#status .loading'));
    expect((await page.locator(`#queue a[href^="/records/${encodeURIComponent(id)}?"]`).count()) === 0, 'the corrected record is still queued');
  });

  await check('an unknown record says so in Vietnamese', async () => {
    await page.goto(`${url}/records/khong-co-ho-so-nay`);
    await page.locator('.notice-error').waitFor();
    expect((await page.textContent('.notice-error')).includes('Không tìm thấy'), 'no Vietnamese not-found message');
  });

  await check('on a phone-sized screen the search, the detail, the record, the reissue and the verification pages fit without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(`${url}/?q=${encodeURIComponent(folded)}&r=${encodeURIComponent(person.id)}`);
    await page.locator('#detail figure.page-figure[data-loaded="true"]').waitFor();
    expect((await overflow()) <= 1, `the search page is ${await overflow()}px wider than the screen`);
    await page.goto(`${url}/records/${encodeURIComponent(person.id)}`);
    await page.locator('.record-reissue').waitFor();
    expect((await overflow()) <= 1, `the record page is ${await overflow()}px wider than the screen`);
    await page.goto(`${url}/reissue?record=${encodeURIComponent(person.id)}`);
    await page.locator('#file-form').waitFor();
    expect((await overflow()) <= 1, `the reissue page is ${await overflow()}px wider than the screen`);
    await shot(page, 'phone-reissue');
    await page.goto(`${url}/verify`);
    expect((await overflow()) <= 1, `the public verification form is ${await overflow()}px wider than the screen`);
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  await check('an unknown page is a Vietnamese 404', async () => {
    const response = await page.goto(`${url}/khong-co-trang-nay`);
    expect(response.status() === 404, `status ${response.status()}`);
    expect((await page.textContent('h1')).includes('Không tìm thấy'), 'no Vietnamese heading');
  });

  await check('no script errors or Content-Security-Policy violations on any page', async () => {
    expect(problems.length === 0, problems.join('\n'));
  });
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
