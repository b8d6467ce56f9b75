// Thin client for the AnPei JSON API (/api/v1). Every failure becomes an ApiError whose
// message is the server's error.message (Chinese), with code, field, status and the whole body.
//
// Sessions: the server keeps the session in the HttpOnly cookie `anpei_session` (sent by the
// browser with same-origin fetches); every non-GET request must also carry the session's CSRF
// token in `X-CSRF-Token`, which this module keeps (from POST/GET /session). A 401 from any
// endpoint other than /session means the session ended: the handler set with
// setUnauthorizedHandler (main.js) sends the user to the sign-in page.

export class ApiError extends Error {
  constructor(status, body, fallback) {
    const err = (body && body.error) || {}
    super(err.message || fallback || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = err.code || (status === 0 ? 'network' : 'unknown')
    this.field = err.field || ''
    this.body = body || {}
  }
}

function query(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

async function parseBody(res) {
  const text = await res.text()
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return { error: { code: 'bad_response', message: text.slice(0, 200) } }
  }
}

let csrfToken = ''
let onUnauthorized = null

export function setCsrfToken(token) {
  csrfToken = token || ''
}

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

const isSessionPath = (path) => path === '/session' || path.startsWith('/session/')

function unauthorized(path, status) {
  if (status === 401 && !isSessionPath(path) && onUnauthorized) onUnauthorized()
}

function isCsrfRefusal(status, data) {
  return status === 403 && data && data.error && data.error.field === 'X-CSRF-Token'
}

// After a refused CSRF token (another tab signed in again, say) the session's current token is
// fetched once and the request repeated.
async function refreshCsrf() {
  try {
    const res = await fetch('/api/v1/session', { headers: { Accept: 'application/json' } })
    if (!res.ok) return false
    const data = await parseBody(res)
    setCsrfToken(data && data.csrf_token)
    return !!csrfToken
  } catch {
    return false
  }
}

export async function request(method, path, { params, body } = {}, retried = false) {
  const url = `/api/v1${path}${query(params)}`
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) init.headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(url, init)
  } catch (e) {
    throw new ApiError(0, null, `无法连接服务器（${e.message}）`)
  }
  const data = await parseBody(res)
  if (!res.ok) {
    if (!retried && !isSessionPath(path) && isCsrfRefusal(res.status, data) && (await refreshCsrf())) {
      return request(method, path, { params, body }, true)
    }
    unauthorized(path, res.status)
    throw new ApiError(res.status, data)
  }
  return data
}

// Downloads a GET endpoint's body as a file (CSV exports): fetched first so that a refusal shows
// the server's message instead of an error page.
export async function download(path, params, fallbackName) {
  let res
  try {
    res = await fetch(`/api/v1${path}${query(params)}`, { credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, null, `无法连接服务器（${e.message}）`)
  }
  if (!res.ok) {
    const data = await parseBody(res)
    unauthorized(path, res.status)
    throw new ApiError(res.status, data)
  }
  const blob = await res.blob()
  const cd = res.headers.get('Content-Disposition') || ''
  const m = cd.match(/filename\*=UTF-8''([^;]+)/i) || cd.match(/filename="?([^";]+)"?/i)
  const name = m ? decodeURIComponent(m[1]) : fallbackName
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 2000)
  return { name, size: blob.size }
}

// POST with upload progress (fetch cannot report it): onProgress(percent 0..100).
export function postWithProgress(path, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1${path}`)
    xhr.setRequestHeader('Content-Type', 'application/json')
    xhr.setRequestHeader('Accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      if (onProgress) onProgress(100)
      let data = null
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        data = { error: { code: 'bad_response', message: xhr.responseText.slice(0, 200) } }
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data)
      unauthorized(path, xhr.status)
      reject(new ApiError(xhr.status, data))
    }
    xhr.onerror = () => reject(new ApiError(0, null, '无法连接服务器'))
    xhr.send(JSON.stringify(body))
  })
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body) => request('POST', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  del: (path) => request('DELETE', path),

  session: () => request('GET', '/session'),
  signIn: (username, password) => request('POST', '/session', { body: { username, password } }),
  signOut: () => request('DELETE', '/session'),
  signOutEverywhere: () => request('POST', '/session/revoke-all'),

  users: (params) => request('GET', '/users', { params }),
  createUser: (body) => request('POST', '/users', { body }),
  disableUser: (id) => request('POST', `/users/${id}/disable`),
  resetPassword: (id, password) => request('POST', `/users/${id}/reset-password`, { body: { password } }),

  auditEvents: (params) => request('GET', '/audit-events', { params }),
  exportAuditEvents: (params) => download('/audit-events.csv', params, 'audit-events.csv'),

  policies: () => request('GET', '/policies'),
  districts: () => request('GET', '/districts', { params: { page_size: 100 } }),
  planCheck: (plan) => request('POST', '/plan-checks', { body: plan }),
  stats: () => request('GET', '/stats/classes'),

  institutions: (params) => request('GET', '/institutions', { params }),
  institution: (id) => request('GET', `/institutions/${id}`),
  createInstitution: (body) => request('POST', '/institutions', { body }),
  updateInstitution: (id, body) => request('PUT', `/institutions/${id}`, { body }),

  teachers: (params) => request('GET', '/teachers', { params }),
  teacher: (id) => request('GET', `/teachers/${id}`),
  createTeacher: (body) => request('POST', '/teachers', { body }),
  updateTeacher: (id, body) => request('PUT', `/teachers/${id}`, { body }),

  trainees: (params) => request('GET', '/trainees', { params }),
  trainee: (id) => request('GET', `/trainees/${id}`),
  createTrainee: (body) => request('POST', '/trainees', { body }),
  updateTrainee: (id, body) => request('PUT', `/trainees/${id}`, { body }),

  classes: (params) => request('GET', '/classes', { params }),
  klass: (id) => request('GET', `/classes/${id}`),
  createClass: (body) => request('POST', '/classes', { body }),
  updateClass: (id, body) => request('PUT', `/classes/${id}`, { body }),
  checkClass: (id) => request('GET', `/classes/${id}/check`),
  declareClass: (id, version) => request('POST', `/classes/${id}/declare`, { body: { version } }),
  planVersions: (id) => request('GET', `/classes/${id}/plan-versions`),
  importRoster: (id, body, onProgress) => postWithProgress(`/classes/${id}/roster/import`, body, onProgress),
}

// Fetch every page of a list endpoint (page_size 100) — for selectors, not for big tables.
export async function listAll(fn, params = {}) {
  const items = []
  for (let page = 1; page <= 50; page++) {
    const r = await fn({ ...params, page, page_size: 100 })
    items.push(...(r.items || []))
    if (!r.total || items.length >= r.total || !(r.items || []).length) break
  }
  return items
}
