#!/usr/bin/env node
// The web console in a real browser: Debian's headless Chromium driven by playwright-core.
//
//   ZHIXING_BINARY=build/zhixing node tests/browser/console.test.js
//
// Sets up a scratch database (demo cases, users with passwords, a relief grant), starts
// `zhixing serve` on a free port and checks, as staff would:
//   - a clerk logs in, launches a document batch, watches it finish, downloads the ZIP, and the
//     ZIP holds valid PDFs (pdfinfo reads each);
//   - the case view masks ID numbers;
//   - finance logs in, uploads a bank confirmation file, sees the line-by-line result and the
//     applicant's balance change;
//   - a clerk's attempt to open the finance page is refused (403);
//   - anyone, without logging in, uploads a served (sealed) document on the verify page and sees
//     it genuine with its case number, kind and date; a copy with one byte changed is not.
// Screenshots of the main pages at 1366×768 go to docs/screens/ (or $ZHIXING_SCREENS_DIR). Prints "ok"/"not ok" per check
// and exits non-zero on any failure, including a missing Chromium (no skipping).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { spawn, execFileSync } = require('child_process');

const root = process.env.ZHIXING_SOURCE_DIR || path.resolve(__dirname, '..', '..');
const binary = process.env.ZHIXING_BINARY || path.join(root, 'build', 'zhixing');
const chromiumPath = process.env.ZHIXING_CHROMIUM || '/usr/bin/chromium';
// ctest writes them into the build folder; run by hand, the script refreshes the README's.
const screens = process.env.ZHIXING_SCREENS_DIR || path.join(root, 'docs', 'screens');
const password = 'Browser-Test-2024';

