// Browser test of a class's evidence (issue 14), called by run.mjs after the console's scenario.
// It runs against its own server and store. An approved class (four offline theory sessions and
// two practical ones) opens on the 证据材料 tab with its checklist: the group photo, the practical
// photos and each session's video missing. The institution's clerk uploads, through the console:
//   - a group photo of two faces (two copies of Debian's opencv-doc sample messi5.jpg side by side,
//     made here with FFmpeg) — the checklist's group photo turns present;
//   - three practical photos (opencv-doc samples) — practical photos present;
//   - a video of the second practical session made here with FFmpeg (testsrc2, its creation_time in
//     the session, a little over 4 MiB: two tus chunks). The second chunk's PATCH is cut off on the
//     way; the console asks the server for its offset (HEAD) and sends the rest from 4 MiB — the
//     session's video item turns present, with no chunk sent twice from the start;
//   - a .mp4 that is a JPEG: refused with the server's reason, nothing stored.
// The police reviewer of the district sees the same checklist and no upload form.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const DATA = '/usr/share/doc/opencv-doc/examples/data'
const CHUNK = 4 * 1024 * 1024

function ffmpeg(args) {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], {
    encoding: 'utf8',
    timeout: 120000,
  })
  assert.equal(r.status, 0, `ffmpeg (apt-get install ffmpeg) exited ${r.status}: ${r.stderr}`)
}

// Two faces side by side: a group photo of the class's two trainees.
function makeGroupPhoto(dir) {
  assert.ok(existsSync(join(DATA, 'messi5.jpg')), `${DATA}/messi5.jpg missing (apt-get install opencv-doc)`)
  const out = join(dir, '全体合影.jpg')
  ffmpeg(['-i', join(DATA, 'messi5.jpg'), '-i', join(DATA, 'messi5.jpg'), '-filter_complex', 'hstack', out])
  return out
}

// 3 h 15 min of video at one frame a second, recorded from `startUtc`; sized just over one chunk.
function makeSessionVideo(dir, startUtc) {
  const out = join(dir, '实操录像.mp4')
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=96x72:rate=1',
    '-t',
    String(195 * 60),
    '-c:v',
    'mpeg4',
    '-q:v',
    '18',
    '-g',
    '60',
    '-metadata',
    `creation_time=${startUtc}`,
    out,
  ])
  const size = statSync(out).size
  assert.ok(size > CHUNK && size < 3 * CHUNK, `the test video should take two or three chunks: ${size} bytes`)
  return out
}

