// Completion and verification (结业审核, issue 15, item 1): assessment scores (entered or imported
// from a spreadsheet), the submission, every trainee's verdict, a re-run, the reviewer's decision;
// the exclusion lists 人社 imports (排除名单).
import { request } from './request'

export const getCompletion = (classId) => request('GET', `/classes/${classId}/completion`)
export const putScores = (classId, scores) =>
  request('PUT', `/classes/${classId}/assessment-scores`, { body: { scores } })
export const submitCompletion = (classId, version) =>
  request('POST', `/classes/${classId}/completion`, { body: { version } })
export const verifyCompletion = (classId) => request('POST', `/classes/${classId}/completion/verify`, { body: {} })
export const decideCompletion = (classId, body) => request('POST', `/classes/${classId}/completion/decision`, { body })

// A refused import (400 with its row report) resolves with that report instead of throwing.
async function upload(path, fields, file) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  body.append('file', file, file.name)
  try {
    return await request('POST', path, { body })
  } catch (e) {
    if (e && e.status === 400 && e.body && Array.isArray(e.body.errors)) return e.body
    throw e
  }
}
export const importScores = (classId, file, dryRun = false) =>
  upload(`/classes/${classId}/assessment-scores/import${dryRun ? '?dry_run=true' : ''}`, {}, file)

export const listExclusionKinds = () => request('GET', '/exclusion-kinds')
export const createExclusionKind = (body) => request('POST', '/exclusion-kinds', { body })
export const listExclusionLists = () => request('GET', '/exclusion-lists')
export const importExclusionList = (kind, file, dryRun = false) =>
  upload(`/exclusion-lists/import${dryRun ? '?dry_run=true' : ''}`, { kind }, file)

// The facts a rule used, as "key: value" text for the expanded row.
export function ruleData(data) {
  return Object.entries(data || {})
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
    .join('; ')
}