let failures = 0;
let checks = 0;
function check(ok, name, detail) {
  checks++;
  if (ok) {
    console.log(`ok ${checks} - ${name}`);
  } else {
    failures++;
    console.log(`not ok ${checks} - ${name}${detail ? ' — ' + detail : ''}`);
  }
  return ok;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zhixing-browser-'));
const dbName = `zb_${process.pid}_${Date.now() % 100000}`;
const env = Object.assign({}, process.env, {
  ZHIXING_DB_NAME: dbName,
  ZHIXING_PATHS_OUTPUT: path.join(work, 'out'),
  ZHIXING_WEB_PBKDF2_ITERATIONS: '100000',
});

function zhixing(args, input) {
  return execFileSync(binary, args, { env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// The entries of a ZIP file: name -> bytes (stored or deflated), read from the central directory.
function unzip(buffer) {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries = {};
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(dataStart, dataStart + size);
    entries[name] = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function validPdf(bytes) {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return 'no %PDF- header';
  if (!bytes.subarray(-1024).toString('latin1').includes('%%EOF')) return 'no %%EOF';
  const file = path.join(work, 'check.pdf');
  fs.writeFileSync(file, bytes);
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    if (!/Pages:\s+[1-9]/.test(info)) return 'pdfinfo finds no pages';
  } catch (e) {
    return 'pdfinfo: ' + e.message.split('\n')[0];
  }
  return '';
}

async function startServer() {
  const server = spawn(binary, ['serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('serve did not start: ' + out + log)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}${log}`)));
  });
  return { server, url, log: () => log };
}

function dropDatabase() {
  try {
    const status = zhixing(['db', 'status']);
    const m = status.match(/套接字:\s+(\S+)\s+端口\s+(\d+)/);
    if (!m) return;
    execFileSync('psql', [`host=${m[1]} port=${m[2]} dbname=postgres user=postgres`, '-qc',
      `drop database if exists ${dbName} with (force)`], { stdio: 'ignore' });
  } catch (e) {
    console.log(`# could not drop ${dbName}: ${e.message.split('\n')[0]}`);
  }
}

async function login(page, base, name) {
  await page.goto(base + '/login');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

async function logout(page) {
  await Promise.all([page.waitForNavigation(), page.click('header form button')]);
}

async function main() {
  if (!check(fs.existsSync(chromiumPath), `Chromium is installed at ${chromiumPath}`,
    'install the Debian package chromium (scripts/setup.sh does)')) return;
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch (e) {
    check(false, 'playwright-core is installed', 'run npm ci in tests/browser (scripts/setup.sh does)');
    return;
  }
  check(fs.existsSync(binary), `zhixing binary at ${binary}`);

  // ---- data: demo cases, users with passwords, a relief grant awaiting the bank
  const demo = path.join(work, 'demo.jsonl');
  zhixing(['demo-data', '--cases', '200', '--out', demo]);
  zhixing(['import', demo]);
  const lines = fs.readFileSync(demo, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const reliefCase = lines.find((c) => c.relief);
  const chosen = [lines[0].case_number, lines[1].case_number, lines[2].case_number];
  if (reliefCase && !chosen.includes(reliefCase.case_number)) chosen[2] = reliefCase.case_number;
  try { zhixing(['relief', 'assess', '--date', '2024-12-31']); } catch (e) { /* exit 3: some need review */ }
  for (const [name, role] of [['陈静', 'clerk'], ['王会计', 'finance'], ['李审计', 'auditor'], ['管理员', 'admin']]) {
    zhixing(['users', 'add', name, '--role', role]);
    zhixing(['users', 'passwd', name, '--password-stdin'], password + '\n');
  }
  zhixing(['ledger', 'post', '--user', '王会计', '--amount', '100000', '--key', '易财行〔2024〕9号',
    '--year', '2024', '--date', '2024-01-02']);
  // The ledger pays only a recorded panel decision whose document was issued: take a
  // granted demo decision, numbered by `relief assess`, issue its 决定书, then post its grant.
  const grantCase = lines.find((c) => c.relief && c.relief.panel && c.relief.panel.granted);
  check(grantCase !== undefined, 'the demo data has a granted relief decision');
  const grantee = grantCase.parties.find((p) => p.id === grantCase.relief.applicant).name;
  const owed = '¥' + Number(grantCase.relief.panel.amount).toLocaleString('en-US',
    { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const reliefNumber = zhixing(['relief', 'list']).split('\n')
    .map((l) => l.split('\t')).find((f) => f[0] === grantCase.case_number)[5];
  zhixing(['docs', '--kind', 'relief-decision', '--case', grantCase.case_number, '--user', '陈静',
    '--out', path.join(work, 'decisions')]);
  zhixing(['ledger', 'grant', '--user', '王会计', '--decision', reliefNumber]);
  // a batch from the command line with an unknown case: the runs page shows its failed item
  try {
    zhixing(['batch', '--kind', 'notice', '--case', lines[3].case_number, '--case', '（2024）冀0633执9999号', '--user', '陈静']);
  } catch (e) { /* exit 3: one item skipped, as intended */ }
  const bankFile = path.join(work, 'confirmation-2024.csv');
  zhixing(['ledger', 'bank-file', '--year', '2024', '--paid-on', '2024-12-31', '--out', bankFile]);

  const { server, url: base, log } = await startServer();
  const browser = await playwright.chromium.launch({ executablePath: chromiumPath, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
    const page = await context.newPage();
    fs.mkdirSync(screens, { recursive: true });
    const shot = (name) => page.screenshot({ path: path.join(screens, name) });

    // ---- login page
    await page.goto(base + '/login');
    check((await page.textContent('h1')).includes('登录'), 'the login page is in Chinese');
    await shot('login.png');
    await page.fill('input[name=name]', '陈静');
    await page.fill('input[name=password]', 'wrong-password');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    check((await page.textContent('.error-message')).includes('用户名或密码错误'), 'a wrong password is refused with a Chinese message');

    // ---- clerk: launch a batch, watch it, download the ZIP
    await login(page, base, '陈静');
    check(page.url().endsWith('/runs'), 'the clerk lands on the runs page', page.url());
    check(!(await page.textContent('header nav')).includes('财务台账'), 'the clerk has no finance link');
    await page.goto(base + '/batch');
    await page.selectOption('select[name=kind]', 'notice');
    await page.fill('textarea[name=cases]', chosen.join('\n'));
    await shot('batch-form.png');
    await Promise.all([page.waitForNavigation(), page.click('form.batch-form button[type=submit]')]);
    check(/\/batch\/web-/.test(page.url()), 'launching the batch opens its progress page', page.url());
    // the page polls the JSON and reloads when the batch has finished
    await page.waitForSelector('h1 .badge-completed, h1 .badge-failed', { timeout: 300000 });
    check(await page.isVisible('h1 .badge-completed'), 'the batch completes', await page.textContent('h1'));
    const rows = await page.$$('#documents table tbody tr');
    const listedCases = new Set(await page.$$eval('#documents table tbody tr td:first-child', (tds) => tds.map((td) => td.innerText.trim())));
    check(rows.length >= 3 && chosen.every((c) => listedCases.has(c)), 'the batch lists a notice for each chosen case',
      `${rows.length} rows: ${[...listedCases].join(', ')}`);
    await shot('batch.png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#zip')]);
    const zipBytes = fs.readFileSync(await download.path());
    let entries = {};
    try { entries = unzip(zipBytes); } catch (e) { check(false, 'the ZIP can be read', e.message); }
    const pdfs = Object.keys(entries).filter((n) => n.endsWith('.pdf'));
    check(pdfs.length === rows.length, `the ZIP holds the batch's ${rows.length} PDFs`, Object.keys(entries).join(', '));
    for (const name of pdfs) {
      const problem = validPdf(entries[name]);
      check(problem === '', `${name} is a valid PDF`, problem);
    }
    check('manifest.csv' in entries && entries['manifest.csv'].toString('utf8').includes(chosen[0]),
      'the ZIP has a manifest naming the cases');

    // one PDF on its own
    const [single] = await Promise.all([page.waitForEvent('download'), page.click('a.download >> nth=0')]);
    check(validPdf(fs.readFileSync(await single.path())) === '', 'one document downloads as a valid PDF');

    // ---- runs list and detail
    await page.goto(base + '/runs');
    check((await page.$$('main table tbody tr')).length >= 1, 'the runs page lists the batch');
    await shot('runs.png');
    await page.click('main table tbody tr:has-text("request=陈静") a');
    await page.waitForSelector('h2');
    const runText = await page.textContent('main');
    check(runText.includes('render-documents'), 'the run detail shows its steps');
    check(runText.includes('not_applicable') && runText.includes('案件不存在'), 'the run detail shows the failed item with its reason');
    await shot('run.png');

    // ---- case view: ID numbers masked
    const caseNumber = chosen[2];
    await page.goto(base + '/cases?number=' + encodeURIComponent(caseNumber));
    await Promise.all([page.waitForNavigation(), page.click('main table tbody tr a >> nth=0')]);
    const caseText = await page.textContent('main');
    check(caseText.includes(caseNumber), 'the case view opens', caseNumber);
    check(!/\d{17}[\dX]/.test(caseText), 'no full ID number on the case view');
    check(/\d{6}\*+\d{3}[\dX]/.test(caseText), 'ID numbers are shown masked');
    check(caseText.includes('已签发文书') && caseText.includes('SHA-256'), 'the case view lists issued documents with SHA-256');
    await shot('case.png');
    if (reliefCase && reliefCase.case_number === caseNumber) {
      check(caseText.includes('司法救助评估') && caseText.includes('结论'), 'the case view explains the relief assessment');
      await page.locator('h2:has-text("司法救助评估")').scrollIntoViewIfNeeded();
      await shot('case-relief.png');
    }

    // ---- a clerk cannot open the finance page
    const refused = await page.goto(base + '/finance');
    check(refused.status() === 403, 'the finance page refuses a clerk with 403', `got ${refused.status()}`);
    check((await page.textContent('main')).includes('无权执行此操作'), 'the refusal says 无权执行此操作');
    await logout(page);

    // ---- finance: upload the bank confirmation, see the balance change
    await login(page, base, '王会计');
    check(page.url().endsWith('/finance'), 'finance lands on the finance page', page.url());
    const payable = async () => {
      const cells = await page.$$eval('main table tbody tr', (trs) => trs.map((tr) => tr.innerText));
      const row = cells.find((t) => t.includes('应付救助金') && t.includes(grantee));
      return row ? row.split('\t').pop().trim() : '';
    };
    const before = await payable();
    check(before === owed, `before the upload ${grantee} is owed ${owed}`, before);
    await page.setInputFiles('input[type=file]', bankFile);
    await Promise.all([page.waitForNavigation(), page.click('form.upload button[type=submit]')]);
    const result = await page.textContent('#confirmation-result');
    check(result.includes('已登记支付'), 'the upload shows the line-by-line result', result.slice(0, 200));
    const after = await payable();
    check(after === '¥0.00', `after the upload ${grantee} is owed ¥0.00`, after);
    check((await page.textContent('#verify')).includes('通过'), 'the ledger verification passes');
    await shot('finance.png');
    await logout(page);
    await context.close();

    // ---- the public verify page: no login, a served document and a tampered copy
    const visitor = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const vpage = await visitor.newPage();
    const served = path.join(work, 'served.pdf');
    fs.writeFileSync(served, entries[pdfs[0]]);
    await vpage.goto(base + '/verify');
    check(vpage.url().endsWith('/verify'), 'the verify page opens without a login', vpage.url());
    check((await vpage.textContent('h1')).includes('文书核验'), 'the verify page is in Chinese');
    await vpage.setInputFiles('input[type=file]', served);
    await Promise.all([vpage.waitForNavigation(), vpage.click('form.verify-form button[type=submit]')]);
    const verdict = await vpage.textContent('#verify-result');
    const servedCase = (entries['manifest.csv'] || Buffer.from('')).toString('utf8');
    check(verdict.includes('真实有效'), 'a served document is genuine', verdict.slice(0, 200));
    const shownNumber = ((await vpage.textContent('#verify-result .case-number')) || '').trim();
    check(shownNumber !== '' && servedCase.includes(shownNumber.replace(/之.*$/, '')),
      'the verdict names the case number', shownNumber);
    check(((await vpage.textContent('#verify-result .kind')) || '').includes('执行通知书'),
      'the verdict names the kind');
    check(/^\d{4}-\d{2}-\d{2}$/.test(((await vpage.textContent('#verify-result .date')) || '').trim()),
      'the verdict gives the date');
    await vpage.screenshot({ path: path.join(screens, 'verify.png') });
    const tampered = Buffer.from(entries[pdfs[0]]);
    const at = tampered.indexOf('/Title');
    tampered[at > 0 ? at + 1 : 100] ^= 0x01;
    const tamperedFile = path.join(work, 'tampered.pdf');
    fs.writeFileSync(tamperedFile, tampered);
    await vpage.goto(base + '/verify');
    await vpage.setInputFiles('input[type=file]', tamperedFile);
    await Promise.all([vpage.waitForNavigation(), vpage.click('form.verify-form button[type=submit]')]);
    const refusedVerdict = await vpage.textContent('#verify-result');
    check(refusedVerdict.includes('不能确认') && /modified|bad_signature/.test(refusedVerdict),
      'a document with one byte changed is not genuine', refusedVerdict.slice(0, 200));
    await vpage.screenshot({ path: path.join(screens, 'verify-tampered.png') });
    await visitor.close();
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (failures) console.log('# server log:\n' + log().split('\n').slice(-20).join('\n'));
  }
}

main()
  .catch((e) => { check(false, 'the browser test ran to the end', e.stack || String(e)); })
  .finally(() => {
    dropDatabase();
    fs.rmSync(work, { recursive: true, force: true });
    console.log(`# ${checks - failures}/${checks} checks passed`);
    process.exit(failures || checks === 0 ? 1 : 0);
  });
