// Spot checks (抽查): random draws of classes in training, visits on site with photos, and the
// cases a finding opens. Police only; a class's institution reads its visits.
import { API_BASE, request } from './request'

export const drawSpotCheck = (body) => request('POST', '/spot-checks/draws', { body })
export const listDraws = (params) => request('GET', '/spot-checks/draws', { params })
export const getDraw = (id) => request('GET', `/spot-checks/draws/${id}`)
export const listVisits = (classId) => request('GET', `/classes/${classId}/spot-checks`)
export const recordVisit = (classId, body) => request('POST', `/classes/${classId}/spot-checks`, { body })
export const listPhotos = (visitId) => request('GET', `/spot-checks/${visitId}/photos`)
export function uploadPhoto(visitId, file, onProgress) {
  const body = new FormData()
  body.append('file', file, file.name)
  return request('POST', `/spot-checks/${visitId}/photos`, { body, onProgress })
}
// The photo itself (an <img> source: same origin, the session cookie goes along).
export const photoUrl = (visitId, n) => `${API_BASE}/spot-checks/${visitId}/photos/${n}`

// The draw's body from the form: empty fields left out (no seed: the server draws one).
export function drawBody(form) {
  const body = { count: Number(form.count) }
  for (const key of ['seed', 'district_code', 'occupation']) {
    const v = typeof form[key] === 'string' ? form[key].trim() : form[key]
    if (v) body[key] = v
  }
  return body
}

// The visit's body from the form: the time as the date picker gives it (wall-clock time in China
// Standard Time, as every time in the console) with +08:00 added; inspectors one per line or separated by commas (full- or
// half-width), enumeration commas or semicolons.
export function visitBody(form) {
  const inspectors = String(form.inspectors || '')
    .split(/[\n,\uff0c\u3001;\uff1b]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  const body = {
    visited_at: /([+-]\d\d:\d\d|Z)$/.test(form.visited_at || '') ? form.visited_at : `${form.visited_at}+08:00`,
    inspectors,
    present: Number(form.present),
    expected: Number(form.expected),
    findings: (form.findings || '').trim(),
    open_case: !!form.open_case,
  }
  if (form.draw_id) body.draw_id = Number(form.draw_id)
  return body
}