// h: the runner's helpers (see attendance.mjs).
export async function evidenceScenario(h) {
  const { ApiSession, step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-ev-'))
  const groupPhoto = makeGroupPhoto(dir)
  const video = makeSessionVideo(dir, '2026-11-26T06:00:00Z') // 14:00 CST on 11-26
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  const server = await h.startServer(dir)
  console.log(`evidence server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- an approved class, through the API ----
    const admin = await new ApiSession(server.base).signIn('admin')
    const districts = await admin.call('GET', '/districts?page_size=100')
    let district = (districts.body.items || []).find((d) => d.code === '350503')
    if (!district) {
      const r = await admin.call('POST', '/districts', {
        code: '350503',
        name: '丰泽区',
      })
      assert.ok(r.status === 201 || r.status === 200, `POST /districts: ${JSON.stringify(r.body)}`)
      district = { code: '350503', name: '丰泽区' }
    }
    const inst = await admin.call('POST', '/institutions', {
      name: '泉州市安培证据测试学校',
      uscc: h.uscc(district.code, 'MA4C0002'),
      district_code: district.code,
      address: '泉州市丰泽区东海街道安培路 2 号',
    })
    assert.equal(inst.status, 201, `POST /institutions: ${JSON.stringify(inst.body)}`)
    for (const u of [
      {
        username: 'ev_inst',
        display_name: '证据测试教务',
        roles: ['institution'],
        institution_id: inst.body.id,
      },
      {
        username: 'ev_rev',
        display_name: '证据测试审核员',
        roles: ['police_reviewer'],
        district_code: district.code,
      },
    ]) {
      const r = await admin.call('POST', '/users', {
        ...u,
        password: h.PASSWORD,
      })
      assert.equal(r.status, 201, `POST /users ${u.username}: ${JSON.stringify(r.body)}`)
    }
    const instApi = await new ApiSession(server.base).signIn('ev_inst')
    const teacher = await instApi.call('POST', '/teachers', {
      institution_id: inst.body.id,
      name: '陈国强',
      id_number: h.residentId('350503', '19800315', 51),
      qualification: '保安员（一级）',
    })
    assert.equal(teacher.status, 201, `POST /teachers: ${JSON.stringify(teacher.body)}`)
    const roster = []
    for (const [i, p] of [
      { name: '王小明', id_number: h.residentId('350503', '19960512', 61) },
      { name: '李大海', id_number: h.residentId('350503', '19970623', 62) },
    ].entries()) {
      const r = await instApi.call('POST', '/trainees', {
        ...p,
        phone: `1390000020${i}`,
        group: 'security_staff',
      })
      assert.equal(r.status, 201, `POST /trainees: ${JSON.stringify(r.body)}`)
      roster.push(r.body.id)
    }
    const session = (date, start, end, kind) => ({
      date,
      start,
      end,
      hours: 4,
      kind,
      delivery: 'offline',
      teacher: 't1',
    })
    const made = await instApi.call('POST', '/classes', {
      institution_id: inst.body.id,
      occupation: 'security_guard',
      title: '2026 年保安员（五级）证据材料班',
      venue: {
        address: '泉州市丰泽区东海街道安培路 2 号实训楼',
        lat: 24.874,
        lng: 118.676,
      },
      teachers: [{ key: 't1', teacher_id: teacher.body.id }],
      sessions: [
        session('2026-11-25', '08:30', '11:45', 'theory'),
        session('2026-11-25', '14:00', '17:15', 'theory'),
        session('2026-11-26', '08:30', '11:45', 'theory'),
        session('2026-11-26', '14:00', '17:15', 'practical'),
        session('2026-11-27', '08:30', '11:45', 'theory'),
        session('2026-11-27', '14:00', '17:15', 'practical'),
      ],
      roster,
    })
    assert.equal(made.status, 201, `POST /classes: ${JSON.stringify(made.body)}`)
    const classId = made.body.id
    const declared = await instApi.call('POST', `/classes/${classId}/declare`, {
      version: made.body.version,
    })
    assert.equal(declared.status, 200, `declare: ${JSON.stringify(declared.body)}`)
    const rev = await new ApiSession(server.base).signIn('ev_rev')
    const approved = await rev.call('POST', `/classes/${classId}/review`, {
      decision: 'approve',
      reason: '',
      version: declared.body.version,
    })
    assert.equal(approved.status, 200, `approve: ${JSON.stringify(approved.body)}`)

    browser = await h.chromium.launch({
      executablePath: h.CHROMIUM,
      headless: !h.HEADED,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync', '--lang=zh-CN'],
    })
    const ctx = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    })
    ctx.setDefaultTimeout(h.STEP_TIMEOUT)
    const page = await ctx.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))
    const state = (id) => page.locator(`[data-test="checklist-state-${id}"]`)
    const pickKind = async (name) => {
      await page.locator('[data-test=evidence-kind]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: name }).first().click()
    }
    const pickSession = async (n) => {
      await page.locator('[data-test=evidence-session]').click()
      await page
        .locator('.el-select-dropdown__item:visible', {
          hasText: `第 ${n} 次课`,
        })
        .first()
        .click()
    }
    const uploadsDone = async (n) => {
      await page.waitForFunction(
        (count) => document.querySelectorAll('[data-test=evidence-upload-row] .el-progress.is-success').length >= count,
        n,
      )
    }

    await step(page, 'evidence-checklist-starts-missing', async () => {
      await h.signInUi(page, server.base, 'ev_inst')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.goto(`${server.base}/classes/${classId}?tab=evidence`)
      await state('group_photo').waitFor()
      assert.equal((await state('group_photo').innerText()).trim(), '缺少')
      assert.equal((await state('practical_photos').innerText()).trim(), '缺少')
      assert.equal((await state('session_video:4').innerText()).trim(), '缺少')
      assert.equal((await page.locator('[data-test=evidence-complete]').innerText()).trim(), '未齐全')
      const clause = await page.locator('[data-test=evidence-checklist] .el-table__row').first().innerText()
      assert.match(clause, /三（一）3（1）/, `the group photo item cites its clause: ${clause}`)
    })

    await step(page, 'evidence-photos-uploaded-checklist-changes', async () => {
      await pickKind('全体学员合影')
      await page.locator('[data-test=evidence-file-input]').setInputFiles(groupPhoto)
      await uploadsDone(1)
      await page.waitForFunction(
        () => (document.querySelector('[data-test="checklist-state-group_photo"]') || {}).innerText === '已齐全',
      )
      await pickKind('分组实操照片')
      await page
        .locator('[data-test=evidence-file-input]')
        .setInputFiles(['fruits.jpg', 'baboon.jpg', 'building.jpg'].map((f) => join(DATA, f)))
      await uploadsDone(4)
      await page.waitForFunction(
        () => (document.querySelector('[data-test="checklist-state-practical_photos"]') || {}).innerText === '已齐全',
      )
      const files = await page.locator('[data-test=evidence-files] .el-table__row').count()
      assert.equal(files, 4, 'four files listed')
    })

    await step(page, 'evidence-video-upload-interrupted-then-resumed', async () => {
      const seen = [] // [method, Upload-Offset]
      let cut = false
      await page.route('**/api/v1/evidence/uploads/**', async (route) => {
        const req = route.request()
        const offset = req.headers()['upload-offset']
        seen.push([req.method(), offset])
        if (req.method() === 'PATCH' && offset === String(CHUNK) && !cut) {
          cut = true
          return route.abort('connectionreset')
        }
        return route.continue()
      })
      await pickKind('实操录像')
      await pickSession(4)
      await page.locator('[data-test=evidence-file-input]').setInputFiles(video)
      await uploadsDone(5)
      await page.unroute('**/api/v1/evidence/uploads/**')
      assert.ok(cut, `the second chunk was cut off: ${JSON.stringify(seen)}`)
      const afterCut = seen.slice(seen.findIndex(([m, o]) => m === 'PATCH' && o === String(CHUNK)) + 1)
      assert.ok(
        afterCut.some(([m, o]) => m === 'PATCH' && o === String(CHUNK)),
        `resumed from 4 MiB: ${JSON.stringify(seen)}`,
      )
      assert.equal(
        seen.filter(([m, o]) => m === 'PATCH' && o === '0').length,
        1,
        `the first chunk went once: ${JSON.stringify(seen)}`,
      )
      await page.waitForFunction(
        () => (document.querySelector('[data-test="checklist-state-session_video:4"]') || {}).innerText === '已齐全',
      )
      await h.shot(page, 'evidence-checklist-after-uploads')
    })

    await step(page, 'evidence-mislabelled-video-refused', async () => {
      const before = await page.locator('[data-test=evidence-files] .el-table__row').count()
      await pickKind('实操录像')
      await pickSession(6)
      await page.locator('[data-test=evidence-file-input]').setInputFiles({
        name: '不是视频.mp4',
        mimeType: 'video/mp4',
        buffer: readFileSync(groupPhoto),
      })
      const err = page.locator('[data-test=evidence-upload-error]').first()
      await err.waitFor()
      assert.match(await err.innerText(), /类型|格式|视频/, `a reason the clerk understands: ${await err.innerText()}`)
      assert.equal(await page.locator('[data-test=evidence-files] .el-table__row').count(), before, 'nothing stored')
      assert.equal((await state('session_video:6').innerText()).trim(), '缺少')
    })

    await step(page, 'evidence-reviewer-sees-checklist', async () => {
      await ctx.clearCookies()
      await h.signInUi(page, server.base, 'ev_rev')
      await page.waitForURL((u) => !/sign-in/.test(String(u)))
      await page.goto(`${server.base}/classes/${classId}?tab=evidence`)
      await state('group_photo').waitFor()
      assert.equal((await state('group_photo').innerText()).trim(), '已齐全')
      assert.equal((await state('session_video:4').innerText()).trim(), '已齐全')
      assert.equal(await page.locator('[data-test=evidence-upload]').count(), 0, 'no upload form for the reviewer')
    })

    assert.deepEqual(errors, [], `uncaught errors in the evidence pages: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'server-evidence.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
