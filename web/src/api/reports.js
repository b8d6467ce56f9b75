// Reports (统计报表): trainees, certified, paid and clawed back by district, institution, occupation
// or month (GET /reports; the XLSX through export.js).
import { request } from './request'

export const getReport = (params) => request('GET', '/reports', { params })
