// Publicity (公示, 三（一）4) and objections (异议): the staff's batches (open over certified classes,
// list, detail, export, close) and objections (resolve, open a fraud case); the public list and
// objection form, and the objector's receipt lookup (no sign-in).
import { request } from './request'

export const listBatches = (params) => request('GET', '/publicity-batches', { params })
export const getBatch = (id) => request('GET', `/publicity-batches/${id}`)
export const openBatch = (body) => request('POST', '/publicity-batches', { body })
export const closeBatch = (id, version) => request('POST', `/publicity-batches/${id}/close`, { body: { version } })
export const batchExportPath = (id) => `/publicity-batches/${id}/export.xlsx`
export const revealObjectionContact = (id) => request('GET', `/objections/${id}/contact`)
export const resolveObjection = (id, body) => request('POST', `/objections/${id}/resolution`, { body })
export const openCaseFromObjection = (id, body) => request('POST', `/objections/${id}/case`, { body })

export const listPublicPublicity = (params) => request('GET', '/public/publicity', { params })
export const fileObjection = (batchId, body) => request('POST', `/public/publicity/${batchId}/objections`, { body })
export const getPublicObjection = (receipt) => request('GET', `/public/objections/${encodeURIComponent(receipt)}`)
