// The console's side of the review life cycle (issue 12): what the server will refuse at
// declaring besides the policy check, the review queue's waiting times and warnings, the
// decisions' labels, a reason's validity. Presentation only: the server decides every request.

// What blocks declaring besides the policy's rules — the server's refusals of POST
// /classes/{id}/declare before it checks the plan (app/classes.cc DeclareClass and
// InstitutionMayDeclare), so that a declaration is never refused in two rounds. `klass` is a class
// (or the plan editor's form): venue.address, sessions, roster; `institution` the institution's
// JSON when known (blacklisted, blacklisted_at, may_declare). Each blocker: {field, key, params}
// with `key` a locale key under declare.*.
export function declareBlockers(klass, institution = null) {
  const out = []
  if (institution) {
    if (institution.blacklisted) {
      out.push({
        field: 'institution_id',
        key: 'declare.blacklisted',
        params: { since: String(institution.blacklisted_at || '').slice(0, 10) },
      })
    } else if (institution.may_declare === false) {
      out.push({ field: 'institution_id', key: 'declare.usccUnconfirmed', params: {} })
    }
  }
  if (!klass) return out
  const address = klass.venue && typeof klass.venue.address === 'string' ? klass.venue.address.trim() : ''
  if (!address) out.push({ field: 'venue.address', key: 'declare.needVenue', params: {} })
  if (!(klass.sessions || []).length) out.push({ field: 'sessions', key: 'declare.needSessions', params: {} })
  if (!(klass.roster || []).length) out.push({ field: 'roster', key: 'declare.needRoster', params: {} })
  return out
}

// Whether the 申报 button may be pressed: never while the panel shows a violation, an unusable
// plan or a blocker, nor while the check is still running. A fault of the check service leaves
// it enabled (the server checks again on declaring and says why it refuses).
// check: {result, error, loading}; errorIsFault(e) tells a fault from a refusal (errors.js isFault).
export function mayDeclare(check, blockers, errorIsFault) {
  if ((blockers || []).length) return false
  if (!check || check.loading) return false
  if (check.error) return !!(errorIsFault && errorIsFault(check.error))
  return !!check.result && check.result.ok === true
}

// Whole days from date a to date b (YYYY-MM-DD, or a timestamp whose first ten characters are its
// local date); NaN when either is not a date.
export function daysBetween(a, b) {
  const day = (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s || ''))
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN
  }
  return Math.round((day(b) - day(a)) / 86400e3)
}

// Days a declaration has waited for review: from the day it was declared to today (0 on the day).
export function waitingDays(declaredAt, today) {
  const n = daysBetween(declaredAt, today)
  return Number.isFinite(n) && n > 0 ? n : 0
}

// How close the first session is, for the reviewer: 'passed' (the class should have started),
// 'today', 'near' (within nearDays), or null. {level, days} with days until the start.
export const NEAR_START_DAYS = 3
export function startUrgency(startDate, today, nearDays = NEAR_START_DAYS) {
  const days = daysBetween(today, startDate)
  if (!Number.isFinite(days)) return { level: null, days: null }
  if (days < 0) return { level: 'passed', days }
  if (days === 0) return { level: 'today', days }
  if (days <= nearDays) return { level: 'near', days }
  return { level: null, days }
}

// The decisions of the contract and how the console shows them.
export const DECISIONS = Object.freeze(['approve', 'return', 'reject'])
const DECISION_TYPES = { approve: 'success', return: 'warning', reject: 'danger' }
export const decisionType = (decision) => DECISION_TYPES[decision] || 'info'
export const needsReason = (decision) => decision === 'return' || decision === 'reject'

// The longest reason the server accepts (class_decisions.reason, review-api.md).
export const REASON_MAX = 500

// '' when the reason may be sent with this decision, else 'required' or 'tooLong' (characters,
// not bytes: Chinese text counts one a character).
export function reasonProblem(decision, reason) {
  const text = String(reason || '').trim()
  if (needsReason(decision) && !text) return 'required'
  if ([...text].length > REASON_MAX) return 'tooLong'
  return ''
}

// The query of the review queue: declared classes with the page's filters (GET /classes filters of
// review-api.md); empty values left out, waiting days only when > 0.
export function queueQuery(filters) {
  const f = filters || {}
  const out = { state: 'declared' }
  for (const key of ['q', 'district_code', 'institution_id', 'occupation', 'start_from', 'start_to']) {
    const v = typeof f[key] === 'string' ? f[key].trim() : f[key]
    if (v !== undefined && v !== null && v !== '') out[key] = v
  }
  const w = Number(f.waiting_days_min)
  if (Number.isInteger(w) && w > 0) out.waiting_days_min = w
  for (const key of ['page', 'page_size', 'cursor']) if (f[key] !== undefined) out[key] = f[key]
  return out
}

// The lock banner of a class whose plan cannot be edited, by state (a locale key under klass.*):
// a declared class can be withdrawn (said to its institution; others read that it awaits review),
// an approved one changes only through a change request.
export function lockMessageKey(state, institution = true) {
  switch (state) {
    case 'declared':
      return institution ? 'klass.lockedDeclared' : 'klass.lockedAwaitingReview'
    case 'approved':
      return 'klass.lockedApproved'
    case 'rejected':
      return 'klass.lockedRejected'
    default:
      return 'klass.locked'
  }
}
