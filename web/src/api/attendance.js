// Attendance (issue 13): the teacher's QR token, the trainee's phone session and check-ins,
// selfies, hours and head-counts, roll calls, flags, device bindings and paper exceptions.
import { API_BASE, request } from './request'

// ---- the teacher's screen ----
export const getQrToken = (classId, seq) => request('GET', `/classes/${classId}/sessions/${seq}/qr-token`)
// Server-sent events (event: headcount); EventSource sends the session cookie.
export const attendanceStreamUrl = (classId) => `${API_BASE}/classes/${classId}/attendance/stream`
export const drawRollCall = (classId, seq, count) =>
  request('POST', `/classes/${classId}/sessions/${seq}/roll-calls`, { body: { count } })
export const listRollCalls = (classId) => request('GET', `/classes/${classId}/roll-calls`)

// ---- the trainee's phone ----
// body {token, name, id_number, device_id} → {person, class, csrf_token, expires_at}
export const identifyTrainee = (body) => request('POST', '/trainee-sessions', { body })
export const getMe = () => request('GET', '/me')
export const signOutTrainee = () => request('DELETE', '/trainee-sessions/current')
export const postCheckIn = (body) => request('POST', '/check-ins', { body })
export function uploadSelfie(blob) {
  const body = new FormData()
  body.append('file', blob, 'selfie.jpg')
  return request('POST', '/selfies', { body })
}
export const myRollCalls = () => request('GET', '/me/roll-calls')
export const answerRollCall = (id, body) => request('POST', `/roll-calls/${id}/answers`, { body })

// ---- the class page's 考勤 tab ----
export const getHours = (classId) => request('GET', `/classes/${classId}/hours`)
export const getAttendanceFlags = (classId) => request('GET', `/classes/${classId}/attendance-flags`)
export const unbindDevice = (classId, personId, reason) =>
  request('DELETE', `/classes/${classId}/trainees/${personId}/device-binding`, { body: { reason } })

// ---- paper exceptions ----
export const listClassExceptions = (classId) => request('GET', `/classes/${classId}/attendance-exceptions`)
export const createException = (classId, body) => request('POST', `/classes/${classId}/attendance-exceptions`, { body })
export const listExceptions = (params) => request('GET', '/attendance-exceptions', { params })
// body {decision: 'approve'|'refuse', reason, version}
export const decideException = (id, body) => request('POST', `/attendance-exceptions/${id}/decision`, { body })
export function uploadExceptionFile(id, file, onProgress) {
  const body = new FormData()
  body.append('file', file, file.name)
  return request('POST', `/attendance-exceptions/${id}/files`, { body, onProgress })
}
export const listExceptionFiles = (id) => request('GET', `/attendance-exceptions/${id}/files`)
export const exceptionFilePath = (id, n) => `/attendance-exceptions/${id}/files/${n}`
// body {records: [{person_id, session_seq, check_in: 'HH:MM', check_out: 'HH:MM'}]}
export const backfillException = (id, records) =>
  request('POST', `/attendance-exceptions/${id}/backfill`, { body: { records } })
