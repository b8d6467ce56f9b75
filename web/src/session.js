// The signed-in user and what the server says they may do. Nothing of the authorisation rules
// lives here: GET/POST /api/v1/session answer, besides the user and the CSRF token,
//   permissions — what this user may do in the console (PERMISSIONS below), and
//   model       — the roles ({id, name}) and the class states ({id, name, editable, next}).
// The server decides every request anyway; the console only hides what a user cannot use. A
// server that sends no permissions grants none: nothing is guessed from the roles.
import { reactive } from 'vue'
import { setCsrfToken } from './api/request'
import { createSession, deleteSession, getSession, revokeAllSessions } from './api/session'
import { getInstitution } from './api/institutions'
import { context, setInstitution, loadRefdata } from './store'

// What each `can.*` asks the server's permission list for.
export const PERMISSIONS = Object.freeze({
  useConsole: 'console.use', // dashboard, teachers, trainees, classes
  editInstitutionData: 'class.edit', // create classes, edit plans, import rosters, declare
  editRegistry: 'registry.edit', // create and edit teachers and trainees
  adminInstitutions: 'institution.admin',
  adminUsers: 'user.admin',
  adminCalendar: 'calendar.admin', // add or correct a year of the working-day calendar
  audit: 'audit.read',
  pickInstitution: 'institution.pick', // looks across institutions: the header's picker
  reviewEnrolments: 'enrolment.review', // confirm or refuse held enrolments (the district's reviewer)
  readNotices: 'notice.read', // the reviewers' decisions on an institution's enrolments
  reviewClasses: 'class.review', // approve, return or reject declared classes; the review queue
  reviewChanges: 'change.review', // approve or refuse change requests of approved classes
  spotCheck: 'spot_check.use', // draw classes for spot checks, record visits, see cases (police)
  reviewAttendanceExceptions: 'attendance_exception.review', // approve or refuse paper sign-in exceptions
  holdEvidence: 'evidence.hold', // place or release a legal hold on evidence (police admin, 人社, audit)
  adminOnlinePlatforms: 'online_platform.admin', // the online platforms' registry and their tokens (人社)
  importExclusions: 'exclusion.import', // import exclusion lists (排除名单: 人社, police admin)
  readCases: 'case.read', // fraud cases: police in scope, 人社, audit; an institution its investigated ones
  investigateCases: 'case.investigate', // open and investigate cases (police)
  decideCases: 'case.decide', // decide a case: fraud (disqualify, blacklist) or cleared (city bureau)
  readBlacklist: 'blacklist.read', // the credit blacklist (an institution: its own entries)
  readReports: 'report.read', // 统计报表 (a reviewer: its district; an institution: itself)
  keepBlacklist: 'blacklist.keep', // acknowledge and lift blacklist entries (人社)
  readPublicity: 'publicity.read', // publicity batches and objections (police in scope, 人社, 财政, audit)
  keepPublicity: 'publicity.keep', // open and close batches, resolve objections (the district's reviewer)
  readFunds: 'fund.read', // fund requests: police in scope, 人社, 财政, audit
  requestFunds: 'fund.request', // request funds for publicity_closed classes (police)
  approveFunds: 'fund.approve', // approve or return fund requests (人社)
  payFunds: 'fund.pay', // confirm, export the payment list, import results, re-issue (财政)
  editPayee: 'fund.payee', // give a line's payee account (police, 人社)
  readClawbacks: 'clawback.read', // clawbacks (an institution: its own)
  recoverClawbacks: 'clawback.recover', // register recoveries (人社, 财政)
})

const emptyModel = () => ({ roles: [], class_states: [] })

export const session = reactive({
  user: null, // User from the API, or null
  permissions: [], // strings from the server
  model: emptyModel(),
  checked: false, // GET /session answered (or failed) once
  expired: false, // the last sign-out was the server's (401), not the user's
  idle: false, // ... because the session was unused for too long (reason session.idle_timeout)
  idleMinutes: 0,
})

// After an administrator's reset the user must choose their own password before anything else.
export const mustChangePassword = () => !!session.user && session.user.must_change_password === true

