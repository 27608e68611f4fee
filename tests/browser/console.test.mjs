// End-to-end tests of the assay console in a real browser: Debian's Chromium, headless, driven by
// puppeteer-core. Starts `assay serve` on 127.0.0.1 over the sample federation (trust time pinned
// to 2026-01-15T00:00:00Z, as run.sh and the HTTP tests do), opens every page, follows links,
// submits the search and diff forms, uploads a chain and signed documents and reads the answers,
// and fails on any console error, page error, failed request or unexpected HTTP error. A
// screenshot of each page goes to $ASSAY_SCREENSHOT_DIR (build/browser-screenshots).
// Exit codes: 0 passed, 1 failed, 77 skipped (Chromium cannot start; ctest SKIP_RETURN_CODE).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = process.env.ASSAY_SOURCE_DIR || path.resolve(here, '../..');
const binary = process.env.ASSAY_BINARY || path.join(source, 'build/assay');
const shots = process.env.ASSAY_SCREENSHOT_DIR || path.join(source, 'build/browser-screenshots');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const fed = path.join(source, 'samples/federation');
const trustTime = '2026-01-15T00:00:00Z';

let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch (e) {
  console.error(`browser tests: puppeteer-core is not installed in ${here} (run \`npm ci\` there; ` +
                'scripts/install-deps.sh does it): ' + e.message);
  process.exit(1);
}
if (!fs.existsSync(binary)) {
  console.error(`browser tests: no assay binary at ${binary} (set ASSAY_BINARY)`);
  process.exit(1);
}

// ---- the server -------------------------------------------------------------------------------
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-browser-'));
const auditDir = path.join(work, 'audits');
fs.mkdirSync(auditDir);
const server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--mirror', path.join(fed, 'urls.tsv'),
  '--oj', path.join(fed, 'oj/old-anchor.pem'), '--lotl-url', 'https://federation.assay.invalid/lotl.xml',
  '--trust-time', trustTime, '--store', path.join(work, 'store'), '--audit-dir', auditDir],
  { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const base = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('assay serve did not start: ' + serverErr)), 30000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error(`assay serve exited (${code}): ${serverErr}`)));
});
for (let i = 0; i < 120; ++i) {
  const r = await fetch(base + '/ready').catch(() => null);
  if (r && r.ok) break;
  await new Promise((res) => setTimeout(res, 250));
}

function stopServer() {
  try { server.kill('SIGTERM'); } catch { /* already gone */ }
  fs.rmSync(work, { recursive: true, force: true });
}

// ---- the browser ------------------------------------------------------------------------------
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    timeout: 60000,
  });
} catch (e) {
  console.log(`SKIP: Chromium cannot start (${chromium}): ${e.message.split('\n')[0]}`);
  stopServer();
  process.exit(77);
}
fs.mkdirSync(shots, { recursive: true });

