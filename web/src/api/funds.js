// Funds (资金拨付, 三（一）4, 四（二）) and clawbacks (追回, 四（三）): fund requests over
// publicity_closed classes, 人社's approval, 财政's confirmation, payee accounts, the payment list
// (XLSX), the bank's results, re-issuing failed lines; recoveries of clawed-back subsidies.
// Amounts are whole yuan.
import { request } from './request'

export const listFundRequests = (params) => request('GET', '/fund-requests', { params })
export const getFundRequest = (id) => request('GET', `/fund-requests/${id}`)
export const createFundRequest = (classIds) => request('POST', '/fund-requests', { body: { class_ids: classIds } })
export const approveFundRequest = (id, body) => request('POST', `/fund-requests/${id}/approval`, { body })
export const confirmFundRequest = (id, body) => request('POST', `/fund-requests/${id}/confirmation`, { body })
export const setPayee = (lineId, body) => request('PUT', `/fund-lines/${lineId}/payee`, { body })
export const reissueLine = (lineId, version) => request('POST', `/fund-lines/${lineId}/reissue`, { body: { version } })
export const paymentListPath = (id) => `/fund-requests/${id}/payment-list.xlsx`

// A refused import (400 with its row report) resolves with that report instead of throwing.
export async function importResults(id, file, dryRun = false) {
  const body = new FormData()
  body.append('file', file, file.name)
  try {
    return await request('POST', `/fund-requests/${id}/results/import${dryRun ? '?dry_run=true' : ''}`, { body })
  } catch (e) {
    if (e && e.status === 400 && e.body && Array.isArray(e.body.errors)) return e.body
    throw e
  }
}

export const listClawbacks = (params) => request('GET', '/clawbacks', { params })
export const getClawback = (id) => request('GET', `/clawbacks/${id}`)
export const recordRecovery = (id, body) => request('POST', `/clawbacks/${id}/recoveries`, { body })

// Yuan as the console shows it: "1,300 元" / "1,300 yuan" is left to the locale's unit string.
export const yuan = (n) => Number(n || 0).toLocaleString('zh-CN')
