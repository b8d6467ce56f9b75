// The phone page's retry queue keeps one idempotency key per intended check-in until the server
// answers it for good; refusals map to what the trainee should do; the teacher's screen fetches
// its next QR code before the current one expires.
import { describe, expect, it } from 'vitest'
import {
  KEY_PATTERN,
  Outbox,
  adviceKey,
  applyHeadcount,
  checkInUrl,
  deviceId,
  evidenceLines,
  isRetryable,
  newIdempotencyKey,
  refreshDelayMs,
  retryDelayMs,
  secondsLeft,
  sendPending,
} from '../../src/check-in'

class MemoryStorage {
  constructor() {
    this.map = new Map()
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null
  }
  setItem(k, v) {
    this.map.set(k, String(v))
  }
}

const apiError = (status, reason = '', message = '') => Object.assign(new Error(message), { status, reason })

describe('keys and the device id', () => {
  it('makes keys the server accepts, different each time', () => {
    const a = newIdempotencyKey()
    const b = newIdempotencyKey()
    expect(a).toMatch(KEY_PATTERN)
    expect(b).toMatch(KEY_PATTERN)
    expect(a).not.toBe(b)
  })
  it('keeps the device id once made', () => {
    const s = new MemoryStorage()
    const id = deviceId(s)
    expect(id).toMatch(KEY_PATTERN)
    expect(deviceId(s)).toBe(id)
    expect(deviceId(new MemoryStorage())).not.toBe(id)
  })
  it('replaces a kept device id the server would refuse', () => {
    const s = new MemoryStorage()
    s.setItem('anpei.device_id', 'bad id!')
    expect(deviceId(s)).toMatch(KEY_PATTERN)
  })
})

describe('the outbox', () => {
  const fields = { token: 'v1.1.3.100.mac', lat: 24.874, lng: 118.676, accuracy_m: 20 }

  it('retries with the same key after the network drops, then forgets it once recorded', async () => {
    const s = new MemoryStorage()
    const box = new Outbox(s)
    const item = box.put('in', fields, 1000)
    const sent = []
    let fail = 2
    const send = async (body) => {
      sent.push(body)
      if (fail-- > 0) throw apiError(0)
      return { record: { id: 7, direction: 'in' } }
    }
    expect((await sendPending(box, item, send, 'd-phone')).outcome).toBe('retry')
    // the page reloads in between: the pending check-in survives in storage
    const again = new Outbox(s)
    expect(again.pending('in').key).toBe(item.key)
    expect(again.pending('in').attempts).toBe(1)
    expect((await sendPending(again, again.pending('in'), send, 'd-phone')).outcome).toBe('retry')
    const done = await sendPending(again, again.pending('in'), send, 'd-phone')
    expect(done).toEqual({ outcome: 'done', record: { id: 7, direction: 'in' } })
    expect(new Set(sent.map((b) => b.idempotency_key))).toEqual(new Set([item.key]))
    expect(sent[0]).toMatchObject({ direction: 'in', device_id: 'd-phone', lat: 24.874, accuracy_m: 20 })
    expect(again.pending('in')).toBeNull()
    expect(new Outbox(s).items).toEqual([])
  })

  it('a second tap while one is pending is the same check-in, with the new code', () => {
    const box = new Outbox(new MemoryStorage())
    const first = box.put('in', fields)
    const second = box.put('in', { ...fields, token: 'v1.1.3.101.mac' })
    expect(second.key).toBe(first.key)
    expect(second.token).toBe('v1.1.3.101.mac')
    expect(box.items).toHaveLength(1)
    expect(box.put('out', fields).key).not.toBe(first.key)
  })

  it('keeps the key after a refused QR code, drops it after a definitive refusal', async () => {
    const box = new Outbox(new MemoryStorage())
    const item = box.put('in', fields)
    const expired = await sendPending(box, item, async () => {
      throw apiError(400, 'attendance.token_expired')
    })
    expect(expired.outcome).toBe('rescan')
    expect(box.pending('in').key).toBe(item.key)
    const far = await sendPending(box, box.pending('in'), async () => {
      throw apiError(422, 'attendance.too_far', '距离培训地点 1200 米')
    })
    expect(far.outcome).toBe('refused')
    expect(far.error.message).toBe('距离培训地点 1200 米')
    expect(box.pending('in')).toBeNull()
  })

  it('sends the selfie only when there is one', () => {
    const box = new Outbox(new MemoryStorage())
    const a = box.put('in', fields)
    let body
    sendPending(box, a, async (b) => (body = b))
    expect(body).not.toHaveProperty('selfie_id')
    const c = box.put('out', { ...fields, selfie_id: 42 })
    sendPending(box, c, async (b) => (body = b))
    expect(body.selfie_id).toBe(42)
  })

  it('backs off up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(retryDelayMs)).toEqual([1000, 2000, 4000, 8000, 15000, 30000, 30000])
  })
})

