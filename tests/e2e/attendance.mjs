// Browser test of attendance (issue 13), called by run.mjs after the console's scenario. It runs
// against its own server and store, whose clock is a file the test rewrites (`anpei serve
// --clock-file`), so the session's sign-in windows can be reached: check-in at 08:40 and
// check-out at 11:40 of a session planned 08:30–11:45.
//
// The phone is a second Chromium with a fake camera that plays a .y4m made here with FFmpeg from
// Debian's opencv-doc sample messi5.jpg (one face), and an emulated location at the venue; the
// teacher's screen is a desktop page of the institution's user. The trainee identifies on the
// page the QR code encodes, checks in — the first answer is lost on the way back, the page
// repeats the request with the same idempotency key and the server answers with the original
// record —, is refused a check-out before the window opens (with what to do), then checks out
// while the network is down: the check-out waits and goes out when the network is back. The
// teacher's screen's head-count follows; the hours view matches the plan.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const MESSI = '/usr/share/doc/opencv-doc/examples/data/messi5.jpg'
const VENUE = { lat: 24.874, lng: 118.676 }
const DAY = '2026-11-27'

// A short video of one face for Chromium's fake camera (not kept in the repository).
function makeFaceVideo(dir) {
  assert.ok(existsSync(MESSI), `${MESSI} missing (apt-get install opencv-doc)`)
  const out = join(dir, 'face.y4m')
  const r = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-i',
      MESSI,
      '-frames:v',
      '10',
      '-r',
      '5',
      '-vf',
      'scale=640:400',
      '-pix_fmt',
      'yuv420p',
      out,
    ],
    { encoding: 'utf8', timeout: 60000 },
  )
  assert.equal(r.status, 0, `ffmpeg (apt-get install ffmpeg) exited ${r.status}: ${r.stderr}`)
  return out
}

