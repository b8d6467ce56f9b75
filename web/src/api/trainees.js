// Trainees (ID numbers and phones masked in lists; the full record is an audited look).
import { request } from './request'

export const listTrainees = (params) => request('GET', '/trainees', { params })
export const getTrainee = (id) => request('GET', `/trainees/${id}`)
export const createTrainee = (body) => request('POST', '/trainees', { body })
export const updateTrainee = (id, body) => request('PUT', `/trainees/${id}`, { body })
