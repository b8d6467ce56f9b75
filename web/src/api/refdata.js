// Reference data: policies (with occupations and trainee groups) and districts.
import { request } from './request'

export const listPolicies = () => request('GET', '/policies')
export const listDistricts = () => request('GET', '/districts', { params: { page_size: 100 } })
