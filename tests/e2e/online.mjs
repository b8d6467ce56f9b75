// Browser test of online learning (issue 14, item 4), called by run.mjs after the attendance
// scenario, against its own server and store: 人社 adds an approved platform and issues its token
// (shown once); the institution of an approved class with online sessions imports another
// platform's 汇总表 and 明细表 — first with a bad row (refused whole, the problem shown with its
// table, row and column), then corrected (imported, the trainees' online hours shown).

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// h: the runner's helpers {chromium, CHROMIUM, HEADED, STEP_TIMEOUT, step, shot, addUser,
// startServer, stopServer, ApiSession, signInUi, residentId, uscc, PASSWORD}.
export async function onlineScenario(h) {
  const { ApiSession, step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-online-'))
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  h.addUser(dir, 'on_hrss', 'hrss', ['--name', '人社经办'])
  const server = await h.startServer(dir)
  console.log(`online server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- an approved class with two online sessions, through the API ----
    const admin = await new ApiSession(server.base).signIn('admin')
    await admin.call('POST', '/districts', { code: '350503', name: '丰泽区' })
    const inst = await admin.call('POST', '/institutions', {
      name: '泉州市安培线上学习测试学校',
      uscc: h.uscc('350503', 'MA4C0002'),
      district_code: '350503',
    })
    assert.equal(inst.status, 201, `POST /institutions: ${JSON.stringify(inst.body)}`)
    const user = await admin.call('POST', '/users', {
      username: 'on_inst',
      display_name: '线上学习教务',
      roles: ['institution'],
      institution_id: inst.body.id,
      password: h.PASSWORD,
    })
    assert.equal(user.status, 201, `POST /users: ${JSON.stringify(user.body)}`)
    const instApi = await new ApiSession(server.base).signIn('on_inst')
    const teacher = await instApi.call('POST', '/teachers', {
      institution_id: inst.body.id,
      name: '林志远',
      id_number: h.residentId('350503', '19790411', 51),
    })
    assert.equal(teacher.status, 201, `POST /teachers: ${JSON.stringify(teacher.body)}`)
    const people = [
      { name: '黄晓东', id_number: h.residentId('350503', '19950301', 61) },
      { name: '郑雅琴', id_number: h.residentId('350503', '19960402', 62) },
    ]
    const roster = []
    for (const p of people) {
      const r = await instApi.call('POST', '/trainees', { ...p, phone: '13900000201', group: 'security_staff' })
      assert.equal(r.status, 201, `POST /trainees: ${JSON.stringify(r.body)}`)
      roster.push(r.body.id)
    }
    const dates = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']
    const made = await instApi.call('POST', '/classes', {
      institution_id: inst.body.id,
      occupation: 'security_guard',
      title: '2026 年保安员线上学习班',
      venue: { address: '泉州市丰泽区东海街道安培路 1 号' },
      teachers: [{ key: 't1', teacher_id: teacher.body.id }],
      sessions: dates.map((date, i) => ({
        date,
        start: '08:30',
        end: '11:30',
        hours: 4,
        kind: i >= 3 ? 'practical' : 'theory',
        delivery: i < 2 ? 'online' : 'offline',
        teacher: 't1',
      })),
      roster,
    })
    assert.equal(made.status, 201, `POST /classes: ${JSON.stringify(made.body)}`)
    const classId = made.body.id
    const declared = await instApi.call('POST', `/classes/${classId}/declare`, { version: made.body.version })
    assert.equal(declared.status, 200, `declare: ${JSON.stringify(declared.body)}`)
    const approved = await admin.call('POST', `/classes/${classId}/review`, {
      decision: 'approve',
      reason: '',
      version: declared.body.version,
    })
    assert.equal(approved.status, 200, `approve: ${JSON.stringify(approved.body)}`)

    // ---- the platform's tables ----
    const summaryHead = '姓名,身份证号码,手机号码,学习开始时间,学习结束时间,职业（工种）或课程,学习时长（分钟）,学时,考试成绩,照片'
    const detailHead = '姓名,身份证号,手机号,课程,开始时间,结束时间,学习时长（分钟）,学时,人脸抓拍次数'
    const summary = [summaryHead]
    const detail = [detailHead]
    for (const p of people) {
      summary.push(`${p.name},${p.id_number},13900000201,2026-12-07 08:30,2026-12-08 11:30,保安员,360,8,88,有`)
      detail.push(`${p.name},${p.id_number},13900000201,安全防范基础,2026-12-07 08:30,2026-12-07 11:30,180,4,8`)
      detail.push(`${p.name},${p.id_number},13900000201,法律法规,2026-12-08 08:30,2026-12-08 11:30,180,4,8`)
    }
    const files = {
      summary: join(dir, '线上学习汇总表.csv'),
      detail: join(dir, '线上学习明细表.csv'),
      badDetail: join(dir, '线上学习明细表（有误）.csv'),
    }
    writeFileSync(files.summary, summary.join('\r\n') + '\r\n')
    writeFileSync(files.detail, detail.join('\r\n') + '\r\n')
    // Row 3: 7 face captures for 4 class hours (at least 8 are needed).
    writeFileSync(files.badDetail, detail.map((l, i) => (i === 2 ? l.replace(/,8$/, ',7') : l)).join('\r\n') + '\r\n')

    browser = await h.chromium.launch({
      executablePath: h.CHROMIUM,
      headless: !h.HEADED,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'],
    })
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    context.setDefaultTimeout(h.STEP_TIMEOUT)
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))

    await step(page, 'online-platform-added-and-token-issued-once', async () => {
      await h.signInUi(page, server.base, 'on_hrss')
      await page.locator('.el-menu-item', { hasText: '线上学习平台' }).click()
      await page.locator('[data-test=platforms-table]').getByText('中国职业培训在线').waitFor()
      await page.locator('[data-test=platform-name]').fill('泉州安保云课堂')
      await page.locator('[data-test=platform-approved]').click()
      await page.locator('[data-test=platform-add] button[type=submit]').click()
      const row = page.locator('[data-test=platforms-table] .el-table__row', { hasText: '泉州安保云课堂' })
      await row.waitFor()
      await row.getByText('管理令牌').click()
      await page.locator('[data-test=token-name]').fill('正式环境')
      await page.locator('[data-test=platform-tokens] button[type=submit]').click()
      const issued = page.locator('[data-test=token-issued]')
      await issued.waitFor()
      const token = (await issued.locator('code').textContent()).trim()
      assert.ok(token.length >= 32, `token shown: ${token}`)
      await page.locator('[data-test=platform-tokens] .el-table__row', { hasText: '正式环境' }).waitFor()
      await h.shot(page, 'online-token-issued')
      await page.locator('[data-test=user-menu-trigger]').click()
      await page.locator('[data-test=sign-out]:visible').click()
      await page.waitForURL('**/sign-in')
    })

    await step(page, 'online-import-refused-with-its-row-then-imported', async () => {
      await h.signInUi(page, server.base, 'on_inst')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.goto(`${server.base}/classes/${classId}?tab=online`)
      await page.locator('[data-test=class-online]').waitFor()
      await page.locator('[data-test=online-summary-file]').setInputFiles(files.summary)
      await page.locator('[data-test=online-detail-file]').setInputFiles(files.badDetail)
      await page.locator('[data-test=online-import-button]').click()
      const problems = page.locator('[data-test=online-problems]')
      await problems.waitFor()
      const faces = problems.locator('.el-table__row', { hasText: '人脸抓拍' }).first()
      await faces.waitFor()
      assert.match(await faces.textContent(), /明细表\s*3\s*人脸抓拍次数/)
      await h.shot(page, 'online-import-refused')
      await page.locator('[data-test=online-detail-file]').setInputFiles(files.detail)
      await page.locator('[data-test=online-import-button]').click()
      await page.locator('[data-test=online-result] .el-alert--success').waitFor()
      await page.locator('[data-test=class-online] .el-table__row', { hasText: '黄晓东' }).getByText('360').waitFor()
      await h.shot(page, 'online-import-accepted')
    })
    assert.deepEqual(errors, [], `uncaught errors in the page: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'online-server.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
