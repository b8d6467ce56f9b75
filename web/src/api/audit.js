// The audit trail (auditor, police_admin).
import { request } from './request'

export const listAuditEvents = (params) => request('GET', '/audit-events', { params })
// The one table of operation names: {items: [{code, name}]}.
export const listAuditActions = () => request('GET', '/audit-actions')
// The same filters as a CSV file: {blob, name}.
export const exportAuditEvents = (params) => request('GET', '/audit-events.csv', { params, responseType: 'blob' })
