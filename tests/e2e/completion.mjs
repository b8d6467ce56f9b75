// Browser test of completion and verification (结业审核, issue 15, item 1), called by run.mjs after
// the online scenario, against its own server and store with a clock file the test moves: an
// approved class whose five sessions have ended and whose attendance was back-filled from paper
// (through the API); the institution enters the scores in the 结业审核 tab (one below the pass
// mark) and submits; the district's reviewer sees every trainee's rules with their clauses and
// approves — the eligible trainee approved, the other refused.

import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'

// h: the runner's helpers {chromium, CHROMIUM, HEADED, STEP_TIMEOUT, step, shot, addUser,
// startServer, stopServer, ApiSession, signInUi, residentId, uscc, PASSWORD}.
export async function completionScenario(h) {
  const { ApiSession, step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-completion-'))
  const clockFile = join(dir, 'clock')
  const setClock = (at) => writeFileSync(clockFile, `${at}\n`)
  setClock('2026-11-27T09:00:00+08:00')
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  const server = await h.startServer(dir, ['--clock-file', clockFile, '--session-idle-minutes', '100000'])
  console.log(`completion server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- an approved class, its sessions over, every hour attended (paper, back-filled) ----
    const admin = await new ApiSession(server.base).signIn('admin')
    await admin.call('POST', '/districts', { code: '350503', name: '丰泽区' })
    const inst = await admin.call('POST', '/institutions', {
      name: '泉州市安培结业测试学校',
      uscc: h.uscc('350503', 'MA4C0003'),
      district_code: '350503',
    })
    assert.equal(inst.status, 201, `POST /institutions: ${JSON.stringify(inst.body)}`)
    for (const [username, role, extra] of [
      ['co_inst', 'institution', { institution_id: inst.body.id }],
      ['co_rev', 'police_reviewer', { district_code: '350503' }],
    ]) {
      const u = await admin.call('POST', '/users', { username, roles: [role], password: h.PASSWORD, ...extra })
      assert.equal(u.status, 201, `POST /users ${username}: ${JSON.stringify(u.body)}`)
    }
    const instApi = await new ApiSession(server.base).signIn('co_inst')
    const revApi = await new ApiSession(server.base).signIn('co_rev')
    const teacher = await instApi.call('POST', '/teachers', {
      institution_id: inst.body.id,
      name: '陈立新',
      id_number: h.residentId('350503', '19780312', 71),
    })
    assert.equal(teacher.status, 201, `POST /teachers: ${JSON.stringify(teacher.body)}`)
    const people = [
      { name: '蔡明辉', id_number: h.residentId('350503', '19920105', 81) },
      { name: '洪丽娟', id_number: h.residentId('350503', '19930607', 82) },
    ]
    const roster = []
    for (const p of people) {
      const r = await instApi.call('POST', '/trainees', { ...p, phone: '13900000301', group: 'security_staff' })
      assert.equal(r.status, 201, `POST /trainees: ${JSON.stringify(r.body)}`)
      roster.push(r.body.id)
    }
    const dates = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']
    const made = await instApi.call('POST', '/classes', {
      institution_id: inst.body.id,
      occupation: 'security_guard',
      title: '2026 年保安员结业测试班',
      venue: { address: '泉州市丰泽区东海街道安培路 3 号' },
      teachers: [{ key: 't1', teacher_id: teacher.body.id }],
      sessions: dates.map((date, i) => ({
        date,
        start: '08:30',
        end: '11:50',
        hours: 4,
        kind: i >= 3 ? 'practical' : 'theory',
        delivery: 'offline',
        teacher: 't1',
      })),
      roster,
    })
    assert.equal(made.status, 201, `POST /classes: ${JSON.stringify(made.body)}`)
    const classId = made.body.id
    const declared = await instApi.call('POST', `/classes/${classId}/declare`, { version: made.body.version })
    assert.equal(declared.status, 200, `declare: ${JSON.stringify(declared.body)}`)
    const approved = await revApi.call('POST', `/classes/${classId}/review`, {
      decision: 'approve',
      reason: '',
      version: declared.body.version,
    })
    assert.equal(approved.status, 200, `approve: ${JSON.stringify(approved.body)}`)
    setClock('2026-12-05T09:00:00+08:00') // the sessions are over; the sign-ins of a week ago too
    await instApi.signIn('co_inst')
    await revApi.signIn('co_rev')
    const ex = await instApi.call('POST', `/classes/${classId}/attendance-exceptions`, {
      session_seqs: [1, 2, 3, 4, 5],
      reason: '培训场地所在山区无移动网络信号，学员手机无法签到',
    })
    assert.equal(ex.status, 201, `exception: ${JSON.stringify(ex.body)}`)
    const agreed = await revApi.call('POST', `/attendance-exceptions/${ex.body.id}/decision`, {
      decision: 'approve',
      reason: '',
    })
    assert.equal(agreed.status, 200, `exception decision: ${JSON.stringify(agreed.body)}`)
    const form = new FormData()
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'sheet.pdf')
    const up = await fetch(`${server.base}/api/v1/attendance-exceptions/${ex.body.id}/files`, {
      method: 'POST',
      headers: { Cookie: instApi.cookie, 'X-CSRF-Token': instApi.csrf },
      body: form,
    })
    assert.equal(up.status, 201, `sheet upload: ${await up.text()}`)
    const records = []
    for (const p of roster) {
      for (let seq = 1; seq <= 5; seq++) records.push({ person_id: p, session_seq: seq, check_in: '08:25', check_out: '11:55' })
    }
    const filled = await instApi.call('POST', `/attendance-exceptions/${ex.body.id}/backfill`, { records })
    assert.equal(filled.status, 201, `backfill: ${JSON.stringify(filled.body).slice(0, 300)}`)

    browser = await h.chromium.launch({
      executablePath: h.CHROMIUM,
      headless: !h.HEADED,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'],
    })
    const errors = []
    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
      context.setDefaultTimeout(h.STEP_TIMEOUT)
      const page = await context.newPage()
      page.on('pageerror', (e) => errors.push(String(e)))
      return page
    }

    const instPage = await newPage()
    await step(instPage, 'completion-scores-entered-and-submitted', async () => {
      await h.signInUi(instPage, server.base, 'co_inst')
      await instPage.waitForURL((u) => !/sign-in/.test(String(u)))
      await instPage.goto(`${server.base}/classes/${classId}?tab=completion`)
      const tab = instPage.locator('[data-test=class-completion]')
      await tab.locator('[data-test=completion-table]').waitFor()
      const inputs = tab.locator('[data-test=completion-score] input')
      await inputs.nth(0).fill('85')
      await inputs.nth(0).press('Tab')
      await inputs.nth(1).fill('50')
      await inputs.nth(1).press('Tab')
      await tab.locator('[data-test=completion-save-scores]').click()
      await instPage.getByText('已保存结业考核成绩').waitFor()
      await tab.locator('[data-test=completion-submit]').click()
      await instPage.getByText('已提交结业审核').first().waitFor()
      const done = instPage.locator('[data-test=class-completion]')
      await done.locator('[data-test=completion-eligible]', { hasText: '1' }).waitFor()
      assert.match(await done.locator('[data-test=completion-table]').textContent(), /不符合/)
    })

    const revPage = await newPage()
    await step(revPage, 'completion-rules-shown-and-approved-by-the-reviewer', async () => {
      await h.signInUi(revPage, server.base, 'co_rev')
      await revPage.waitForURL((u) => !/sign-in/.test(String(u)))
      // The work queue names the completion waiting.
      await revPage.getByText('待审核结业').first().waitFor()
      await revPage.goto(`${server.base}/classes/${classId}?tab=completion`)
      const tab = revPage.locator('[data-test=class-completion]')
      await tab.locator('[data-test=completion-table]').waitFor()
      await tab.locator('[data-test=completion-table] .el-table__expand-icon').nth(1).click()
      const rules = tab.locator('[data-test=completion-rules]').first()
      await rules.getByText('ELIG_ASSESSMENT_PASSED').waitFor()
      assert.match(await rules.textContent(), /二（三）/)
      assert.match(await rules.textContent(), /合格线 60 分/)
      await h.shot(revPage, 'completion-rules')
      await tab.locator('[data-test=completion-approve]').click()
      await revPage.locator('[data-test=completion-decision]', { hasText: '通过' }).waitFor()
      const text = await revPage.locator('[data-test=completion-table]').textContent()
      assert.match(text, /不予通过/)
      assert.match(text, /650 元/)
    })
    assert.deepEqual(errors, [], `uncaught errors in the page: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'completion-server.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