export function hasRole(...roles) {
  return !!session.user && (session.user.roles || []).some((r) => roles.includes(r))
}

export function hasPermission(permission) {
  return !!session.user && session.permissions.includes(permission)
}

export const can = Object.freeze(
  Object.fromEntries(Object.entries(PERMISSIONS).map(([name, permission]) => [name, () => hasPermission(permission)])),
)

// An institution's own staff: works in that institution only (no picker in the header).
export function isInstitutionUser() {
  return hasRole('institution') && !hasPermission(PERMISSIONS.pickInstitution) && !!session.user.institution_id
}

// ---- the model the server serves --------------------------------------------------------------

const strings = (xs) => (Array.isArray(xs) ? xs.filter((x) => typeof x === 'string') : [])
const withIds = (xs) => (Array.isArray(xs) ? xs.filter((x) => x && typeof x.id === 'string') : [])

function modelFrom(m) {
  if (!m || typeof m !== 'object') return emptyModel()
  return {
    roles: withIds(m.roles).map((r) => ({ ...r, name: r.name || '' })),
    class_states: withIds(m.class_states).map((s) => ({
      ...s,
      name: s.name || '',
      editable: s.editable === true,
      next: strings(s.next),
    })),
  }
}

export const roles = () => session.model.roles
export const classStates = () => session.model.class_states
export const roleInfo = (id) => session.model.roles.find((r) => r.id === id) || null
export const stateInfo = (id) => session.model.class_states.find((s) => s.id === id) || null

// What an account in this role is bound to: 'institution', 'district' or '' (the whole city) —
// the server's model.roles[].scope. Until the server sends it, the two bindings the account rules
// require (domain.md §1) are assumed so the users form still asks for them; the server checks
// them either way.
export function roleScope(id) {
  const r = roleInfo(id)
  if (r && typeof r.scope === 'string') return r.scope === 'city' ? '' : r.scope
  return { institution: 'institution', police_reviewer: 'district' }[id] || ''
}

// A plan can be edited (and declared) only in the states the server marks editable.
export function editableStates() {
  return classStates()
    .filter((s) => s.editable)
    .map((s) => s.id)
}

export function isEditableState(state) {
  const s = stateInfo(state)
  return !!s && s.editable
}

// ---- signing in and out -----------------------------------------------------------------------

// Takes a /session answer (or null when signed out).
export function applySession(payload) {
  const user = (payload && payload.user) || null
  session.user = user
  session.permissions = user ? strings(payload.permissions) : []
  session.model = user ? modelFrom(payload.model) : emptyModel()
  setCsrfToken(payload && payload.csrf_token)
  if (payload && Number.isInteger(payload.idle_timeout_s)) session.idleMinutes = payload.idle_timeout_s / 60
  if (user) {
    session.expired = false
    session.idle = false
  }
}

// An institution user works in their own institution only: the header shows it, not a picker.
async function bindInstitution() {
  if (!isInstitutionUser()) return
  const id = session.user.institution_id
  if (context.institution && context.institution.id === id && context.institution.name) return
  try {
    setInstitution(await getInstitution(id))
  } catch {
    setInstitution({ id, name: `#${id}`, district_code: session.user.district_code || '' })
  }
}

let checking = null
export function loadSession() {
  if (checking) return checking
  checking = (async () => {
    try {
      applySession(await getSession())
    } catch {
      applySession(null) // 401: not signed in; a network error shows on the sign-in page
    }
    session.checked = true
    if (session.user) {
      loadRefdata(true)
      await bindInstitution()
    }
  })()
  checking.finally(() => (checking = null))
  return checking
}

export async function signIn(username, password) {
  const r = await createSession(username, password)
  applySession(r)
  session.checked = true
  setInstitution(null) // another user may have worked in this browser before
  loadRefdata(true)
  await bindInstitution()
  return r.user
}

export function forgetSession() {
  applySession(null)
  setInstitution(null)
}

export async function signOut(everywhere = false) {
  try {
    if (everywhere) await revokeAllSessions()
    else await deleteSession()
  } finally {
    forgetSession()
  }
}
