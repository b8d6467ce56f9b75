// The export helpers (src/export.js) against a stubbed fetch.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { downloadExport, exportQuery, openPdf } from '../../src/export'

function stubFetch(status, body, headers = {}) {
  const calls = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url, init) => {
      calls.push({ url, init })
      return new Response(body, { status, headers })
    }),
  )
  return calls
}

afterEach(() => vi.unstubAllGlobals())

describe('exportQuery', () => {
  it('keeps the filters, drops paging and empty values, trims text', () => {
    expect(
      exportQuery({
        q: '  张 ',
        state: '',
        district_code: null,
        group: undefined,
        page: 3,
        page_size: 50,
        cursor: 'x',
      }),
    ).toEqual({ q: '张' })
    expect(exportQuery({ institution_id: 7, state: 'declared' })).toEqual({ institution_id: 7, state: 'declared' })
    expect(exportQuery(undefined)).toEqual({})
  })
})

describe('downloadExport', () => {
  it('sends the filters and saves the file under the UTF-8 name the server gives', async () => {
    const calls = stubFetch(200, 'PK-bytes', {
      'Content-Disposition':
        'attachment; filename="classes.xlsx"; filename*=UTF-8\'\'%E5%9F%B9%E8%AE%AD%E7%8F%AD_2026-11-30.xlsx',
    })
    const saved = []
    const name = await downloadExport('/classes/export.xlsx', { state: 'declared', q: '', page: 2 }, (blob, n) =>
      saved.push([blob, n]),
    )
    expect(calls[0].url).toBe('/api/v1/classes/export.xlsx?state=declared')
    expect(calls[0].init.method).toBe('GET')
    expect(name).toBe('\u57f9\u8bad\u73ed_2026-11-30.xlsx')
    expect(saved).toHaveLength(1)
    expect(await saved[0][0].text()).toBe('PK-bytes')
  })

  it('turns a refusal into the server message and saves nothing', async () => {
    stubFetch(
      422,
      JSON.stringify({ error: { code: 'failed_precondition', reason: 'export.too_many_rows', message: 'too many' } }),
    )
    const save = vi.fn()
    await expect(downloadExport('/trainees/export.xlsx', {}, save)).rejects.toMatchObject({
      status: 422,
      reason: 'export.too_many_rows',
      message: 'too many',
    })
    expect(save).not.toHaveBeenCalled()
  })
})

describe('openPdf', () => {
  it('opens the tab first and points it at the PDF', async () => {
    stubFetch(200, '%PDF-1.5', { 'Content-Type': 'application/pdf' })
    vi.stubGlobal('URL', { createObjectURL: () => 'blob:pdf-1' })
    const tab = { location: { href: '' }, close: vi.fn() }
    const win = { open: vi.fn(() => tab) }
    await openPdf('/classes/3/declaration-form.pdf', win)
    expect(win.open).toHaveBeenCalledWith('', '_blank')
    expect(tab.location.href).toBe('blob:pdf-1')
    expect(tab.close).not.toHaveBeenCalled()
  })

  it('closes the tab when the form cannot be printed', async () => {
    stubFetch(409, JSON.stringify({ error: { code: 'conflict', reason: 'form.not_declared', message: 'draft' } }))
    const tab = { location: { href: '' }, close: vi.fn() }
    const win = { open: vi.fn(() => tab) }
    await expect(openPdf('/classes/3/declaration-form.pdf', win)).rejects.toMatchObject({ status: 409 })
    expect(tab.close).toHaveBeenCalled()
  })
})
