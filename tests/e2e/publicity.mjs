// Browser test of publicity (公示) and objections (异议) (issue 15, Deliver 3), called by run.mjs,
// against its own server and store whose clock is a file the test rewrites (`anpei serve
// --clock-file`): the district's reviewer publishes a certified class from the 公示 page; a member of
// the public, signed out, objects to one trainee on /publicity (a contact is required) and gets a
// receipt code; the reviewer upholds the objection with reasons (the trainee is withdrawn from
// payment); the clock moves past the period; the reviewer closes the batch and the class shows
// 公示结束; the objector's receipt page shows the outcome and the reasons.
//
// The class reaches completion_approved through the store (sqlite3), as the completion use cases
// leave it (the completion workflow has its own browser test); the certificates are issued through
// the API.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { approvedClass } from './world.mjs'

function sql(dir, statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', join(dir, 'e2e.db'), statement], { encoding: 'utf8' })
  assert.equal(r.status, 0, `sqlite3: ${r.stderr}`)
  return r.stdout
}

// h: the runner's helpers {chromium, CHROMIUM, HEADED, STEP_TIMEOUT, step, shot, addUser,
// startServer, stopServer, ApiSession, signInUi, residentId, uscc, PASSWORD}.
export async function publicityScenario(h) {
  const { step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-pub-'))
  const clockFile = join(dir, 'clock')
  const setClock = (at) => writeFileSync(clockFile, `${at}\n`)
  setClock('2026-11-20T09:00:00+08:00')
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  const server = await h.startServer(dir, [
    '--clock-file',
    clockFile,
    '--session-idle-minutes',
    '100000',
    '--session-lifetime-minutes',
    '100000',
  ])
  console.log(`publicity server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- a certified class of two trainees: approved (world.mjs), completed (store), issued ----
    const { roster, classId } = await approvedClass(h, server.base, {
      prefix: 'pu',
      institution: '泉州市安培公示测试学校',
      usccSeq: 'MA4C0005',
      teacher: '许文斌',
      people: [
        { name: '郑国强', birth: '19930221', seq: 91 },
        { name: '王丽娟', birth: '19930221', seq: 92 },
      ],
      title: '2026 年保安员公示测试班',
      dates: ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'],
    })
    sql(dir, `UPDATE classes SET state = 'completion_approved', version = version + 1 WHERE id = ${classId};`)
    for (const person of roster) {
      sql(
        dir,
        `INSERT INTO trainee_verdicts (class_id, person_id, eligible, rules_json, inputs_hash, policy_id, policy_version,
          computed_at, subsidy_yuan, occupation, level, review_decision) VALUES (${classId}, ${person}, 1, '[]', 'fixture',
          'quanzhou-2021-177', 1, '2026-11-28T10:00:00+08:00', 650, 'security_guard', '五级/初级工', 'approved');`,
      )
    }
    setClock('2026-12-01T09:00:00+08:00') // a Tuesday
    const reviewerApi = await new h.ApiSession(server.base).signIn('pu_reviewer')
    const issued = await reviewerApi.call('POST', `/classes/${classId}/certificates`, {})
    assert.equal(issued.status, 201, JSON.stringify(issued.body))

    browser = await h.chromium.launch({
      executablePath: h.CHROMIUM,
      headless: !h.HEADED,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'],
    })
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    context.setDefaultTimeout(h.STEP_TIMEOUT)
    const page = await context.newPage()
    const publicContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    publicContext.setDefaultTimeout(h.STEP_TIMEOUT)
    const pub = await publicContext.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))
    pub.on('pageerror', (e) => errors.push(String(e)))
    let batchPath = ''
    let receipt = ''

    await step(page, 'publicity-opened-by-the-reviewer', async () => {
      await h.signInUi(page, server.base, 'pu_reviewer')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.locator('.el-menu-item', { hasText: '公示' }).click()
      await page.waitForURL('**/publicity/batches')
      await page.locator('[data-test=publicity-new]').click()
      await page.locator('[data-test=publicity-classes]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '2026 年保安员公示测试班' }).first().click()
      await page.locator('.el-dialog:visible .el-dialog__title').click() // closes the dropdown
      await page.locator('[data-test=publicity-open]').click()
      await page.waitForURL('**/publicity/batches/*')
      batchPath = new URL(page.url()).pathname
      await page.locator('[data-test=batch-state][data-state=open]').waitFor()
      // from Tuesday 12-01, five working days after: 12-08 (the first day not counted)
      assert.match(await page.locator('[data-test=batch-period]').textContent(), /2026-12-01 — 2026-12-08/)
      assert.equal(await page.locator('[data-test=batch-entries] .el-table__row').count(), 2)
      assert.match(await page.locator('[data-test=batch-entries]').textContent(), /郑\*/)
      await h.shot(page, 'publicity-batch-opened')
    })

    await step(pub, 'public-objection-with-a-receipt', async () => {
      await pub.goto(`${server.base}/publicity`)
      await pub.locator('[data-test=public-publicity]').waitFor()
      const table = pub.locator('[data-test^=public-entries-]').first()
      await table.locator('.el-table__row').nth(1).waitFor()
      const text = await table.textContent()
      assert.match(text, /郑\*/)
      assert.ok(!/郑国强/.test(text), 'the public list shows a full name')
      await h.shot(pub, 'publicity-public-list')
      await table.locator('.el-table__row', { hasText: '郑*' }).locator('[data-test^=object-entry-]').click()
      // no contact: refused, the reason shown
      await pub.locator('[data-test=objection-text]').fill('郑某培训期间一直在外地上班，未参加培训')
      await pub.locator('[data-test=objection-submit]').click()
      await pub.locator('[data-test=objection-error]', { hasText: '联系方式' }).waitFor()
      await pub.locator('[data-test=objection-contact]').fill('13812345678')
      await pub.locator('[data-test=objection-submit]').click()
      await pub.locator('[data-test=objection-filed]').waitFor()
      receipt = (await pub.locator('[data-test=objection-receipt]').textContent()).trim()
      assert.match(receipt, /^[0-9A-Z]{16}$/)
      await h.shot(pub, 'publicity-objection-filed')
      await pub.locator('[data-test=objection-receipt-link]').click()
      await pub.locator('[data-test=receipt-state][data-state=open]').waitFor()
      assert.ok(!/13812345678/.test(await pub.content()), 'the receipt page shows the contact')
    })

    await step(page, 'objection-upheld-by-the-reviewer', async () => {
      await page.reload()
      const row = page.locator('[data-test=batch-objections] .el-table__row').first()
      await row.waitFor()
      assert.match(await row.textContent(), /138\*\*\*\*5678/)
      await row.locator('[data-test^=objection-resolve-]').click()
      await page.locator('[data-test=resolve-upheld]').click()
      await page.locator('[data-test=resolve-reason]').fill('经走访核实，郑某培训期间未到场，不予补贴')
      await page.locator('[data-test=resolve-submit]').click()
      await page.locator('[data-test^=objection-state-]', { hasText: '异议成立' }).waitFor()
      await page.locator('[data-test^=entry-withdrawn-]').waitFor()
      assert.equal(await page.locator('[data-test^=entry-withdrawn-]').count(), 1)
      // the period runs: closing waits
      assert.ok(await page.locator('[data-test=batch-close]').isDisabled())
      await h.shot(page, 'publicity-objection-upheld')
    })

    await step(page, 'batch-closed-after-the-period', async () => {
      setClock('2026-12-09T09:00:00+08:00')
      await page.reload()
      await page.locator('[data-test=batch-close]:not([disabled])').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test=batch-state][data-state=closed]').waitFor()
      await h.shot(page, 'publicity-batch-closed')
      await page.goto(`${server.base}/classes/${classId}`)
      await page.locator('[data-test=state-tag][data-state=publicity_closed]').first().waitFor()
      assert.ok(batchPath)
    })

    await step(pub, 'objector-sees-the-outcome', async () => {
      await pub.goto(`${server.base}/publicity/objections/${receipt}`)
      await pub.locator('[data-test=receipt-state][data-state=upheld]').waitFor()
      assert.match(await pub.locator('[data-test=receipt-reason]').textContent(), /不予补贴/)
      await h.shot(pub, 'publicity-objection-outcome')
      // the closed batch has left the public list
      await pub.goto(`${server.base}/publicity`)
      await pub.locator('[data-test=public-none]').waitFor()
    })
    assert.deepEqual(errors, [], `uncaught errors in the page: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'publicity-server.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
