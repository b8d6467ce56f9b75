// User accounts (police_admin).
import { request } from './request'

export const listUsers = (params) => request('GET', '/users', { params })
export const createUser = (body) => request('POST', '/users', { body })
export const disableUser = (id) => request('POST', `/users/${id}/disable`)
export const resetPassword = (id, password) => request('POST', `/users/${id}/reset-password`, { body: { password } })
