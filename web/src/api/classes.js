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
export const getClassStats = () => request('GET', '/stats/classes')
export const checkPlan = (plan) => request('POST', '/plan-checks', { body: plan })
