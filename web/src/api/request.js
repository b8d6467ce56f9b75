// The one client for the AnPei JSON API (/api/v1); the modules next to this file (one per
// resource) call `request` and nothing else talks to the server.
//
// Every transport — JSON, multipart/form-data, an upload that reports progress, a file download —
// goes through the same steps:
//   - unsafe methods (anything but GET/HEAD) carry the session's CSRF token in X-CSRF-Token;
//   - a 403 naming the field X-CSRF-Token (another tab signed in again, say) fetches the session's
//     current token once and repeats the request once;
//   - a 401 from any path other than /session means the session ended: the handler set with
//     setUnauthorizedHandler (main.js) sends the user to the sign-in page;
//   - every failure becomes an ApiError whose message is the server's error.message, with its
//     code, field, the HTTP status and the whole body; an unreachable server is status 0, code
//     'network', and no answer within TIMEOUT_MS status 0, code 'timeout' (errors.js tells
//     people which failures are the service's faults).
// The session itself lives in the server's HttpOnly cookie, which the browser sends with every
// same-origin request.
import { i18n } from '../i18n'

export const API_BASE = '/api/v1'

export class ApiError extends Error {
  constructor(status, body, fallback) {
    const err = (body && body.error) || {}
    super(err.message || fallback || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = err.code || (status === 0 ? 'network' : 'unknown')
    this.field = err.field || ''
    this.reason = err.reason || ''
    this.body = body || {}
  }
}

let csrfToken = ''
let onUnauthorized = null

export function setCsrfToken(token) {
  csrfToken = token || ''
}

export function getCsrfToken() {
  return csrfToken
}

export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

let onPasswordChangeRequired = null
export function setPasswordChangeHandler(fn) {
  onPasswordChangeRequired = fn
}

export function queryString(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    q.set(k, String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

function parseJson(text) {
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return { error: { code: 'bad_response', message: text.slice(0, 200) } }
  }
}

const isSessionPath = (path) => path === '/session' || path.startsWith('/session/')
const isSafeMethod = (method) => method === 'GET' || method === 'HEAD'
const isFormData = (body) => typeof FormData !== 'undefined' && body instanceof FormData
const isCsrfRefusal = (status, data) => status === 403 && !!data && !!data.error && data.error.field === 'X-CSRF-Token'

// How long a request may wait for the server's answer before it counts as a fault (ms); uploads
// with progress (XMLHttpRequest) wait as long as they take.
export const TIMEOUT_MS = { json: 30000, blob: 120000 }

function networkError(cause) {
  if (cause && cause.name === 'TimeoutError') {
    const e = new ApiError(0, null, i18n.global.t('errors.timeout'))
    e.code = 'timeout'
    return e
  }
  const detail = cause && cause.message
  return new ApiError(
    0,
    null,
    detail ? i18n.global.t('errors.networkDetail', { detail }) : i18n.global.t('errors.network'),
  )
}

// An AbortSignal that fires after ms (null where the runtime has no AbortSignal.timeout).
function timeoutSignal(ms) {
  return ms && typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function'
    ? AbortSignal.timeout(ms)
    : undefined
}

// The file name a download's Content-Disposition gives (RFC 6266 filename* first).
export function filenameOf(contentDisposition) {
  const cd = contentDisposition || ''
  const m = cd.match(/filename\*=UTF-8''([^;]+)/i) || cd.match(/filename="?([^";]+)"?/i)
  if (!m) return ''
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

// ---- transports -------------------------------------------------------------------------------
// Each sends one request and resolves with {status, header(name), text(), blob()}, or rejects
// when the server cannot be reached.

async function fetchTransport({ method, url, headers, body, timeoutMs }) {
  const signal = timeoutSignal(timeoutMs)
  const res = await fetch(url, { method, credentials: 'same-origin', headers, body, ...(signal ? { signal } : {}) })
  return {
    status: res.status,
    header: (name) => res.headers.get(name),
    text: () => res.text(),
    blob: () => res.blob(),
  }
}

// XMLHttpRequest, because fetch cannot report upload progress: onProgress(percent 0..100).
function xhrTransport({ method, url, headers, body, onProgress, responseType }) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    if (responseType === 'blob') xhr.responseType = 'blob'
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    if (xhr.upload) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
      }
    }
    xhr.onload = () => {
      onProgress(100)
      const isBlob = responseType === 'blob'
      resolve({
        status: xhr.status,
        header: (name) => xhr.getResponseHeader(name),
        text: async () => (isBlob ? (xhr.response ? xhr.response.text() : '') : xhr.responseText || ''),
        blob: async () => (isBlob ? xhr.response : new Blob([xhr.responseText || ''])),
      })
    }
    xhr.onerror = () => reject(new Error(''))
    xhr.send(body === undefined ? null : body)
  })
}

// After a refused CSRF token the session's current one is fetched (GET /session).
async function refreshCsrf() {
  try {
    const res = await fetchTransport({
      method: 'GET',
      url: `${API_BASE}/session`,
      headers: { Accept: 'application/json' },
    })
    if (res.status < 200 || res.status >= 300) return false
    const data = parseJson(await res.text())
    setCsrfToken(data && data.csrf_token)
    return !!csrfToken
  } catch {
    return false
  }
}

async function send(method, path, opts, retried) {
  const { params, body, onProgress, responseType } = opts
  const headers = {}
  if (responseType === 'json') headers.Accept = 'application/json'
  let payload
  if (isFormData(body)) {
    payload = body // the browser sets multipart/form-data with its boundary
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  if (!isSafeMethod(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  const transport = onProgress ? xhrTransport : fetchTransport
  let res
  try {
    res = await transport({
      method,
      url: `${API_BASE}${path}${queryString(params)}`,
      headers,
      body: payload,
      onProgress,
      responseType,
      timeoutMs: TIMEOUT_MS[responseType],
    })
  } catch (e) {
    throw networkError(e)
  }

  if (res.status < 200 || res.status >= 300) {
    const data = parseJson(await res.text())
    if (!retried && !isSessionPath(path) && isCsrfRefusal(res.status, data) && (await refreshCsrf())) {
      return send(method, path, opts, true)
    }
    const error = new ApiError(res.status, data)
    if (res.status === 401 && !isSessionPath(path) && onUnauthorized) onUnauthorized(error)
    // After an administrator's reset the server allows only the password change.
    if (res.status === 403 && error.reason === 'password.change_required' && onPasswordChangeRequired) {
      onPasswordChangeRequired()
    }
    throw error
  }
  if (responseType === 'blob') {
    const blob = await res.blob()
    return { blob, name: filenameOf(res.header('Content-Disposition')) }
  }
  return parseJson(await res.text())
}

// request(method, path, options) → the parsed JSON body (null when empty).
// options: params (query string; empty values left out), body (a plain object is sent as JSON, a
// FormData as multipart/form-data), onProgress (percent callback: sends with XMLHttpRequest to
// report upload progress), responseType 'json' (default) or 'blob' (→ {blob, name}, the name
// from Content-Disposition).
export function request(method, path, { params, body, onProgress, responseType = 'json' } = {}) {
  return send(method, path, { params, body, onProgress, responseType }, false)
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
