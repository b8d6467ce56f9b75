// Evidence of a class (证据材料, notice 三（一）3): the files an institution uploads — group and
// practical photos, session videos, scanned sign-in sheets, the online learning tables — and the
// checklist the server computes from them.
//
// Uploads use the tus 1.0.0 protocol (creation + termination, docs/openapi.yaml): the file goes in
// chunks of CHUNK_BYTES, each a PATCH at the offset the server confirmed, so a dropped connection
// loses at most one chunk. tus-js-client remembers an unfinished upload in localStorage (keyed by
// the file's name, size, type and the class) and resumes it from the offset HEAD reports when the
// same file is chosen again; retryDelays retries a chunk that failed in transit.
import * as tus from 'tus-js-client'
import { API_BASE, getCsrfToken, request } from './request'

export const CHUNK_BYTES = 4 * 1024 * 1024 // under the server's 8 MiB body limit

// The kinds of evidence, in the order the checklist asks for them. `accept` is the file picker's
// filter (the server sniffs the bytes anyway); `session`: 'required' | 'optional'.
export const EVIDENCE_KINDS = Object.freeze([
  { id: 'group_photo', accept: 'image/jpeg,image/png', session: 'optional' },
  { id: 'practical_photo', accept: 'image/jpeg,image/png', session: 'optional' },
  { id: 'theory_video', accept: 'video/*,.mp4,.mov,.mkv,.webm', session: 'required', video: true },
  { id: 'practical_video', accept: 'video/*,.mp4,.mov,.mkv,.webm', session: 'required', video: true },
  { id: 'sign_in_sheet', accept: 'image/jpeg,image/png,application/pdf', session: 'required' },
  { id: 'online_summary', accept: '.xlsx,.csv', session: 'none' },
  { id: 'online_detail', accept: '.xlsx,.csv', session: 'none' },
])
export const kindInfo = (id) => EVIDENCE_KINDS.find((k) => k.id === id) || null

export const listEvidence = (classId) => request('GET', `/classes/${classId}/evidence`)
export const getChecklist = (classId) => request('GET', `/classes/${classId}/evidence/checklist`)
export const checklistExportPath = (classId) => `/classes/${classId}/evidence/checklist.xlsx`
export const deleteEvidence = (id) => request('DELETE', `/evidence/${id}`)
export const setLegalHold = (id, hold, reason) =>
  request('PUT', `/evidence/${id}/legal-hold`, { body: { hold, reason } })
// The file itself (an <img>/<video> source or a link: same origin, the session cookie goes along).
export const contentUrl = (id) => `${API_BASE}/evidence/${id}/content`

// The tus Upload-Metadata of a file: the kind, the file's name, the class session (1-based) when
// one is chosen, and for videos the time recording started (Unix seconds) when the uploader gives
// it (a video without a creation time cannot otherwise be placed in its session). `startedAt` is a
// wall-clock time in China Standard Time ('YYYY-MM-DDTHH:mm:ss', as the date picker gives it).
export function uploadMetadata(form, file) {
  const meta = { kind: form.kind, filename: file.name }
  const info = kindInfo(form.kind)
  if (info && info.session !== 'none' && form.session) meta.session = String(form.session)
  if (info && info.video && form.startedAt) {
    const ms = Date.parse(/([+-]\d\d:\d\d|Z)$/.test(form.startedAt) ? form.startedAt : `${form.startedAt}+08:00`)
    if (!Number.isNaN(ms)) meta.started_at = String(Math.floor(ms / 1000))
  }
  return meta
}

// What is wrong with the form before anything is sent (an i18n key, or '' when it may go).
export function uploadProblem(form, files) {
  if (!form.kind || !kindInfo(form.kind)) return 'evidence.pickKind'
  if (kindInfo(form.kind).session === 'required' && !form.session) return 'evidence.pickSession'
  if (!files || files.length === 0) return 'evidence.pickFile'
  return ''
}

// The server's Chinese message out of a failed tus request (its JSON error body), or the
// library's own message for a network failure.
export function tusErrorMessage(err, fallback) {
  const res = err && err.originalResponse
  if (res) {
    try {
      const body = JSON.parse(res.getBody() || '')
      if (body && body.error && body.error.message) return body.error.message
    } catch {
      // not JSON: fall through
    }
  }
  return fallback || (err && err.message) || ''
}

// Starts (or resumes) the upload of one file. Callbacks: onProgress(percent 0–100, sent bytes),
// onSuccess(evidence id or null), onError(message, err). Returns the tus Upload (abort() pauses it;
// start() again resumes from the server's offset).
export function startUpload(classId, file, meta, { onProgress, onSuccess, onError } = {}) {
  let evidenceId = null
  const upload = new tus.Upload(file, {
    endpoint: `${API_BASE}/classes/${classId}/evidence/uploads`,
    chunkSize: CHUNK_BYTES,
    retryDelays: [0, 1000, 3000, 5000],
    metadata: meta,
    // Resume the same file of the same class (not another class's upload of the same file).
    fingerprint: async (f) => ['anpei-evidence', classId, meta.kind, f.name, f.size, f.type, f.lastModified].join('/'),
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    // Same origin: the session cookie goes along; unsafe methods carry the CSRF token.
    onBeforeRequest: (req) => req.setHeader('X-CSRF-Token', getCsrfToken()),
    onAfterResponse: (req, res) => {
      const id = res.getHeader('Evidence-Id')
      if (id) evidenceId = Number(id)
    },
    onProgress: (sent, total) => onProgress && onProgress(total ? Math.floor((sent * 100) / total) : 0, sent),
    onSuccess: () => onSuccess && onSuccess(evidenceId),
    onError: (err) => onError && onError(tusErrorMessage(err), err),
    // A refusal (4xx but 409/423/429) will not get better by retrying.
    onShouldRetry: (err) => {
      const status = err && err.originalResponse ? err.originalResponse.getStatus() : 0
      return status === 0 || status === 409 || status === 423 || status === 429 || status >= 500
    },
  })
  upload
    .findPreviousUploads()
    .then((previous) => {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0])
      upload.start()
    })
    .catch(() => upload.start())
  return upload
}

// How a checklist state shows (Element Plus tag type).
export function checklistTagType(state) {
  return { present: 'success', missing: 'warning', failed: 'danger', not_required: 'info' }[state] || 'info'
}

export function formatBytes(n) {
  const v = Number(n) || 0
  if (v < 1024) return `${v} B`
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`
  if (v < 1024 * 1024 * 1024) return `${(v / 1024 / 1024).toFixed(1)} MiB`
  return `${(v / 1024 / 1024 / 1024).toFixed(2)} GiB`
}
