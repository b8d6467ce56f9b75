// The colour of a class state's tag (presentation only; the states themselves come from the
// server's model, see session.js).
export function stateTagType(state) {
  switch (state) {
    case 'draft':
      return 'info'
    case 'declared':
      return 'primary'
    case 'returned':
      return 'warning'
    case 'rejected':
    case 'disqualified':
      return 'danger'
    default:
      return 'success'
  }
}

function pad(n) {
  return String(n).padStart(2, '0')
}

// Local date in China Standard Time (UTC+8) as YYYY-MM-DD, `days` from now.
export function cstDate(days = 0) {
  const d = new Date(Date.now() + 8 * 3600e3 + days * 86400e3)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

// Now as an RFC 3339 timestamp in UTC+8, e.g. 2026-11-28T20:15:00+08:00.
export function cstNow() {
  const d = new Date(Date.now() + 8 * 3600e3)
  return `${d.toISOString().slice(0, 19)}+08:00`
}

export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

export function formatTime(ts) {
  if (!ts) return '—'
  return String(ts)
    .replace('T', ' ')
    .replace(/(\.\d+)?(\+08:00|Z)$/, '')
    .slice(0, 19)
}

export function percent(part, total) {
  if (!total) return 0
  return Math.round((part * 1000) / total) / 10
}

// Hands a Blob to the browser as a download named `name`.
export function saveBlob(blob, name) {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(a.href), 2000)
}
