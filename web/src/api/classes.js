// Classes: plan, roster, the policy check and declaring; the dashboard's statistics; the live
// check of a plan that is not saved yet.
import { request } from './request'

export const listClasses = (params) => request('GET', '/classes', { params })
export const getClass = (id) => request('GET', `/classes/${id}`)
export const createClass = (body) => request('POST', '/classes', { body })
export const updateClass = (id, body) => request('PUT', `/classes/${id}`, { body })
export const checkClass = (id) => request('GET', `/classes/${id}/check`)
export const declareClass = (id, version) => request('POST', `/classes/${id}/declare`, { body: { version } })
export const listPlanVersions = (id) => request('GET', `/classes/${id}/plan-versions`)
// body {version, rows}; onProgress(percent) while the rows upload.
export const importRoster = (id, body, onProgress) =>
  request('POST', `/classes/${id}/roster/import`, { body, onProgress })
// The roster spreadsheet itself (.xlsx/.csv): the server reads it. dryRun: the row report only.
export function importRosterFile(id, file, version, { dryRun = false, onProgress } = {}) {
  const body = new FormData()
  body.append('version', String(version))
  body.append('file', file, file.name)
  return request('POST', `/classes/${id}/roster/import`, {
    body,
    params: dryRun ? { dry_run: 'true' } : undefined,
    onProgress,
  })
}
export const removeFromRoster = (id, traineeId, version) =>
  request('DELETE', `/classes/${id}/roster/${traineeId}`, { params: { version } })
export const getClassStats = () => request('GET', '/stats/classes')
export const checkPlan = (plan) => request('POST', '/plan-checks', { body: plan })
// The review life cycle (issue 12): the reviewer's decision, the institution's withdrawal of a
// declaration and deletion of a draft, the decisions on record. The approval form is a PDF
// (GET /classes/{id}/approval-form.pdf, downloaded through export.js).
// body {decision: 'approve'|'return'|'reject', reason, version} → the class
export const reviewClass = (id, body) => request('POST', `/classes/${id}/review`, { body })
export const withdrawClass = (id, version) => request('POST', `/classes/${id}/withdraw`, { body: { version } })
export const deleteClass = (id, version) => request('DELETE', `/classes/${id}`, { params: { version } })
export const listDecisions = (id) => request('GET', `/classes/${id}/decisions`)
export const approvalFormPath = (id) => `/classes/${id}/approval-form.pdf`
