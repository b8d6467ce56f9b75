// Console-wide state: the working institution (an institution user's own; an official's choice in
// the header, remembered in localStorage until sign-out)
// and reference data (policies, districts) loaded once.
import { reactive } from 'vue'
import { listDistricts, listPolicies } from './api/refdata'

const KEY = 'anpei.institution'

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || 'null')
  } catch {
    return null
  }
}

export const context = reactive({
  institution: load(), // {id, name, district_code} or null
})

export function setInstitution(inst) {
  context.institution = inst ? { id: inst.id, name: inst.name, district_code: inst.district_code } : null
  if (context.institution) localStorage.setItem(KEY, JSON.stringify(context.institution))
  else localStorage.removeItem(KEY)
}

export const refdata = reactive({
  policies: [],
  districts: [],
  loaded: false,
  error: '',
})

let loading = null
export function loadRefdata(force = false) {
  if (loading && !force) return loading
  loading = (async () => {
    refdata.error = ''
    const [p, d] = await Promise.allSettled([listPolicies(), listDistricts()])
    if (p.status === 'fulfilled') refdata.policies = p.value.items || []
    else refdata.error = p.reason.message
    if (d.status === 'fulfilled') refdata.districts = d.value.items || []
    refdata.loaded = true
  })()
  return loading
}

export function policyById(id) {
  return refdata.policies.find((p) => p.id === id) || refdata.policies[0] || null
}

export function occupationName(policyId, occ) {
  const p = policyById(policyId)
  const o = p && (p.occupations || []).find((x) => x.id === occ)
  return o ? o.name : occ
}

// Trainee groups of 二（一） as the policies list them.
export function traineeGroups() {
  const seen = new Map()
  for (const p of refdata.policies) for (const g of p.trainee_groups || []) seen.set(g.id, g)
  return [...seen.values()]
}

export function groupName(groupId) {
  const g = traineeGroups().find((x) => x.id === groupId)
  return g ? g.name : groupId
}

export function districtName(code) {
  const d = refdata.districts.find((x) => x.code === code)
  return d ? d.name : code
}
