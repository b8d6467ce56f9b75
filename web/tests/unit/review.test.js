// The console's side of the review life cycle (src/review.js): what blocks declaring besides the
// policy check, when 申报 may be pressed, waiting times and first-session warnings in the review
// queue, reasons, the queue's query and the lock banner by state.
import { describe, expect, it } from 'vitest'
import {
  REASON_MAX,
  daysBetween,
  declareBlockers,
  decisionType,
  lockMessageKey,
  mayDeclare,
  needsReason,
  queueQuery,
  reasonProblem,
  startUrgency,
  waitingDays,
} from '../../src/review'

const ready = {
  venue: { address: '泉州市丰泽区东海街道安培路 1 号' },
  sessions: [{ date: '2026-12-01' }],
  roster: [{ trainee_id: 1 }],
}
const fields = (bs) => bs.map((b) => b.field)

describe('declareBlockers', () => {
  it('is empty for a class the server would check', () => {
    expect(declareBlockers(ready)).toEqual([])
    expect(declareBlockers(ready, { blacklisted: false, may_declare: true })).toEqual([])
  })
  it('names each missing part the server refuses before the policy check', () => {
    expect(fields(declareBlockers({ venue: { address: '  ' }, sessions: [], roster: [] }))).toEqual([
      'venue.address',
      'sessions',
      'roster',
    ])
    expect(fields(declareBlockers({}))).toEqual(['venue.address', 'sessions', 'roster'])
    expect(declareBlockers({ ...ready, roster: [] })).toEqual([
      { field: 'roster', key: 'declare.needRoster', params: {} },
    ])
  })
  it("names the institution's blacklisting with its date, or an unconfirmed credit code", () => {
    expect(
      declareBlockers(ready, { blacklisted: true, blacklisted_at: '2026-10-01T09:00:00+08:00', may_declare: false }),
    ).toEqual([{ field: 'institution_id', key: 'declare.blacklisted', params: { since: '2026-10-01' } }])
    expect(fields(declareBlockers(ready, { blacklisted: false, may_declare: false }))).toEqual(['institution_id'])
  })
  it('reads the plan editor form too (roster as ids)', () => {
    expect(declareBlockers({ venue: { address: 'x' }, sessions: [{}], roster: [7] })).toEqual([])
  })
})

describe('mayDeclare', () => {
  const fault = (e) => e.status >= 500
  const ok = { result: { ok: true, violations: [] }, error: null, loading: false }
  it('allows declaring a plan the check passed with nothing missing', () => {
    expect(mayDeclare(ok, [], fault)).toBe(true)
  })
  it('refuses while the panel shows violations, an unusable plan or a blocker', () => {
    expect(mayDeclare({ result: { ok: false, violations: [{}] }, error: null, loading: false }, [], fault)).toBe(false)
    expect(mayDeclare({ result: null, error: { status: 422 }, loading: false }, [], fault)).toBe(false)
    expect(mayDeclare(ok, [{ field: 'roster' }], fault)).toBe(false)
  })
  it('waits for the check, and lets the server decide when the check service failed', () => {
    expect(mayDeclare({ ...ok, loading: true }, [], fault)).toBe(false)
    expect(mayDeclare({ result: null, error: null, loading: false }, [], fault)).toBe(false)
    expect(mayDeclare({ result: null, error: { status: 503 }, loading: false }, [], fault)).toBe(true)
  })
})

describe('waiting and first-session warnings', () => {
  it('counts whole days between local dates', () => {
    expect(daysBetween('2026-11-20', '2026-11-27')).toBe(7)
    expect(daysBetween('2026-11-27T23:59:00+08:00', '2026-11-28')).toBe(1)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('', '2026-11-28')).toBeNaN()
  })
  it('gives the days a declaration has waited, 0 on its day and for a missing date', () => {
    expect(waitingDays('2026-11-20T09:30:00+08:00', '2026-11-27')).toBe(7)
    expect(waitingDays('2026-11-27T09:30:00+08:00', '2026-11-27')).toBe(0)
    expect(waitingDays(null, '2026-11-27')).toBe(0)
  })
  it('warns when the first session is near, today or past', () => {
    expect(startUrgency('2026-11-25', '2026-11-27')).toEqual({ level: 'passed', days: -2 })
    expect(startUrgency('2026-11-27', '2026-11-27')).toEqual({ level: 'today', days: 0 })
    expect(startUrgency('2026-11-30', '2026-11-27')).toEqual({ level: 'near', days: 3 })
    expect(startUrgency('2026-12-01', '2026-11-27')).toEqual({ level: null, days: 4 })
    expect(startUrgency('2026-12-01', '2026-11-27', 7).level).toBe('near')
    expect(startUrgency(null, '2026-11-27')).toEqual({ level: null, days: null })
  })
})

