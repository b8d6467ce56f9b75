// The signed-in session: GET/POST answer {user, csrf_token, permissions, model}.
import { request } from './request'

export const getSession = () => request('GET', '/session')
export const createSession = (username, password) => request('POST', '/session', { body: { username, password } })
export const deleteSession = () => request('DELETE', '/session')
export const revokeAllSessions = () => request('POST', '/session/revoke-all')
