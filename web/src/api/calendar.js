// The working-day calendar (police_admin): years shipped with the software and imported into the
// store, one year's versions, and importing a year (TOML text; dryRun checks only).
import { request } from './request'

export const listCalendarYears = () => request('GET', '/calendar/years')
export const getCalendarYear = (year) => request('GET', `/calendar/years/${year}`)
export const importCalendarYear = ({ toml, fileName, note }, { dryRun = false } = {}) =>
  request('POST', '/calendar/years', {
    params: dryRun ? { dry_run: 'true' } : undefined,
    body: { toml, file_name: fileName || undefined, note: note || undefined },
  })

// The faults of a refused import, one per field ([{field, message, reason}]): error.details when
// the server listed them, else the one error.
export function calendarFaults(e) {
  const err = (e && e.body && e.body.error) || {}
  if (Array.isArray(err.details) && err.details.length) return err.details
  return e && e.message ? [{ field: e.field || '', message: e.message, reason: err.reason || '' }] : []
}