describe('decisions and reasons', () => {
  it('requires a reason to return or reject, not to approve', () => {
    expect(needsReason('approve')).toBe(false)
    expect(reasonProblem('approve', '')).toBe('')
    expect(reasonProblem('return', '')).toBe('required')
    expect(reasonProblem('reject', '   ')).toBe('required')
    expect(reasonProblem('return', '课次安排在法定节假日，请调整')).toBe('')
  })
  it('counts characters, not bytes, against the limit', () => {
    expect(reasonProblem('return', '改'.repeat(REASON_MAX))).toBe('')
    expect(reasonProblem('return', '改'.repeat(REASON_MAX + 1))).toBe('tooLong')
    expect(reasonProblem('approve', 'x'.repeat(REASON_MAX + 1))).toBe('tooLong')
  })
  it('colours each decision', () => {
    expect(decisionType('approve')).toBe('success')
    expect(decisionType('return')).toBe('warning')
    expect(decisionType('reject')).toBe('danger')
    expect(decisionType('other')).toBe('info')
  })
})

describe('queueQuery', () => {
  it('asks for declared classes with the filters that are set', () => {
    expect(
      queueQuery({
        q: ' 第 1 期 ',
        district_code: '350503',
        institution_id: 12,
        occupation: '',
        start_from: '2026-12-01',
        start_to: '2026-12-31',
        waiting_days_min: 3,
        page: 2,
        page_size: 20,
      }),
    ).toEqual({
      state: 'declared',
      q: '第 1 期',
      district_code: '350503',
      institution_id: 12,
      start_from: '2026-12-01',
      start_to: '2026-12-31',
      waiting_days_min: 3,
      page: 2,
      page_size: 20,
    })
  })
  it('leaves out empty values and a waiting time of 0', () => {
    expect(queueQuery({ q: '', institution_id: null, waiting_days_min: 0 })).toEqual({ state: 'declared' })
    expect(queueQuery({ waiting_days_min: undefined, state: 'draft' })).toEqual({ state: 'declared' })
  })
})

describe('lockMessageKey', () => {
  it('tells a declared class from an approved or rejected one', () => {
    expect(lockMessageKey('declared')).toBe('klass.lockedDeclared')
    expect(lockMessageKey('declared', false)).toBe('klass.lockedAwaitingReview')
    expect(lockMessageKey('approved')).toBe('klass.lockedApproved')
    expect(lockMessageKey('rejected')).toBe('klass.lockedRejected')
    expect(lockMessageKey('paid')).toBe('klass.locked')
  })
})

describe('the review queue in the menu', () => {
  it('is there for a user the server lets review classes, and only for them', async () => {
    const { applySession } = await import('../../src/session')
    const { menuItems } = await import('../../src/navigation')
    const user = { id: 1, username: 'r', roles: ['police_reviewer'], district_code: '350503' }
    applySession({ user, permissions: ['console.use', 'institution.pick', 'class.review'], csrf_token: 't' })
    expect(menuItems().find((m) => m.key === 'reviewQueue')).toMatchObject({
      path: '/review-queue',
      label: 'nav.reviewQueue',
    })
    applySession({
      user: { ...user, roles: ['institution'] },
      permissions: ['console.use', 'class.edit'],
      csrf_token: 't',
    })
    expect(menuItems().some((m) => m.key === 'reviewQueue')).toBe(false)
    applySession(null)
  })
})
