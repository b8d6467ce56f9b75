#!/usr/bin/env node
// Browser test of the console's layout and wording against the real server.
//
//   node tests/e2e/layout.mjs
//
// Signs in as each role of the console (the city bureau's admin, a district reviewer, an
// institution, 人社, 财政, an auditor) at three screen sizes — a phone (390 × 844), a tablet
// (768 × 1024) and a desktop (1440 × 900) — visits every page of that role's menu, saves a
// screenshot of each to $E2E_ARTIFACTS/layout/ (default build/e2e-artifacts/layout) and checks:
// the page body does not scroll sideways, the header does not cover the content, the breadcrumb
// is there and ends in the page's name, the browser tab says "页面名 - 产品名", and in the Chinese
// locale no visible text is a raw rule or action code or English words (allow-list below). Then
// the phone's drawer menu, a dialog and a wide table on the phone, the sidebar's collapse being
// remembered, and the service's faults: a 500, an unreachable check service and a stopped server
// are each shown as a fault with 重试, never as "暂无数据" or as the user's mistake.
// Needs web/dist (npm run build) and build/anpei. Exits non-zero on any failure.

import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const requireWeb = createRequire(join(ROOT, 'web/package.json'))
const { chromium } = requireWeb('playwright-core')

const BINARY = resolve(ROOT, process.env.ANPEI_BINARY || 'build/anpei')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const ARTIFACTS = join(resolve(ROOT, process.env.E2E_ARTIFACTS || 'build/e2e-artifacts'), 'layout')
const STEP_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 15000)
const NOW = process.env.E2E_NOW || '2026-11-27T10:00:00+08:00'
const PASSWORD = 'E2e-Passw0rd-2026'

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1440, height: 900 },
]

// Latin text the Chinese console may show: the product's own names and units of files.
const ALLOWED_WORDS = new Set(['AnPei', 'API', 'PDF', 'XLSX', 'CSV', 'Excel', 'TOML', 'English', 'ID', 'X'])

// Pages whose wording another part of issue 11 is rewriting: left out of the wording check until
// then (remove the entry when it lands).
// Pages left out of the wording check (none: the audit log reads in Chinese since item 4 landed).
const PENDING_WORDING = {}

// ---- test data -----------------------------------------------------------------------------

function residentId(region, birth, seq) {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0)
  return body + '10X98765432'[sum % 11]
}

function uscc(region, orgBase) {
  const val = (c) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55)
  const ow = [3, 7, 9, 10, 5, 8, 4, 2]
  const os = [...orgBase].reduce((s, c, i) => s + val(c) * ow[i], 0)
  const oc = 11 - (os % 11)
  const org = orgBase + (oc === 10 ? 'X' : oc === 11 ? '0' : String(oc))
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const body = `91${region}${org}`
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...body].reduce((s, c, i) => s + chars.indexOf(c) * w[i], 0)
  return body + chars[(31 - (sum % 31)) % 31]
}

// ---- server --------------------------------------------------------------------------------

const storeArgs = (dbDir) => ['--db', `sqlite:${join(dbDir, 'layout.db')}`, '--key-file', join(dbDir, 'layout.key')]

function addUser(dbDir, username, role, extra = []) {
  const r = spawnSync(
    BINARY,
    ['user', 'add', username, '--role', role, ...extra, '--password-stdin', ...storeArgs(dbDir)],
    {
      cwd: ROOT,
      env: { ...process.env, ANPEI_DATA_DIR: ROOT },
      input: `${PASSWORD}\n`,
      encoding: 'utf8',
      timeout: 60000,
    },
  )
  assert.equal(r.status, 0, `anpei user add ${username} --role ${role} exited ${r.status}\n${r.stdout}\n${r.stderr}`)
}

function startServer(dbDir) {
  return new Promise((resolvePromise, reject) => {
    const args = ['serve', '--listen', '127.0.0.1:0', ...storeArgs(dbDir), '--fixed-clock', NOW]
    const child = spawn(BINARY, args, {
      cwd: ROOT,
      env: { ...process.env, ANPEI_DATA_DIR: ROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let started = false
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s\n${out}\n${err}`)), 30000)
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//)
      if (m && !started) {
        started = true
        clearTimeout(timer)
        resolvePromise({ child, base: `http://127.0.0.1:${m[1]}` })
      }
    })
    child.stderr.on('data', (d) => {
      err += d
      if (err.length > 2e6) err = err.slice(-1e6)
    })
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (!started) reject(new Error(`server exited with ${code}\n${out}\n${err}`))
    })
  })
}

