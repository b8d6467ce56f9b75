// Training institutions.
import { request } from './request'

export const listInstitutions = (params) => request('GET', '/institutions', { params })
export const getInstitution = (id) => request('GET', `/institutions/${id}`)
export const createInstitution = (body) => request('POST', '/institutions', { body })
export const updateInstitution = (id, body) => request('PUT', `/institutions/${id}`, { body })
// The city bureau's decision on a legacy credit code: decision 'confirm' or 'refuse'.
export const decideUscc = (id, body) => request('POST', `/institutions/${id}/uscc-decision`, { body })
