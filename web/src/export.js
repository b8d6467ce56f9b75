// Exports of the lists and the printed forms. The server writes the files (an XLSX export is
// authorised, scoped, masked and audited exactly like its list; see docs/openapi.yaml); the
// console only sends the page's current filters through the one request client and saves or
// opens what comes back.
import { request } from './api/request'
import { saveBlob } from './util'

const PAGING = new Set(['page', 'page_size', 'cursor'])

// The query of an export: the page's filters without paging and without empty values, strings
// trimmed (as the list's search sends them).
export function exportQuery(filters) {
  const out = {}
  for (const [key, value] of Object.entries(filters || {})) {
    if (PAGING.has(key) || value === undefined || value === null) continue
    const v = typeof value === 'string' ? value.trim() : value
    if (v === '') continue
    out[key] = v
  }
  return out
}

// GET `path` (e.g. /classes/export.xlsx) with the filters; saves the file under the name the
// server gives (Content-Disposition, RFC 5987) and resolves with that name.
export async function downloadExport(path, filters, save = saveBlob) {
  const { blob, name } = await request('GET', path, { params: exportQuery(filters), responseType: 'blob' })
  const fileName = name || path.split('/').pop()
  save(blob, fileName)
  return fileName
}

// Opens a PDF the server renders (a printed form) in a new tab. The tab is opened before the
// request, while the click still counts as the user's (a tab opened after an await is blocked as
// a pop-up); it is closed again when the request fails, and the error is thrown to the caller.
export async function openPdf(path, win = globalThis) {
  const tab = win.open('', '_blank')
  try {
    const { blob } = await request('GET', path, { responseType: 'blob' })
    const url = URL.createObjectURL(blob)
    if (tab) tab.location.href = url
    else win.open(url, '_blank')
    return url
  } catch (e) {
    if (tab) tab.close()
    throw e
  }
}
