// The signed-in user and what their roles allow in the console. The server decides every
// request anyway; this only hides what a role cannot use and scopes the header's institution.
import { reactive } from 'vue'
import { api, setCsrfToken } from './api'
import { context, setInstitution, loadRefdata } from './store'

export const ROLES = [
  'institution',
  'police_reviewer',
  'police_admin',
  'hrss',
  'finance',
  'auditor',
  'trainee',
  'platform',
]

// Roles that look across institutions (and so choose one in the header, or see all).
export const OFFICIAL_ROLES = ['police_admin', 'police_reviewer', 'hrss', 'finance', 'auditor']

export const session = reactive({
  user: null, // User from the API, or null
  checked: false, // GET /session answered (or failed) once
  expired: false, // the last sign-out was the server's (401), not the user's
})

export function hasRole(...roles) {
  return !!session.user && (session.user.roles || []).some((r) => roles.includes(r))
}

// What the console offers; the server enforces the same rules.
export const can = {
  // classes (create, edit plan, import roster, declare): institution staff
  editInstitutionData: () => hasRole('institution'),
  // teachers and trainees: institution staff, and the city bureau for any institution
  editRegistry: () => hasRole('institution', 'police_admin'),
  adminInstitutions: () => hasRole('police_admin'),
  adminUsers: () => hasRole('police_admin'),
  audit: () => hasRole('auditor', 'police_admin'),
  pickInstitution: () => hasRole(...OFFICIAL_ROLES),
  useConsole: () => hasRole('institution', ...OFFICIAL_ROLES),
}

export function isInstitutionUser() {
  return hasRole('institution') && !hasRole(...OFFICIAL_ROLES) && !!session.user.institution_id
}

function apply(r) {
  session.user = (r && r.user) || null
  setCsrfToken(r && r.csrf_token)
  if (session.user) session.expired = false
}

// An institution user works in their own institution only: the header shows it, not a picker.
async function bindInstitution() {
  if (!isInstitutionUser()) return
  const id = session.user.institution_id
  if (context.institution && context.institution.id === id && context.institution.name) return
  try {
    setInstitution(await api.institution(id))
  } catch {
    setInstitution({ id, name: `#${id}`, district_code: session.user.district_code || '' })
  }
}

let checking = null
export function loadSession() {
  if (checking) return checking
  checking = (async () => {
    try {
      apply(await api.session())
    } catch {
      apply(null) // 401: not signed in; a network error shows on the sign-in page
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
  const r = await api.signIn(username, password)
  apply(r)
  session.checked = true
  setInstitution(null) // another user may have worked in this browser before
  loadRefdata(true)
  await bindInstitution()
  return r.user
}

export function forgetSession() {
  apply(null)
  setInstitution(null)
}

export async function signOut(everywhere = false) {
  try {
    if (everywhere) await api.signOutEverywhere()
    else await api.signOut()
  } finally {
    forgetSession()
  }
}
