// Browser test of fraud outcomes (issue 15, Deliver 5; 四（三）), called by run.mjs against its own
// server and store: the district's reviewer opens a case on an approved class from its page and
// starts the investigation; the institution finds the case in its to-dos and answers it; the city
// bureau finds the class fraudulent (the class is disqualified, the institution blacklisted); 人社
// acknowledges the entry and lifts it with reasons.

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { approvedClass } from './world.mjs'

// h: the runner's helpers {chromium, CHROMIUM, HEADED, STEP_TIMEOUT, step, shot, addUser,
// startServer, stopServer, signInUi, signOutUi, ApiSession, residentId, uscc, PASSWORD}.
export async function fraudScenario(h) {
  const { step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-fraud-'))
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  h.addUser(dir, 'fr_hrss', 'hrss', ['--name', '人社经办'])
  const server = await h.startServer(dir)
  console.log(`fraud server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- an approved class, through the API (world.mjs) ----
    const { inst, instApi, classId } = await approvedClass(h, server.base, {
      prefix: 'fr',
      institution: '泉州市安培案件测试学校',
      usccSeq: 'MA4C0003',
      teacher: '陈建国',
      people: [{ name: '许明亮', birth: '19940606', seq: 72 }],
      title: '2026 年保安员培训班（案件）',
      dates: ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'],
    })

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
    let caseUrl = ''

    await step(page, 'fraud-case-opened-and-investigated-by-the-reviewer', async () => {
      await h.signInUi(page, server.base, 'fr_reviewer')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.goto(`${server.base}/classes/${classId}`)
      await page.locator('[data-test=class-open-case]').click()
      await page.locator('[data-test=open-case-summary]').fill('同一设备为多名学员签到')
      await page.locator('[data-test=open-case-details]').fill('12月7日第1课次，同一手机为3名学员签到（风险信号）')
      await page.locator('[data-test=open-case-submit]').click()
      await page.waitForURL('**/cases/*')
      caseUrl = page.url()
      await page.locator('[data-test=case-state]', { hasText: '已立案' }).waitFor()
      await page.locator('[data-test=case-findings]').fill('调取签到记录与现场录像，核实存在代签')
      await page.locator('[data-test=case-investigate]').click()
      await page.locator('[data-test=case-state]', { hasText: '调查中' }).waitFor()
      assert.match(await page.locator('[data-test=case-due]').textContent(), /^\d{4}-\d{2}-\d{2}$/)
      await h.shot(page, 'fraud-case-investigating')
      await h.signOutUi(page)
    })

    await step(page, 'fraud-case-answered-by-the-institution-from-its-to-dos', async () => {
      await h.signInUi(page, server.base, 'fr_inst')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.getByText('待陈述申辩的案件').waitFor()
      await page.goto(caseUrl)
      await page.locator('[data-test=case-response]').fill('系班主任代为操作手机，已整改并补充说明')
      await page.locator('[data-test=case-respond]').click()
      await page.locator('[data-test=case-steps]').getByText('系班主任代为操作手机').waitFor()
      await h.shot(page, 'fraud-case-answered')
      await h.signOutUi(page)
    })

    await step(page, 'fraud-found-class-disqualified-institution-blacklisted', async () => {
      await h.signInUi(page, server.base, 'admin')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.goto(caseUrl)
      await page.locator('[data-test=case-reason]').fill('经查代签属实，弄虚作假')
      await page.locator('[data-test=case-decide]').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test=case-state]', { hasText: '认定弄虚作假' }).waitFor()
      await page.locator('[data-test=case-blacklist]').waitFor()
      await h.shot(page, 'fraud-case-decided')
      await page.goto(`${server.base}/classes/${classId}`)
      await page.locator('.el-tag', { hasText: '已取消资格' }).first().waitFor()
      await h.signOutUi(page)
    })

    await step(page, 'blacklist-acknowledged-and-lifted-by-hrss', async () => {
      await h.signInUi(page, server.base, 'fr_hrss')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.getByText('待确认的信用黑名单').waitFor()
      await page.locator('.el-menu-item', { hasText: '信用黑名单' }).click()
      const row = page.locator('[data-test=blacklist-table] .el-table__row', { hasText: '泉州市安培案件测试学校' })
      await row.waitFor()
      await row.getByText('确认列入').click()
      await row.getByText('人社已确认').waitFor()
      await row.getByText('解除').click()
      await page.locator('.el-message-box textarea').fill('整改合格，经研究予以解除')
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await row.getByText('已解除').waitFor()
      await h.shot(page, 'blacklist-lifted')
    })
    const after = await instApi.call('GET', `/institutions/${inst.id}`)
    assert.equal(after.body.blacklisted, false, `the institution is still listed: ${JSON.stringify(after.body)}`)
    assert.deepEqual(errors, [], `uncaught errors in the page: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'fraud-server.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
