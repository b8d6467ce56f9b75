// The signed-in session: GET/POST answer {user, csrf_token, permissions, model}.
import { request } from './request'

export const getSession = () => request('GET', '/session')
export const createSession = (username, password) => request('POST', '/session', { body: { username, password } })
export const deleteSession = () => request('DELETE', '/session')
export const revokeAllSessions = () => request('POST', '/session/revoke-all')
export const changeOwnPassword = (currentPassword, newPassword) =>
  request('POST', '/session/password', { body: { current_password: currentPassword, new_password: newPassword } })
export const listApiTokens = (all = false) => request('GET', '/api-tokens', { params: all ? { all: 'true' } : {} })
export const revokeApiToken = (id) => request('POST', `/api-tokens/${encodeURIComponent(id)}/revoke`)
