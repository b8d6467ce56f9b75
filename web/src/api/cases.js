// Fraud cases (案件, 四（三）) and the credit blacklist (信用黑名单): open a case on a class, investigate,
// the institution's answer (陈述申辩), the city bureau's decision; 人社 acknowledges and lifts entries.
import { request } from './request'

export const listCases = (params) => request('GET', '/cases', { params })
export const getCase = (id) => request('GET', `/cases/${id}`)
export const openCase = (classId, body) => request('POST', `/classes/${classId}/cases`, { body })
export const investigateCase = (id, body) => request('POST', `/cases/${id}/investigation`, { body })
export const respondToCase = (id, body) => request('POST', `/cases/${id}/responses`, { body })
export const decideCase = (id, body) => request('POST', `/cases/${id}/decision`, { body })
export const listBlacklist = (params) => request('GET', '/blacklist', { params })
export const acknowledgeBlacklistEntry = (id) => request('POST', `/blacklist/${id}/acknowledgement`, { body: {} })
export const liftBlacklistEntry = (id, body) => request('POST', `/blacklist/${id}/lift`, { body })
