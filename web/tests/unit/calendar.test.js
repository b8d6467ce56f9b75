// The calendar page's helpers: a year written back as TOML (to correct a shipped year), the file
// name from the text, and the faults of a refused import one per field.
import { describe, expect, it } from 'vitest'
import { calendarFaults } from '../../src/api/calendar'
import { ApiError } from '../../src/api/request'
import { fileNameFor, yearToToml } from '../../src/calendar-toml'

describe('yearToToml', () => {
  it('writes the format of data/calendar/cn-YYYY.toml', () => {
    const toml = yearToToml({
      year: 2027,
      source: 'Notice "A" (No. 9)',
      holidays: [{ name: 'New Year', off: { from: '2026-12-31', to: '2027-01-02' }, work: ['2027-01-03'] }],
    })
    expect(toml).toContain('year = 2027\n')
    expect(toml).toContain('source = "Notice \\"A\\" (No. 9)"')
    expect(toml).toContain('[[holiday]]\nname = "New Year"\noff = { from = 2026-12-31, to = 2027-01-02 }')
    expect(toml).toContain('work = [2027-01-03]')
    expect(fileNameFor(toml)).toBe('cn-2027.toml')
  })
  it('names no file when the year is missing', () => {
    expect(fileNameFor('source = "x"')).toBe('')
  })
})

describe('calendarFaults', () => {
  it('lists every fault the server reported', () => {
    const e = new ApiError(400, {
      error: {
        code: 'invalid_argument',
        field: 'source',
        message: 'm1',
        details: [
          { field: 'source', message: 'm1', reason: 'calendar.notice_missing' },
          { field: 'holiday[1].work[0]', message: 'm2', reason: 'calendar.work_not_weekend' },
        ],
      },
    })
    expect(calendarFaults(e).map((f) => f.field)).toEqual(['source', 'holiday[1].work[0]'])
  })
  it('falls back to the one error', () => {
    const e = new ApiError(400, { error: { code: 'invalid_argument', field: 'toml', message: 'bad' } })
    expect(calendarFaults(e)).toEqual([{ field: 'toml', message: 'bad', reason: '' }])
  })
})