// h: the runner's helpers {chromium, CHROMIUM, HEADED, STEP_TIMEOUT, step, addUser, startServer,
// stopServer, ApiSession, signInUi, residentId, uscc, PASSWORD}.
export async function attendanceScenario(h) {
  const { ApiSession, step } = h
  const dir = mkdtempSync(join(tmpdir(), 'anpei-e2e-att-'))
  const clockFile = join(dir, 'clock')
  const setClock = (hhmm) => writeFileSync(clockFile, `${DAY}T${hhmm}:00+08:00\n`)
  setClock('08:40')
  const video = makeFaceVideo(dir)
  h.addUser(dir, 'admin', 'police_admin', ['--name', '市局管理员'])
  // the clock jumps three hours between check-in and check-out: the staff sessions (the teacher's
  // screen) must outlive it
  const server = await h.startServer(dir, ['--clock-file', clockFile, '--session-idle-minutes', '600'])
  console.log(`attendance server: ${server.base} (store ${dir})`)
  let browser
  try {
    // ---- the class, through the API: approved, in training on DAY (session 3) ----
    const admin = await new ApiSession(server.base).signIn('admin')
    const districts = await admin.call('GET', '/districts?page_size=100')
    let district = (districts.body.items || []).find((d) => d.code === '350503')
    if (!district) {
      const r = await admin.call('POST', '/districts', { code: '350503', name: '丰泽区' })
      assert.ok(r.status === 201 || r.status === 200, `POST /districts: ${JSON.stringify(r.body)}`)
      district = { code: '350503', name: '丰泽区' }
    }
    const inst = await admin.call('POST', '/institutions', {
      name: '泉州市安培考勤测试学校',
      uscc: h.uscc(district.code, 'MA4C0001'),
      district_code: district.code,
      address: '泉州市丰泽区东海街道安培路 1 号',
    })
    assert.equal(inst.status, 201, `POST /institutions: ${JSON.stringify(inst.body)}`)
    for (const u of [
      {
        username: 'att_inst',
        display_name: '考勤测试教务',
        roles: ['institution'],
        institution_id: inst.body.id,
      },
      {
        username: 'att_rev',
        display_name: '考勤测试审核员',
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
    const instApi = await new ApiSession(server.base).signIn('att_inst')
    const teacher = await instApi.call('POST', '/teachers', {
      institution_id: inst.body.id,
      name: '陈国强',
      id_number: h.residentId('350503', '19800315', 31),
      qualification: '保安员（一级）',
    })
    assert.equal(teacher.status, 201, `POST /teachers: ${JSON.stringify(teacher.body)}`)
    const people = [
      { name: '王小明', id_number: h.residentId('350503', '19960512', 41) },
      { name: '李大海', id_number: h.residentId('350503', '19970623', 42) },
    ]
    const roster = []
    for (const [i, p] of people.entries()) {
      const r = await instApi.call('POST', '/trainees', {
        ...p,
        phone: `1390000010${i}`,
        group: 'security_staff',
      })
      assert.equal(r.status, 201, `POST /trainees: ${JSON.stringify(r.body)}`)
      roster.push(r.body.id)
    }
    const day = (n) => new Date(Date.parse('2026-11-25T00:00:00Z') + n * 86400e3).toISOString().slice(0, 10)
    const made = await instApi.call('POST', '/classes', {
      institution_id: inst.body.id,
      occupation: 'security_guard',
      title: '2026 年保安员（五级）考勤班',
      venue: { address: '泉州市丰泽区东海街道安培路 1 号实训楼', ...VENUE },
      teachers: [{ key: 't1', teacher_id: teacher.body.id }],
      sessions: Array.from({ length: 5 }, (_, i) => ({
        date: day(i),
        start: '08:30',
        end: '11:45',
        hours: 4,
        kind: 'theory',
        delivery: 'offline',
        teacher: 't1',
      })),
      roster,
    })
    assert.equal(made.status, 201, `POST /classes: ${JSON.stringify(made.body)}`)
    const classId = made.body.id
    const declared = await instApi.call('POST', `/classes/${classId}/declare`, {
      version: made.body.version,
    })
    assert.equal(declared.status, 200, `declare: ${JSON.stringify(declared.body)}`)
    const rev = await new ApiSession(server.base).signIn('att_rev')
    const approved = await rev.call('POST', `/classes/${classId}/review`, {
      decision: 'approve',
      reason: '',
      version: declared.body.version,
    })
    assert.equal(approved.status, 200, `approve: ${JSON.stringify(approved.body)}`)
    const seq = 3 // DAY's session

    browser = await h.chromium.launch({
      executablePath: h.CHROMIUM,
      headless: !h.HEADED,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=zh-CN',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    const desk = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    })
    desk.setDefaultTimeout(h.STEP_TIMEOUT)
    const phoneCtx = await browser.newContext({
      viewport: { width: 360, height: 780 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      geolocation: {
        latitude: VENUE.lat + 0.0004,
        longitude: VENUE.lng + 0.0003,
        accuracy: 25,
      },
      permissions: ['geolocation', 'camera'],
    })
    phoneCtx.setDefaultTimeout(h.STEP_TIMEOUT)
    const screen = await desk.newPage()
    const phone = await phoneCtx.newPage()
    const errors = []
    for (const p of [screen, phone]) p.on('pageerror', (e) => errors.push(String(e)))

    const headcount = async (what) => Number(await screen.locator(`[data-test=screen-${what}]`).innerText())
    const waitCount = (what, n) =>
      screen.waitForFunction(
        ([w, v]) => (document.querySelector(`[data-test=screen-${w}]`) || {}).textContent === String(v),
        [what, n],
        { timeout: 30000 },
      )
    const qrUrl = async () => {
      const img = screen.locator('[data-test=screen-qr]')
      await img.waitFor()
      const url = await img.getAttribute('data-url')
      assert.match(url, /\/m\/check-in\?t=v1\./, `the QR code encodes ${url}`)
      return url
    }
    // The phone shows the camera's picture and knows where it is.
    const phoneReady = async () => {
      await phone.locator('[data-test=mobile-person]').waitFor()
      await phone.waitForFunction(() => {
        const v = document.querySelector('[data-test=mobile-video]')
        return v && v.videoWidth > 0
      })
      await phone
        .locator('[data-test=mobile-location]')
        .getByText(/已定位/)
        .waitFor()
    }
    // The server's clock moves: the screen shows the next code (a new slot) within its refresh time.
    const moveClock = async (hhmm) => {
      const before = await screen.locator('[data-test=screen-qr]').getAttribute('data-slot')
      setClock(hhmm)
      await screen.waitForFunction(
        (slot) => {
          const img = document.querySelector('[data-test=screen-qr]')
          return img && img.getAttribute('data-slot') !== slot
        },
        before,
        { timeout: 30000 },
      )
    }
    const notice = async (type) => {
      const n = phone.locator(`[data-test=mobile-notice][data-type=${type}]`)
      await n.waitFor({ timeout: 30000 })
      return n.innerText()
    }

    await step(screen, 'attendance-teacher-screen', async () => {
      await h.signInUi(screen, server.base, 'att_inst')
      await screen.waitForURL((u) => u.pathname === '/')
      await screen.goto(`${server.base}/classes/${classId}?tab=attendance`)
      await screen.locator('[data-test=attendance-sessions]').waitFor()
      await screen
        .locator('[data-test=session-screen]')
        .nth(seq - 1)
        .waitFor()
      await screen.goto(`${server.base}/classes/${classId}/sessions/${seq}/screen`)
      await qrUrl()
      await screen.waitForFunction(
        () => (document.querySelector('[data-test=screen-expected]') || {}).textContent === '2',
      )
      assert.equal(await headcount('checked-in'), 0)
    })

    await step(phone, 'attendance-phone-identifies', async () => {
      await phone.goto(await qrUrl())
      await phone.locator('[data-test=mobile-name]').fill(people[0].name)
      await phone.locator('[data-test=mobile-id-number]').fill(people[0].id_number)
      await phone.locator('[data-test=mobile-identify]').click()
      assert.match(await notice('success'), /身份已确认/)
      // the camera shows the fake video; the location is known
      await phoneReady()
    })

    await step(phone, 'attendance-phone-checks-in-after-lost-answer', async () => {
      // scanning again; the first answer to the check-in is lost on the way back to the phone
      await phone.goto(await qrUrl())
      await phoneReady()
      const keys = []
      let lost = false
      await phone.route('**/api/v1/check-ins', async (route) => {
        keys.push(JSON.parse(route.request().postData()).idempotency_key)
        if (!lost) {
          lost = true
          await route.fetch() // the server records it …
          return route.abort('connectionreset') // … the phone never hears
        }
        return route.continue()
      })
      await phone.locator('[data-test=mobile-check-in-button]').click()
      assert.match(await notice('success'), /签到成功 08:40/)
      await phone.unroute('**/api/v1/check-ins')
      assert.ok(keys.length >= 2, `the check-in was not repeated (${keys.length} requests)`)
      assert.equal(new Set(keys).size, 1, `a repeated check-in used another key: ${keys}`)
      await waitCount('checked-in', 1)
    })

    await step(phone, 'attendance-check-out-too-early-refused', async () => {
      await phone.locator('[data-test=mobile-check-out-button]').click()
      const text = await notice('error')
      assert.match(text, /签退/, `the refusal says nothing of check-out: ${text}`)
      assert.equal(await phone.locator('[data-test=mobile-notice]').getAttribute('data-code'), 'attendance.too_early')
      await phone
        .locator('[data-test=mobile-notice-advice]')
        .getByText(/下课前 10 分钟/)
        .waitFor()
    })

    await step(screen, 'attendance-roll-call-answered', async () => {
      // 随机点名 from the teacher's screen: the one trainee checked in is drawn, confirms on the phone
      await screen.locator('[data-test=screen-roll-draw]').click()
      const person = screen.locator('[data-test=screen-roll-person]')
      await person.first().waitFor()
      assert.equal(await person.count(), 1)
      assert.equal(await person.first().getAttribute('data-answered'), 'false')
      await phone.locator('[data-test=mobile-roll-call]').waitFor({ timeout: 30000 })
      await h.shot(phone, 'attendance-roll-call-prompt')
      await phone.locator('[data-test=mobile-roll-call-answer]').click()
      assert.match(await notice('success'), /点名已确认/)
      await screen.locator('[data-test=screen-roll-person][data-answered=true]').waitFor({ timeout: 30000 })
    })

    await step(phone, 'attendance-check-out-queued-offline-then-sent', async () => {
      await moveClock('11:40')
      await phone.goto(await qrUrl())
      await phoneReady()
      await phoneCtx.setOffline(true)
      await phone.locator('[data-test=mobile-check-out-button]').click()
      assert.match(await notice('warning'), /网络不通/)
      await phone.locator('[data-test=mobile-pending]').waitFor()
      await h.shot(phone, 'attendance-check-out-waiting')
      await phoneCtx.setOffline(false)
      assert.match(await notice('success'), /签退成功 11:40/)
      await phone.locator('[data-test=mobile-pending]').waitFor({ state: 'detached' })
      await waitCount('checked-out', 1)
      assert.equal(await headcount('checked-in'), 1)
    })

    await step(screen, 'attendance-hours-match-plan', async () => {
      const hours = await instApi.call('GET', `/classes/${classId}/hours`)
      assert.equal(hours.status, 200, JSON.stringify(hours.body))
      assert.equal(hours.body.planned_hours, 20)
      const byName = Object.fromEntries(hours.body.trainees.map((t) => [t.person_id, t]))
      assert.equal(byName[roster[0]].attended_hours, 4, JSON.stringify(byName[roster[0]]))
      assert.equal(byName[roster[1]].attended_hours, 0)
      await screen.goto(`${server.base}/classes/${classId}?tab=attendance`)
      await screen
        .locator('[data-test=attendance-planned]')
        .getByText(/计划 20 课时/)
        .waitFor()
      const attended = screen.locator('[data-test=hours-attended]')
      await attended.first().waitFor()
      const shown = Object.fromEntries(
        await attended.evaluateAll((els) => els.map((e) => [e.getAttribute('data-person'), e.textContent.trim()])),
      )
      assert.equal(shown[String(roster[0])], '4')
      assert.equal(shown[String(roster[1])], '0')
      const row = screen.locator('[data-test=attendance-sessions] .el-table__row').nth(seq - 1)
      assert.match(await row.innerText(), /\b2\s+1\s+1\b/, `session ${seq} head-count: ${await row.innerText()}`)
    })

    assert.deepEqual(errors, [], `uncaught errors in the attendance pages: ${errors.join('\n')}`)
  } finally {
    if (browser) await browser.close().catch(() => {})
    await h.stopServer(server, 'server-attendance.log')
    rmSync(dir, { recursive: true, force: true })
  }
}
