// Change requests of approved classes (补课、补考、改期, 三（二）3) and the plan versions' differences.
import { request } from './request'

export const listClassChangeRequests = (classId, params) =>
  request('GET', `/classes/${classId}/change-requests`, { params })
export const fileChangeRequest = (classId, body) => request('POST', `/classes/${classId}/change-requests`, { body })
export const listChangeRequests = (params) => request('GET', '/change-requests', { params })
export const getChangeRequest = (id) => request('GET', `/change-requests/${id}`)
export const decideChangeRequest = (id, body) => request('POST', `/change-requests/${id}/decision`, { body })
export const diffPlanVersions = (classId, from, to) =>
  request('GET', `/classes/${classId}/plan-versions/diff`, { params: { from, to } })
