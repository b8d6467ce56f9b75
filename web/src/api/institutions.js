// Training institutions.
import { request } from './request'

export const listInstitutions = (params) => request('GET', '/institutions', { params })
export const getInstitution = (id) => request('GET', `/institutions/${id}`)
export const createInstitution = (body) => request('POST', '/institutions', { body })
export const updateInstitution = (id, body) => request('PUT', `/institutions/${id}`, { body })