describe('refusals', () => {
  it('repeats only what may not have reached the server', () => {
    expect(isRetryable(apiError(0))).toBe(true)
    expect(isRetryable(apiError(503))).toBe(true)
    expect(isRetryable(apiError(429))).toBe(true)
    expect(isRetryable(apiError(422, 'attendance.too_far'))).toBe(false)
    expect(isRetryable(apiError(409, 'attendance.already'))).toBe(false)
  })
  it('tells the trainee what to do', () => {
    expect(adviceKey(apiError(400, 'attendance.token_expired'))).toBe('mobile.advice.rescan')
    expect(adviceKey(apiError(422, 'attendance.too_far'))).toBe('mobile.advice.goToVenue')
    expect(adviceKey(apiError(403, 'attendance.device_mismatch'))).toBe('mobile.advice.askInstitution')
    expect(adviceKey(apiError(403, 'attendance.not_on_roster'))).toBe('mobile.advice.checkIdentity')
    expect(adviceKey(apiError(422, 'attendance.too_early'))).toBe('mobile.advice.window')
    expect(adviceKey(apiError(409, 'attendance.no_check_in'))).toBe('mobile.advice.checkInFirst')
    expect(adviceKey(apiError(0))).toBe('mobile.advice.network')
    expect(adviceKey(apiError(429))).toBe('mobile.advice.wait')
    expect(adviceKey(apiError(401))).toBe('mobile.advice.identifyAgain')
    expect(adviceKey(Object.assign(apiError(403), { field: 'X-CSRF-Token' }))).toBe('mobile.advice.identifyAgain')
    expect(adviceKey(apiError(422, 'attendance.something_new'))).toBe('mobile.advice.askTeacher')
  })
})

describe("the teacher's screen", () => {
  it('refreshes when the server says, within 1–20 s', () => {
    expect(refreshDelayMs({ refresh_after_s: 15 })).toBe(15000)
    expect(refreshDelayMs({ refresh_after_s: 0 })).toBe(1000)
    expect(refreshDelayMs({ refresh_after_s: 600 })).toBe(20000)
  })
  it('else two seconds before the code expires', () => {
    const now = Date.parse('2026-11-27T10:00:00+08:00')
    expect(refreshDelayMs({ expires_at: '2026-11-27T10:00:12+08:00' }, now)).toBe(10000)
    expect(refreshDelayMs({ expires_at: '2026-11-27T09:59:00+08:00' }, now)).toBe(1000)
    expect(refreshDelayMs({}, now)).toBe(5000)
  })
  it('encodes the mobile page with the token', () => {
    expect(checkInUrl('https://anpei.example/', 'v1.5.3.99.ab-_c')).toBe(
      'https://anpei.example/m/check-in?t=v1.5.3.99.ab-_c',
    )
  })
  it('counts down a roll call', () => {
    const now = Date.parse('2026-11-27T10:00:00+08:00')
    expect(secondsLeft('2026-11-27T10:02:00+08:00', now)).toBe(120)
    expect(secondsLeft('2026-11-27T09:00:00+08:00', now)).toBe(0)
    expect(secondsLeft('', now)).toBe(0)
  })
  it('applies a head-count event to its session only', () => {
    const rows = [
      { seq: 1, expected: 2, checked_in: 2, checked_out: 2 },
      { seq: 2, expected: 2, checked_in: 0, checked_out: 0 },
    ]
    const next = applyHeadcount(rows, { seq: 2, expected: 2, checked_in: 1, checked_out: 0 })
    expect(next[1].checked_in).toBe(1)
    expect(next[0]).toBe(rows[0])
    expect(applyHeadcount(rows, null)).toBe(rows)
  })
})

describe('the paper-exception queue in the menu', () => {
  it('is there for a user the server lets decide paper exceptions, and only for them', async () => {
    const { applySession } = await import('../../src/session')
    const { menuItems } = await import('../../src/navigation')
    const user = { id: 1, username: 'r', roles: ['police_reviewer'], district_code: '350503' }
    applySession({ user, permissions: ['console.use', 'attendance_exception.review'], csrf_token: 't' })
    expect(menuItems().find((m) => m.key === 'attendanceExceptions')).toMatchObject({
      path: '/attendance-exceptions',
      label: 'nav.attendanceExceptions',
    })
    applySession({
      user: { ...user, roles: ['institution'] },
      permissions: ['console.use', 'class.edit'],
      csrf_token: 't',
    })
    expect(menuItems().some((m) => m.key === 'attendanceExceptions')).toBe(false)
    applySession(null)
  })
})

describe("a flag's evidence", () => {
  it('reads as short lines', () => {
    expect(
      evidenceLines({
        device_id: 'd-abc',
        uses: [
          { what: 'check_in', person_id: 11, session_seq: 1, at: '2026-11-25T08:20:00+08:00' },
          { what: 'check_in', person_id: 12, session_seq: 1, at: '2026-11-25T08:21:00+08:00' },
        ],
        here: { from: '2026-11-27T08:30:00+08:00', until: '2026-11-27T11:45:00+08:00' },
        other_class: { id: null, title: '另一培训班' },
        overlap_minutes: 45,
      }),
    ).toEqual([
      'device_id: d-abc',
      'uses: check_in 11 1 2026-11-25 08:20; check_in 12 1 2026-11-25 08:21',
      'here: 2026-11-27 08:30–11:45',
      'other_class: 另一培训班',
      'overlap_minutes: 45',
    ])
    expect(evidenceLines(null)).toEqual([])
  })
})
