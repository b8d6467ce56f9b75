// Held enrolments: a name that differs from the person's on record, for the district's reviewer.
import { request } from './request'

export const listHeldEnrolments = (params) => request('GET', '/held-enrolments', { params })
export const getHeldEnrolment = (id) => request('GET', `/held-enrolments/${id}`)
export const decideHeldEnrolment = (id, body) => request('POST', `/held-enrolments/${id}/decision`, { body })
