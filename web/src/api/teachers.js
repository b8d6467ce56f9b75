// Teachers of an institution (ID numbers masked in lists; the full record is an audited look).
import { request } from './request'

export const listTeachers = (params) => request('GET', '/teachers', { params })
export const getTeacher = (id) => request('GET', `/teachers/${id}`)
export const createTeacher = (body) => request('POST', '/teachers', { body })
export const updateTeacher = (id, body) => request('PUT', `/teachers/${id}`, { body })
