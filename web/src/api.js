// Thin client for the AnPei JSON API (/api/v1). Every failure becomes an ApiError whose
// message is the server's error.message (Chinese), with code, field, status and the whole body.

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

export async function request(method, path, { params, body } = {}) {
  const url = `/api/v1${path}${query(params)}`
  const init = { method, headers: { Accept: 'application/json' } }
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  let res
  try {
    res = await fetch(url, init)
  } catch (e) {
    throw new ApiError(0, null, `无法连接服务器（${e.message}）`)
  }
  const data = await parseBody(res)
  if (!res.ok) throw new ApiError(res.status, data)
  return data
}

// POST with upload progress (fetch cannot report it): onProgress(percent 0..100).
export function postWithProgress(path, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1${path}`)
    xhr.setRequestHeader('Content-Type', 'application/json')
    xhr.setRequestHeader('Accept', 'application/json')
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
      if (xhr.status >= 200 && xhr.status < 300) resolve(data)
      else reject(new ApiError(xhr.status, data))
    }
    xhr.onerror = () => reject(new ApiError(0, null, '无法连接服务器'))
    xhr.send(JSON.stringify(body))
  })
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body) => request('POST', path, { body }),
  put: (path, body) => request('PUT', path, { body }),

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
