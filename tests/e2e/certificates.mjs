// Browser test of certificates (issue 15, Deliver 2), called by run.mjs, against its own server
// and store: the district's reviewer issues the certificates of a class whose completion was
// approved, downloads one as PDF; the QR code is read back from the PDF (pdftoppm + zbarimg) and
// opened signed out — the public page shows the certificate valid with a valid QR signature, an
// edited QR payload shows the signature invalid; the reviewer revokes it with a reason and the
// public page shows it revoked with that reason.
//
// The class reaches completion_approved through the store (sqlite3), as the completion use cases
// leave it: the completion workflow has its own browser test.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { approvedClass } from './world.mjs'

function sql(dir, statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', join(dir, 'e2e.db'), statement], { encoding: 'utf8' })
  assert.equal(r.status, 0, `sqlite3: ${r.stderr}`)
  return r.stdout
}

// The QR code of the first page of `pdf`, as text.
function readQr(dir, pdf) {
  const png = join(dir, 'certificate')
  const r = spawnSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, png], { encoding: 'utf8' })
  assert.equal(r.status, 0, `pdftoppm: ${r.stderr}`)
  const z = spawnSync('zbarimg', ['--raw', '-q', `${png}.png`], {
    encoding: 'utf8',
  })
  assert.equal(z.status, 0, `zbarimg found no QR code: ${z.stderr}`)
  return z.stdout.trim()
}

const b64urlDecode = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')
const b64urlEncode = (s) =>
  Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

// h: the runner's helpers {chromium, CHROMIUM, HEADED, STEP_TIMEOUT, step, shot, addUser,
// startServer, stopServer, ApiSession, signInUi, residentId, uscc, PASSWORD}.
export async function certificatesScenario(h) {
  const { step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-cert-'))
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  const server = await h.startServer(dir)
  console.log(`certificates server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- an approved class of two trainees, through the API (world.mjs) ----
    const { roster, classId } = await approvedClass(h, server.base, {
      prefix: 'ce',
      institution: '泉州市安培结业证书测试学校',
      usccSeq: 'MA4C0003',
      teacher: '蔡明辉',
      people: [
        { name: '黄志强', birth: '19940615', seq: 81 },
        { name: '林美华', birth: '19940615', seq: 82 },
      ],
      title: '2026 年保安员结业证书班',
      dates: ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'],
    })
    sql(dir, `UPDATE classes SET state = 'completion_approved', version = version + 1 WHERE id = ${classId};`)
    for (const person of roster) {
      sql(
        dir,
        `INSERT INTO trainee_verdicts (class_id, person_id, eligible, rules_json, inputs_hash, policy_id, policy_version,
          computed_at, subsidy_yuan, occupation, level, review_decision) VALUES (${classId}, ${person}, 1, '[]', 'fixture',
          'quanzhou-2021-177', 1, '2026-11-20T10:00:00+08:00', 650, 'security_guard', '五级/初级工', 'approved');`,
      )
    }

    browser = await h.chromium.launch({
      executablePath: h.CHROMIUM,
      headless: !h.HEADED,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=zh-CN'],
    })
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    })
    context.setDefaultTimeout(h.STEP_TIMEOUT)
    const page = await context.newPage()
    const publicContext = await browser.newContext({
      viewport: { width: 420, height: 900 },
      locale: 'zh-CN',
    })
    publicContext.setDefaultTimeout(h.STEP_TIMEOUT)
    const pub = await publicContext.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))
    pub.on('pageerror', (e) => errors.push(String(e)))
    let url = ''
    let certNumber = ''

    await step(page, 'certificates-issued-by-the-reviewer', async () => {
      await h.signInUi(page, server.base, 'ce_reviewer')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.goto(`${server.base}/classes/${classId}?tab=certificates`)
      await page.locator('[data-test=class-certificates]').waitFor()
      await page.locator('[data-test=cert-issue]').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test=cert-table] .el-table__row').nth(1).waitFor()
      const numbers = await page.locator('[data-test=cert-number]').allTextContents()
      assert.deepEqual(
        numbers.map((n) => n.trim()),
        ['QZAB-2026-000001', 'QZAB-2026-000002'],
      )
      assert.equal(await page.locator('[data-test=cert-status][data-status=valid]').count(), 2)
      await h.shot(page, 'certificates-issued')
    })

    await step(page, 'certificate-pdf-qr-code-read-back', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        // 黄's row: numbers follow the order of the people's (random) ids, not the roster's
        page
          .locator('[data-test=cert-table] .el-table__row', { hasText: '黄' })
          .locator('[data-test=cert-pdf]')
          .click(),
      ])
      const file = join(dir, 'certificate.pdf')
      await download.saveAs(file)
      const number = download.suggestedFilename().match(/(QZAB-2026-00000[12])\.pdf$/)
      assert.ok(number, `file name: ${download.suggestedFilename()}`)
      certNumber = number[1]
      url = readQr(dir, file)
      assert.match(
        url,
        new RegExp(`^${server.base.replace(/\./g, '\\.')}/verify/[0-9A-Z]{16}\\?d=[A-Za-z0-9_-]+&s=[A-Za-z0-9_-]+$`),
      )
      const d = new URL(url).searchParams.get('d')
      const fields = JSON.parse(b64urlDecode(d))
      assert.equal(fields.number, number[1])
      assert.equal(fields.holder, '黄**')
    })

    await step(pub, 'public-page-shows-it-verified', async () => {
      await pub.goto(url)
      await pub.locator('[data-test=verify-status][data-status=valid]').waitFor()
      await pub.locator('[data-test=verify-qr][data-valid=true]').waitFor()
      assert.equal((await pub.locator('[data-test=verify-field-holder]').textContent()).trim(), '黄**')
      assert.equal((await pub.locator('[data-test=verify-field-number]').textContent()).trim(), certNumber)
      assert.match(await pub.locator('[data-test=verify-fields]').textContent(), /五级\/初级工/)
      await pub.getByText('二维码签名有效').waitFor()
      await h.shot(pub, 'certificate-verified')
      // An edited QR payload: the signature no longer holds and the edited field shows.
      const u = new URL(url)
      const edited = b64urlDecode(u.searchParams.get('d')).replace(
        '"class_end":"2026-12-04"',
        '"class_end":"2027-01-04"',
      )
      u.searchParams.set('d', b64urlEncode(edited))
      await pub.goto(String(u))
      await pub.locator('[data-test=verify-qr][data-valid=false]').waitFor()
      await pub.locator('[data-test=verify-match-class_end]', { hasText: '不一致' }).waitFor()
      await h.shot(pub, 'certificate-edited-qr-refused')
    })

    await step(page, 'certificate-revoked-by-the-reviewer', async () => {
      await page
        .locator('[data-test=cert-table] .el-table__row', { hasText: '黄' })
        .locator('[data-test=cert-revoke]')
        .click()
      await page.locator('.el-message-box__input input').fill('核查发现代考，撤销证书')
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test=cert-status][data-status=revoked]').waitFor()
      await h.shot(page, 'certificate-revoked')
    })

    await step(pub, 'public-page-shows-it-revoked', async () => {
      await pub.goto(url)
      await pub.locator('[data-test=verify-status][data-status=revoked]').waitFor()
      assert.match(await pub.locator('[data-test=verify-revoked]').textContent(), /核查发现代考，撤销证书/)
      await pub.getByText('证书已撤销').first().waitFor()
      await h.shot(pub, 'certificate-revoked-public')
    })
    assert.deepEqual(errors, [], `uncaught errors in the page: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'certificates-server.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