class ApiSession {
  constructor(base) {
    this.base = base
    this.cookie = ''
    this.csrf = ''
  }

  async signIn(username) {
    const r = await this.call('POST', '/session', {
      username,
      password: PASSWORD,
    })
    assert.equal(r.status, 200, `POST /session as ${username}: ${r.status} ${JSON.stringify(r.body)}`)
    this.csrf = r.body.csrf_token
    return this
  }

  async call(method, path, body) {
    const headers = {}
    if (body) headers['Content-Type'] = 'application/json'
    if (this.cookie) headers.Cookie = this.cookie
    if (this.csrf && method !== 'GET') headers['X-CSRF-Token'] = this.csrf
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    })
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]
      if (pair.startsWith('anpei_session=')) this.cookie = pair
    }
    const text = await res.text()
    let parsed = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      parsed = text
    }
    return { status: res.status, body: parsed }
  }

  async must(method, path, body, want = [200, 201]) {
    const r = await this.call(method, path, body)
    assert.ok(want.includes(r.status), `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
}

// ---- checks in the page --------------------------------------------------------------------

// Everything the layout checks need, measured in the page.
function measure() {
  window.scrollTo(0, 0)
  const rect = (sel) => {
    const el = document.querySelector(sel)
    if (!el) return null
    const r = el.getBoundingClientRect()
    return {
      top: r.top,
      bottom: r.bottom,
      left: r.left,
      right: r.right,
      width: r.width,
      height: r.height,
    }
  }
  const header = document.querySelector('[data-test=app-header]')
  const overflowing = []
  if (header) {
    const hr = header.getBoundingClientRect()
    for (const child of header.children) {
      const r = child.getBoundingClientRect()
      if (r.width && (r.top < hr.top - 1 || r.bottom > hr.bottom + 1 || r.right > hr.right + 1 || r.left < hr.left - 1))
        overflowing.push(child.className || child.tagName)
    }
  }
  const crumbs = [...document.querySelectorAll('[data-test=breadcrumb] .el-breadcrumb__inner')].map((x) =>
    x.innerText.trim(),
  )
  const brand = document.querySelector('[data-test=app-header] .brand')
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    header: rect('[data-test=app-header]'),
    subbar: rect('[data-test=app-subbar]'),
    main: rect('[data-test=app-main]'),
    aside: rect('[data-test=app-aside]'),
    headerOverflow: overflowing,
    crumbs,
    brand: brand ? brand.childNodes[0].textContent.trim() : '',
    title: document.title,
  }
}

// Visible text that is a raw code or English words (the Chinese locale). Technical codes shown
// as the small grey tag (.err-code) are allowed; so is what people typed into inputs.
function foreignText(allowed) {
  const allow = new Set(allowed)
  const ruleCode = /\b[A-Z]{2,}_[A-Z_]+\b/
  const actionCode = /\b[a-z]+\.[a-z_]+\b/
  const words = /[A-Za-z][A-Za-z'-]+(?:\s+[A-Za-z][A-Za-z'-]+)+/g
  const out = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim()
    if (!text || !/[A-Za-z]/.test(text)) continue
    const el = n.parentElement
    if (!el || el.closest('.err-code, script, style, noscript, [data-allow-latin]')) continue
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
    const r = el.getBoundingClientRect()
    if (!r.width || !r.height) continue
    if (ruleCode.test(text) || actionCode.test(text)) out.push(text)
    for (const m of text.match(words) || []) {
      if (m.split(/\s+/).some((w) => !allow.has(w))) out.push(text)
    }
  }
  return [...new Set(out)]
}

// ---- the run -------------------------------------------------------------------------------

let passed = 0
const failures = []

async function check(page, name, fn) {
  try {
    await fn()
    passed++
  } catch (e) {
    failures.push(`${name}: ${e.message}`)
    process.stdout.write(`  ✗ ${name}: ${e.message}\n`)
    await page
      .screenshot({
        path: join(ARTIFACTS, `FAILED-${name.replace(/[^\w.-]+/g, '_')}.png`),
      })
      .catch(() => {})
  }
}

// The page has loaded: no loading mask shown, and nothing changed for a moment.
async function settle(page) {
  await page
    .waitForFunction(
      () =>
        ![...document.querySelectorAll('.el-loading-mask')].some(
          (m) => m.getClientRects().length && getComputedStyle(m).display !== 'none',
        ),
      null,
      { timeout: 10000, polling: 50 },
    )
    .catch(() => {})
  await page.waitForTimeout(60)
}

async function signIn(page, base, username) {
  await page.goto(`${base}/sign-in`)
  await page.locator('[data-test=signin-username]').fill(username)
  await page.locator('[data-test=signin-password]').fill(PASSWORD)
  await page.locator('[data-test=signin-submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'))
  await page.locator('[data-test=app-header]').waitFor()
}

// The menu of the signed-in user: [{key, path}], read from the side menu's router links.
// The menu of the signed-in user (the keys of its items), read from the desktop's sidebar.
async function menuOf(page) {
  const menu = page.locator('[data-test=app-aside] [data-test=side-menu]')
  await menu.waitFor()
  return menu.locator('.el-menu-item').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-test').slice(4)))
}

async function visitMenu(page, base, role, vp, itemKey) {
  const phone = vp.width < 768
  if (phone) {
    await page.locator('[data-test=sidebar-toggle]').click()
    await page.locator('.el-drawer[data-test=nav-drawer]').waitFor()
  }
  const before = await page.evaluate(() => location.pathname)
  await page.locator(`[data-test=nav-${itemKey}]:visible`).first().click()
  if (itemKey !== 'dashboard' || before !== '/') await page.waitForFunction((p) => location.pathname !== p, before)
  if (phone) await page.locator('.el-drawer[data-test=nav-drawer]').waitFor({ state: 'hidden' })
  await settle(page)
  const file = join(ARTIFACTS, `${vp.name}-${role}-${itemKey}.png`)
  await page.screenshot({ path: file, fullPage: true })
  const m = await page.evaluate(measure)
  const where = `${vp.name} ${role} ${itemKey}`
  await check(page, `${where} no sideways scroll`, async () =>
    assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth}px wide in a ${m.innerWidth}px window`),
  )
  await check(page, `${where} header`, async () => {
    assert.ok(m.header && m.subbar && m.main, 'header, breadcrumb bar or main missing')
    assert.ok(
      m.header.top >= 0 && m.header.bottom <= m.subbar.top + 0.5,
      `header ${JSON.stringify(m.header)} covers ${JSON.stringify(m.subbar)}`,
    )
    assert.ok(m.subbar.bottom <= m.main.top + 0.5, 'the breadcrumb bar covers the page')
    assert.deepEqual(m.headerOverflow, [], 'header items spill out of the header')
  })
  await check(page, `${where} breadcrumb and title`, async () => {
    assert.ok(m.crumbs.length >= 1, 'no breadcrumb')
    const name = m.crumbs[m.crumbs.length - 1]
    assert.equal(m.title, `${name} - ${m.brand}`)
  })
  await check(page, `${where} sidebar`, async () => {
    if (vp.name === 'phone') assert.equal(m.aside, null, 'the phone shows a sidebar')
    else if (vp.name === 'tablet')
      assert.ok(m.aside && m.aside.width <= 65, `tablet sidebar is ${m.aside && m.aside.width}px wide`)
    else assert.ok(m.aside && m.aside.width >= 180, `desktop sidebar is ${m.aside && m.aside.width}px wide`)
  })
  if (PENDING_WORDING[itemKey]) return
  await check(page, `${where} wording`, async () => {
    const bad = await page.evaluate(foreignText, [...ALLOWED_WORDS])
    assert.deepEqual(bad, [], `raw codes or English shown: ${JSON.stringify(bad)}`)
  })
}

