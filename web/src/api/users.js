// User accounts (police_admin).
import { request } from './request'

export const listUsers = (params) => request('GET', '/users', { params })
export const createUser = (body) => request('POST', '/users', { body })
// adminPassword: the caller's own password, needed when the target is another administrator.
const reauth = (adminPassword) => (adminPassword ? { admin_password: adminPassword } : {})
export const disableUser = (id, adminPassword) =>
  request('POST', `/users/${id}/disable`, { body: reauth(adminPassword) })
export const enableUser = (id, adminPassword) => request('POST', `/users/${id}/enable`, { body: reauth(adminPassword) })
export const resetPassword = (id, password, adminPassword) =>
  request('POST', `/users/${id}/reset-password`, { body: { password, ...reauth(adminPassword) } })
// A new role (and its institution or district binding), at the user's version; the user's
// sessions end.
export const changeUserRole = (id, body, adminPassword) =>
  request('POST', `/users/${id}/role`, { body: { ...body, ...reauth(adminPassword) } })
// Active sign-in throttles (per account, account at an address, address) and lifting an account's.
export const listSignInThrottles = () => request('GET', '/sign-in-throttles')
export const unlockUser = (id, adminPassword) => request('POST', `/users/${id}/unlock`, { body: reauth(adminPassword) })
