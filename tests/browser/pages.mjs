// The staff pages in a real browser (Debian's chromium driven by
// playwright-core). Started by run.sh, which provides the server and a staff
// account through the environment. Prints one line per check and
// "N passed, N failed"; exits 1 when any check failed.

import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const url = process.env.SOVANG_URL;
const user = process.env.SOVANG_USER;
const password = process.env.SOVANG_PASSWORD;
const recordsFile = process.env.SOVANG_RECORDS;
const executablePath = process.env.SOVANG_CHROMIUM || '/usr/bin/chromium';
const profile = process.env.SOVANG_PROFILE;
if (!url || !user || !password || !recordsFile || !profile) {
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

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(error && error.stack ? error.stack : error).split('\n').slice(0, 4).join('\n     ')}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
  viewport: { width: 1366, height: 900 },
  locale: 'vi-VN',
});
const problems = [];  // console errors, uncaught exceptions, CSP violations
const page = browser.pages()[0] || (await browser.newPage());
page.setDefaultTimeout(15000);
page.on('console', (msg) => {
  // 401 before logging in and 404 for an unknown record are expected: the pages handle them.
  if (msg.type() === 'error' && !/status of (401|404)/.test(msg.text())) problems.push(`console: ${msg.text()}`);
});
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

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
    await page.fill('#username', user);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${url}/`), page.click('#login-submit')]);
  });

  await check(`typing the folded name "${folded}" finds ${person.full_name}`, async () => {
    await page.goto(`${url}/`);
    await page.fill('#q', folded);
    await page.press('#q', 'Enter');
    const hit = page.locator('.hit-link', { has: page.locator('.hit-name', { hasText: person.full_name }) }).first();
    await hit.waitFor();
    expect((await page.textContent('#status')).includes('Tìm thấy'), 'no result count');
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

  await check('an unknown record says so in Vietnamese', async () => {
    await page.goto(`${url}/records/khong-co-ho-so-nay`);
    await page.locator('.notice-error').waitFor();
    expect((await page.textContent('.notice-error')).includes('Không tìm thấy'), 'no Vietnamese not-found message');
  });

  await check('the review queue loads', async () => {
    await page.goto(`${url}/review`);
    expect((await page.textContent('h1')) === 'Hồ sơ cần kiểm tra', 'wrong heading');
    await page.waitForFunction(() => !document.querySelector('#status .loading'));
    expect((await page.locator('#status .notice-error').count()) === 0, await page.textContent('#status'));
  });

  await check('on a phone-sized screen the search and the detail fit without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/?q=${encodeURIComponent(folded)}&r=${encodeURIComponent(person.id)}`);
    await page.locator('#detail figure.page-figure[data-loaded="true"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, `the page is ${overflow}px wider than the screen`);
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