async function main() {
  assert.ok(existsSync(BINARY), `server binary missing: ${BINARY}`)
  assert.ok(existsSync(join(ROOT, 'web/dist/index.html')), 'web/dist missing: run `npm run build` in web/')
  assert.ok(existsSync(CHROMIUM), `Chromium missing: ${CHROMIUM}`)
  mkdirSync(ARTIFACTS, { recursive: true })
  for (const f of readdirSync(ARTIFACTS)) if (f.endsWith('.png')) rmSync(join(ARTIFACTS, f))
  const started = Date.now()

  const dbDir = mkdtempSync(join(tmpdir(), 'anpei-layout-'))
  addUser(dbDir, 'l_admin', 'police_admin', ['--name', '市局管理员'])
  addUser(dbDir, 'l_auditor', 'auditor', ['--name', '审计员'])
  addUser(dbDir, 'l_hrss', 'hrss', ['--name', '人社经办'])
  addUser(dbDir, 'l_finance', 'finance', ['--name', '财政经办'])
  const server = await startServer(dbDir)
  console.log(`server: ${server.base}`)
  let browser
  try {
    // Data so that the lists are not empty: a district, an institution with its account, a
    // district reviewer, a teacher, trainees and a class.
    const admin = await new ApiSession(server.base).signIn('l_admin')
    const districts = await admin.must('GET', '/districts?page_size=100')
    let district = (districts.items || [])[0]
    if (!district) {
      await admin.must('POST', '/districts', {
        code: '350503',
        name: '丰泽区',
      })
      district = { code: '350503', name: '丰泽区' }
    }
    const inst = await admin.must('POST', '/institutions', {
      name: '泉州市安培保安培训学校',
      uscc: uscc(district.code, 'MA2Y0001'),
      district_code: district.code,
      address: '泉州市丰泽区东海街道安培路 1 号',
    })
    await admin.must('POST', '/users', {
      username: 'l_inst',
      display_name: '安培学校教务',
      roles: ['institution'],
      institution_id: inst.id,
      password: PASSWORD,
    })
    await admin.must('POST', '/users', {
      username: 'l_reviewer',
      display_name: '丰泽派出所审核员',
      roles: ['police_reviewer'],
      district_code: district.code,
      password: PASSWORD,
    })
    const clerk = await new ApiSession(server.base).signIn('l_inst')
    const teacher = await clerk.must('POST', '/teachers', {
      institution_id: inst.id,
      name: '陈教官',
      id_number: residentId('350503', '19800101', 11),
      qualification: '保安师二级',
    })
    for (let i = 0; i < 3; i++) {
      await clerk.must('POST', '/trainees', {
        name: `学员${i + 1}`,
        id_number: residentId('350503', '19950101', 100 + i),
        phone: `1380000000${i}`,
        group: 'security_staff',
      })
    }
    const klass = await clerk.must('POST', '/classes', {
      institution_id: inst.id,
      occupation: 'security_guard',
      title: '2026 年第 12 期保安员培训班',
      venue: { address: '泉州市丰泽区东海街道安培路 1 号' },
      teachers: [{ key: 't1', teacher_id: teacher.id }],
      sessions: [
        {
          date: '2026-11-30',
          start: '08:30',
          end: '12:00',
          hours: 4,
          kind: 'theory',
          delivery: 'offline',
          teacher: 't1',
        },
      ],
    })

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=zh-CN',
      ],
    })
    // ---- the sign-in page at each size ----------------------------------------------------------
    {
      const context = await browser.newContext({ locale: 'zh-CN' })
      const page = await context.newPage()
      for (const vp of VIEWPORTS) {
        await page.setViewportSize({ width: vp.width, height: vp.height })
        await page.goto(`${server.base}/sign-in`)
        await page.locator('[data-test=signin-submit]').waitFor()
        await page.screenshot({
          path: join(ARTIFACTS, `${vp.name}-sign-in.png`),
          fullPage: true,
        })
        await check(page, `${vp.name} sign-in page`, async () => {
          const m = await page.evaluate(() => ({
            scrollWidth: document.scrollingElement.scrollWidth,
            innerWidth: window.innerWidth,
            title: document.title,
          }))
          assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth}px wide in a ${m.innerWidth}px window`)
          assert.match(m.title, /^登录 - \S+/)
        })
      }
      await context.close()
    }

    const roles = [
      ['police_admin', 'l_admin'],
      ['police_reviewer', 'l_reviewer'],
      ['institution', 'l_inst'],
      ['hrss', 'l_hrss'],
      ['finance', 'l_finance'],
      ['auditor', 'l_auditor'],
    ]
    for (const [role, username] of roles) {
      const context = await browser.newContext({
        viewport: VIEWPORTS[2],
        locale: 'zh-CN',
      })
      context.setDefaultTimeout(STEP_TIMEOUT)
      const page = await context.newPage()
      const errors = []
      page.on('pageerror', (e) => errors.push(String(e)))
      await signIn(page, server.base, username)
      const keys = await menuOf(page)
      for (const vp of VIEWPORTS) {
        // the shell follows the window's size as it changes (no reload)
        await page.setViewportSize({ width: vp.width, height: vp.height })
        process.stdout.write(
          `▶ ${role} at ${vp.name} (${Math.round((Date.now() - started) / 1000)} s): ${keys.join(' ')}\n`,
        )
        await check(page, `${vp.name} ${role} has a menu`, async () => assert.ok(keys.length >= 1, 'empty menu'))
        for (const key of keys) await visitMenu(page, server.base, role, vp, key)
      }
      await check(page, `${role} no script errors`, async () => assert.deepEqual(errors, []))
      await context.close()
    }

    // ---- the phone: a detail page's breadcrumb, a dialog, a wide table ----------------------
    {
      const context = await browser.newContext({
        viewport: VIEWPORTS[0],
        locale: 'zh-CN',
      })
      context.setDefaultTimeout(STEP_TIMEOUT)
      const page = await context.newPage()
      await signIn(page, server.base, 'l_inst')
      process.stdout.write('▶ phone: class page, dialog, table\n')
      await page.goto(`${server.base}/classes/${klass.id}`)
      await settle(page)
      await page.screenshot({
        path: join(ARTIFACTS, 'phone-institution-class.png'),
        fullPage: true,
      })
      await check(page, 'phone class page', async () => {
        // the class's own crumb comes with the class (slow machines, or a busy one)
        await page.locator('[data-test=breadcrumb] .el-breadcrumb__inner').nth(2).waitFor()
        const m = await page.evaluate(measure)
        assert.ok(m.crumbs.length >= 3, `breadcrumb ${JSON.stringify(m.crumbs)}`)
        assert.ok(m.scrollWidth <= m.innerWidth, `page is ${m.scrollWidth}px wide`)
      })
      await page.goto(`${server.base}/teachers`)
      await settle(page)
      await check(page, 'phone wide table scrolls inside its card', async () => {
        await page.locator('.el-table .el-table__body-wrapper').first().waitFor() // slow machines
        const t = await page.evaluate(() => {
          const table = document.querySelector('.el-table')
          const wrap =
            table.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') ||
            table.querySelector('.el-table__body-wrapper')
          const r = table.getBoundingClientRect()
          return {
            right: r.right,
            width: window.innerWidth,
            scroll: wrap.scrollWidth,
            client: wrap.clientWidth,
          }
        })
        assert.ok(t.right <= t.width, `table ends at ${t.right}px in a ${t.width}px window`)
        assert.ok(t.scroll > t.client, `the table's columns (${t.scroll}px) fit ${t.client}px: nothing to scroll?`)
      })
      await check(page, 'phone dialog fits, labels on top', async () => {
        await page.locator('[data-test=teacher-create]').click()
        const dlg = page.locator('.el-dialog:visible').first()
        await dlg.waitFor()
        await page.waitForTimeout(400)
        await page.screenshot({
          path: join(ARTIFACTS, 'phone-institution-dialog.png'),
        })
        const d = await dlg.evaluate((el) => {
          const r = el.getBoundingClientRect()
          const item = el.querySelector('.el-form-item')
          const label = item.querySelector('.el-form-item__label').getBoundingClientRect()
          const content = item.querySelector('.el-form-item__content').getBoundingClientRect()
          return {
            left: r.left,
            right: r.right,
            width: window.innerWidth,
            labelBottom: label.bottom,
            contentTop: content.top,
          }
        })
        assert.ok(d.left >= 0 && d.right <= d.width, `dialog spans ${d.left}–${d.right}px of ${d.width}px`)
        assert.ok(d.labelBottom <= d.contentTop + 1, 'the form label is beside its field, not on top')
        await page.keyboard.press('Escape')
      })
      await context.close()
    }

    // ---- the desktop: collapsing the sidebar is remembered; the tabs of open pages ------------
    {
      const context = await browser.newContext({
        viewport: VIEWPORTS[2],
        locale: 'zh-CN',
      })
      context.setDefaultTimeout(STEP_TIMEOUT)
      const page = await context.newPage()
      await signIn(page, server.base, 'l_inst')
      process.stdout.write('▶ desktop: collapse, tabs, faults\n')
      await check(page, 'collapse remembered', async () => {
        await page.locator('[data-test=sidebar-toggle]').click()
        await page.waitForFunction(
          () => document.querySelector('[data-test=app-aside]').getBoundingClientRect().width <= 65,
        )
        await page.reload()
        await settle(page)
        const w = await page.locator('[data-test=app-aside]').evaluate((el) => el.getBoundingClientRect().width)
        assert.ok(w <= 65, `after reloading the sidebar is ${w}px wide`)
        await page.locator('[data-test=sidebar-toggle]').click()
      })
      await check(page, 'tabs of open pages', async () => {
        await page.locator('[data-test=nav-teachers]').click()
        await settle(page)
        await page.locator('[data-test=nav-classes]').click()
        await settle(page)
        const tabs = await page.locator('[data-test=open-page]').allInnerTexts()
        assert.ok(tabs.some((x) => x.includes('师资')) && tabs.some((x) => x.includes('培训班')), JSON.stringify(tabs))
        await page.locator('[data-test=open-page]', { hasText: '师资' }).click()
        await page.waitForURL('**/teachers')
      })

      // ---- faults of the service ---------------------------------------------------------------
      await check(page, 'a 500 is a fault with 重试, and 重试 loads the list', async () => {
        await page.route('**/api/v1/trainees?**', (route) =>
          route.fulfill({
            status: 500,
            contentType: 'text/plain',
            body: 'Internal Server Error',
          }),
        )
        await page.goto(`${server.base}/trainees`)
        const fault = page.locator('[data-test=fault-state]')
        await fault.waitFor()
        await page.screenshot({ path: join(ARTIFACTS, 'fault-500.png') })
        assert.match(await fault.innerText(), /服务暂时不可用，请稍后重试/)
        assert.equal(await page.locator('[data-test=list-empty]:visible').count(), 0, '暂无数据 shown for a fault')
        assert.doesNotMatch(await page.locator('body').innerText(), /Internal Server Error/)
        await page.unroute('**/api/v1/trainees?**')
        await page.locator('[data-test=fault-retry]').click()
        await fault.waitFor({ state: 'detached' })
        await page.locator('.el-table__row').first().waitFor()
      })
      await check(page, 'an unreachable check service is not the plan’s fault', async () => {
        await page.route('**/api/v1/plan-checks', (route) => route.abort('connectionrefused'))
        await page.route('**/api/v1/classes/*/check', (route) => route.abort('connectionrefused'))
        await page.goto(`${server.base}/classes/${klass.id}`)
        const panel = page.locator('[data-test=check-panel]')
        await panel.locator('[data-test=fault-state]').waitFor()
        await page.screenshot({
          path: join(ARTIFACTS, 'fault-check-service.png'),
          fullPage: true,
        })
        assert.equal(await panel.locator('[data-test=check-input-error]').count(), 0, 'shown as the user’s mistake')
        assert.doesNotMatch(await panel.innerText(), /计划数据有误/)
        await page.unroute('**/api/v1/plan-checks')
        await page.unroute('**/api/v1/classes/*/check')
        await panel.locator('[data-test=fault-retry]').click()
        await panel.locator('[data-test=fault-state]').waitFor({ state: 'detached' })
      })
      await check(page, 'a stopped server is a fault with 重试, not 暂无数据', async () => {
        await page.goto(`${server.base}/teachers`)
        await settle(page)
        server.child.kill('SIGTERM')
        await new Promise((r) => server.child.once('exit', r))
        await page.locator('.filters button', { hasText: '搜索' }).click()
        const fault = page.locator('[data-test=fault-state]')
        await fault.waitFor()
        await page.screenshot({
          path: join(ARTIFACTS, 'fault-server-stopped.png'),
        })
        assert.match(await fault.innerText(), /服务暂时不可用，请稍后重试/)
        await fault.locator('[data-test=fault-retry]').waitFor()
        assert.equal(await page.locator('[data-test=list-empty]:visible').count(), 0, '暂无数据 shown for a fault')
      })
      await context.close()
    }
  } finally {
    if (browser) await browser.close()
    if (server.child.exitCode === null) server.child.kill('SIGTERM')
    rmSync(dbDir, { recursive: true, force: true })
  }
  const secs = Math.round((Date.now() - started) / 1000)
  console.log(`\n${passed} checks passed, ${failures.length} failed in ${secs} s; screenshots in ${ARTIFACTS}`)
  if (failures.length) {
    for (const f of failures) console.log(`  ✗ ${f}`)
    process.exit(1)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
