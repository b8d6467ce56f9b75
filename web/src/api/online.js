// Online learning (线上学习, issue 14, item 4): the platform registry and its tokens (人社), the
// platform a class's online sessions use, the class's online hours, and the import of another
// platform's 汇总表 and 明细表 with its row-by-row report.
import { request } from './request'

export const listPlatforms = () => request('GET', '/online-platforms')
export const createPlatform = (body) => request('POST', '/online-platforms', { body })
export const updatePlatform = (id, body) => request('PATCH', `/online-platforms/${id}`, { body })
export const listPlatformTokens = (id) => request('GET', `/online-platforms/${id}/tokens`)
export const createPlatformToken = (id, name) => request('POST', `/online-platforms/${id}/tokens`, { body: { name } })
export const revokePlatformToken = (id, tokenId) => request('DELETE', `/online-platforms/${id}/tokens/${tokenId}`)

export const getClassPlatform = (classId) => request('GET', `/classes/${classId}/online-platform`)
export const setClassPlatform = (classId, platformId) =>
  request('PUT', `/classes/${classId}/online-platform`, { body: { platform_id: platformId ?? null } })
export const getClassOnline = (classId) => request('GET', `/classes/${classId}/online-records`)
export const listImports = (classId) => request('GET', `/classes/${classId}/online-imports`)
export const getImport = (id) => request('GET', `/online-imports/${id}`)

// Uploads the two tables (fields summary and detail). A refused import is an answer too (422 with
// the import and its problems): it resolves with that body instead of throwing.
export async function importTables(classId, summary, detail, onProgress) {
  const body = new FormData()
  body.append('summary', summary, summary.name)
  body.append('detail', detail, detail.name)
  try {
    return await request('POST', `/classes/${classId}/online-imports`, { body, onProgress })
  } catch (e) {
    if (e && e.status === 422 && e.body && e.body.id) return e.body
    throw e
  }
}

// The problems of an import grouped for the table: summary first, then detail, by row.
export function sortedProblems(problems) {
  const order = { summary: 0, detail: 1, push: 2 }
  return [...(problems || [])].sort(
    (a, b) => (order[a.sheet] ?? 3) - (order[b.sheet] ?? 3) || (a.row || 0) - (b.row || 0),
  )
}