const problems = [];      // console errors, page errors, failed requests: each fails the run
let allowedStatus = [];   // HTTP errors a step expects (an error page on purpose)
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
function watch(p) {
  p.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chrome logs an error page's status as a console error; a step that expects it allows it.
    const status = m.text().match(/responded with a status of (\d+)/);
    if (status && allowedStatus.includes(Number(status[1]))) return;
    problems.push(`console error on ${p.url()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`page error on ${p.url()}: ${e.message}`));
  p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  p.on('response', (r) => {
    if (r.status() >= 400 && !allowedStatus.includes(r.status())) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
}
watch(page);

let passed = 0, failed = 0;
async function step(name, fn) {
  const before = problems.length;
  try {
    await fn();
    if (problems.length > before) throw new Error(problems.slice(before).join('; '));
    ++passed;
    console.log(`ok   ${name}`);
  } catch (e) {
    ++failed;
    console.log(`FAIL ${name}: ${e.message}`);
    try { await page.screenshot({ path: path.join(shots, `FAILED-${name.replace(/\W+/g, '-')}.png`), fullPage: true }); } catch { /* none */ }
  } finally {
    allowedStatus = [];
  }
}
function check(cond, message) { if (!cond) throw new Error(message); }
async function shot(name, p = page) { await p.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true }); }
async function clickAndWait(selector, p = page) {
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.click(selector)]);
}
const text = (sel, p = page) => p.$eval(sel, (e) => e.textContent.trim());

// ---- the pages --------------------------------------------------------------------------------
await step('root redirects to the lists page', async () => {
  const r = await page.goto(base + '/', { waitUntil: 'load' });
  check(r.ok(), `status ${r.status()}`);
  check(new URL(page.url()).pathname === '/console/', `landed on ${page.url()}`);
  check((await text('h1')) === 'Trusted lists in force', 'h1');
  check((await page.$$('#lists tbody tr')).length >= 2, 'the lists table has rows');
  check(await page.$('a.json[href="/api/v1/lists"]'), 'a JSON link');
  const css = await page.evaluate(() => getComputedStyle(document.querySelector('header')).display);
  check(css === 'flex', 'the stylesheet applies');
  await shot('lists');
});

await step('keyboard: Tab reaches the links with a visible focus', async () => {
  await page.keyboard.press('Tab');
  const tag = await page.evaluate(() => document.activeElement.tagName + ' ' + document.activeElement.textContent);
  check(tag.startsWith('A '), `first Tab focuses ${tag}`);
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(outline !== 'none', 'a focus outline');
});

await step('the script filters the lists table', async () => {
  await page.type('#filter-lists', 'XA');
  const visible = await page.$$eval('#lists tbody tr', (rows) => rows.filter((r) => !r.hidden).length);
  check(visible >= 1, 'XA stays');
  await page.evaluate(() => { const i = document.querySelector('#filter-lists'); i.value = ''; i.dispatchEvent(new Event('input')); });
});

await step('phone-sized screen: no sideways scrolling', async () => {
  await page.setViewport({ width: 375, height: 800 });
  await page.reload({ waitUntil: 'load' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 1, `the page is ${overflow}px wider than the screen`);
  await shot('lists-phone');
  await page.setViewport({ width: 1280, height: 900 });
  await page.reload({ waitUntil: 'load' });
});

let firstService = '';
await step('a list: providers and services, then the search form', async () => {
  await clickAndWait('a[href="/console/lists/XA"]');
  check(page.url().endsWith('/console/lists/XA'), page.url());
  const rows = await page.$$('#services tbody tr');
  check(rows.length > 0, 'services listed');
  firstService = await page.$eval('#services tbody tr a[href^="/console/services/"]', (a) => a.getAttribute('href'));
  await shot('list-XA');
  const provider = await page.$eval('#services tbody tr td', (td) => td.textContent.trim());
  const needle = provider.slice(0, 6);
  await page.type('#q', needle);
  await clickAndWait('form[role=search] button[type=submit]');
  check(page.url().includes('q='), 'the search is a GET URL');
  const cells = await page.$$eval('#services tbody tr', (trs) => trs.map((r) => r.textContent.toLowerCase()));
  check(cells.length > 0 && cells.every((c) => c.includes(needle.toLowerCase())), `every row matches "${needle}"`);
  await shot('list-XA-search');
  await page.goto(base + '/console/lists/XA?q=no-such-provider-anywhere', { waitUntil: 'load' });
  check((await page.$$('#services tbody tr')).length === 0, 'no row for a name nobody has');
});

await step('version history and a diff between two versions', async () => {
  await page.goto(base + '/console/lists/XA', { waitUntil: 'load' });
  await clickAndWait('a[href="/console/lists/XA/history"]');
  check((await text('h1')).includes('version history'), 'history h1');
  await shot('history-XA');
  await clickAndWait('form[action="/console/lists/XA/diff"] button');
  check(page.url().includes('/console/lists/XA/diff?from='), page.url());
  check((await page.content()).includes('Services added'), 'the diff lists added services');
  await shot('diff-XA');
});

await step('a service: timeline image, states, identities', async () => {
  await page.goto(base + firstService, { waitUntil: 'load' });
  const width = await page.$eval('img.timeline', (img) => img.naturalWidth);
  check(width > 0, 'the SVG timeline loaded');
  check((await page.$$('details')).length >= 1, 'states as details');
  const expand = await page.$('[data-expand] > button');
  check(expand, 'the script added "Expand all"');
  await expand.click();
  const closed = await page.$$eval('details', (ds) => ds.filter((d) => !d.open).length);
  check(closed === 0, 'every state opened');
  check((await page.content()).includes('Digital identities'), 'identities');
  await shot('service');
});

await step('services across lists: search by territory', async () => {
  await page.goto(base + '/console/services', { waitUntil: 'load' });
  await page.select('#territory', 'XA');
  await clickAndWait('form[role=search] button[type=submit]');
  const territories = await page.$$eval('#services tbody tr td:first-child', (tds) => tds.map((t) => t.textContent.trim()));
  check(territories.length > 0 && territories.every((t) => t === 'XA'), 'only XA');
  await shot('services');
});

await step('reading works without JavaScript', async () => {
  const p = await browser.newPage();
  watch(p);
  await p.setJavaScriptEnabled(false);
  await p.goto(base + '/console/lists/XA', { waitUntil: 'load' });
  await p.type('#q', 'zzzz-nothing');
  await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), p.click('form[role=search] button[type=submit]')]);
  check((await p.$$('#services tbody tr')).length === 0, 'the search ran server-side');
  await p.close();
});

async function apiJson(route, body) {
  const r = await fetch(base + route, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return r.json();
}

await step('Ask: upload a certificate, read the qualification and the validation', async () => {
  await page.goto(base + '/console/ask', { waitUntil: 'load' });
  await shot('ask');
  const input = await page.$('#chain');
  await input.uploadFile(path.join(fed, 'certs/esig-qscd.pem'));
  await clickAndWait('form[action="/console/ask/certificate"] button[type=submit]');
  const html = await page.content();
  check(html.includes('At issuance') && html.includes('The evidence, in words'), 'the answer with its evidence');
  const label = await page.$eval('main > p strong', (s) => s.textContent.trim());
  const api = await apiJson('/api/v1/qualification', { certificates: [fs.readFileSync(path.join(fed, 'certs/esig-qscd.pem'), 'utf8')], at: trustTime });
  check(label === api.result.label, `page says ${label}, the API ${api.result.label}`);
  check(html.includes('Validation (EN 319 102-1)'), 'the validation');
  await shot('ask-certificate');
});

await step('Ask: paste a chain (end entity + issuing CA) as PEM', async () => {
  await page.goto(base + '/console/ask', { waitUntil: 'load' });
  // certs/esig-qscd.pem holds the end entity and its issuing CA (samples/federation/README.md).
  const chain = fs.readFileSync(path.join(fed, 'certs/esig-qscd.pem'), 'utf8');
  check((chain.match(/BEGIN CERTIFICATE/g) || []).length >= 2, 'the sample is a chain');
  await page.$eval('#pem', (t, v) => { t.value = v; }, chain);
  await clickAndWait('form[action="/console/ask/certificate"] button[type=submit]');
  const html = await page.content();
  check(html.includes('Qualification (ETSI TS 119 615)'), 'answered');
  check(html.includes('Services of the trusted lists that match'), 'the matching services are named');
  await shot('ask-chain');
});

await step('Ask: upload a signed document, read the report, expand the details', async () => {
  await page.goto(base + '/console/ask', { waitUntil: 'load' });
  await (await page.$('#document')).uploadFile(path.join(fed, 'signatures/b-enveloped.xml'));
  await clickAndWait('form[action="/console/ask/signature"] button[type=submit]:not([formaction])');
  const indication = await page.$eval('section.box p strong', (s) => s.textContent.trim());
  const doc = fs.readFileSync(path.join(fed, 'signatures/b-enveloped.xml')).toString('base64');
  const api = await apiJson('/api/v1/signatures/validation', { document: doc, at: trustTime });
  check(indication === api.signatures[0].indication, `page says ${indication}, the API ${api.signatures[0].indication}`);
  await page.click('section [data-expand] > button');
  check(await page.$eval('section details', (d) => d.open), 'the detailed view opens');
  await shot('ask-signature');
});

await step('Ask: a detached signature with its content', async () => {
  await page.goto(base + '/console/ask', { waitUntil: 'load' });
  await (await page.$('#document')).uploadFile(path.join(fed, 'signatures/b-detached.xml'));
  await (await page.$('#detached')).uploadFile(path.join(fed, 'signatures/b-detached.txt'));
  await clickAndWait('form[action="/console/ask/signature"] button[type=submit]:not([formaction])');
  const html = await page.content();
  check(html.includes('Covers b-detached.txt') || html.includes('b-detached.txt'), 'the scope names the detached file');
  await shot('ask-signature-detached');
});

await step('Ask: the report downloads as JSON and as ETSI XML', async () => {
  const form = new FormData();
  form.append('document', new Blob([fs.readFileSync(path.join(fed, 'signatures/b-enveloped.xml'))]), 'b-enveloped.xml');
  form.append('at', trustTime);
  for (const [kind, type, marker] of [['etsi', 'application/xml', 'ValidationReport'], ['json', 'application/json', 'signatures_count']]) {
    const r = await fetch(`${base}/console/ask/signature?download=${kind}`, { method: 'POST', body: form });
    check(r.ok, `${kind}: ${r.status}`);
    check(r.headers.get('content-type').startsWith(type), `${kind} type`);
    check(r.headers.get('content-disposition').startsWith('attachment'), `${kind} is a download`);
    check((await r.text()).includes(marker), `${kind} content`);
  }
});

await step('Audits: the folder, and an upload that is not a package', async () => {
  await page.goto(base + '/console/audits', { waitUntil: 'load' });
  check((await page.content()).includes('The audit folder holds no .asice package yet.'), 'the folder is listed');
  await shot('audits');
  const junk = path.join(work, 'junk.asice');
  fs.writeFileSync(junk, 'not a package');
  await (await page.$('#package')).uploadFile(junk);
  await clickAndWait('form[action="/console/audits"] button[type=submit]');
  const html = await page.content();
  check(html.includes('NOT INTACT'), 'the seal status comes first');
  check(html.includes('What to do:'), 'the page says what to do');
  await shot('audits-error');
});

await step('error pages say what to do', async () => {
  allowedStatus = [404];
  const r = await page.goto(base + '/console/lists/ZZ', { waitUntil: 'load' });
  check(r.status() === 404, `status ${r.status()}`);
  check((await page.content()).includes('What to do:'), 'advice');
  await shot('error-404');
});

await step('every console link on the lists page resolves', async () => {
  await page.goto(base + '/console/', { waitUntil: 'load' });
  const links = [...new Set(await page.$$eval('a[href^="/"]', (as) => as.map((a) => a.getAttribute('href'))))];
  for (const href of links) {
    const r = await fetch(base + href);
    check(r.ok, `${href}: ${r.status}`);
  }
});

await browser.close();
stopServer();
console.log(`\nscreenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
