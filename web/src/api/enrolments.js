// Held enrolments: a name that differs from the person's on record, for the district's reviewer.
import { request } from './request'

export const listHeldEnrolments = (params) => request('GET', '/held-enrolments', { params })
export const getHeldEnrolment = (id) => request('GET', `/held-enrolments/${id}`)
export const decideHeldEnrolment = (id, body) => request('POST', `/held-enrolments/${id}/decision`, { body })
// Notices of the reviewers' decisions on an institution's enrolments (its own; a reviewer's district).
export const listNotices = (params) => request('GET', '/notices', { params })
