// The logic of the trainee's phone page (/m/check-in) and of the teacher's QR screen, kept apart
// from the pages so it can be tested without a browser:
//   - the device id: random, made once, kept in localStorage;
//   - idempotency keys: one per intended check-in or check-out, kept until the server has
//     answered it for good, so a retry over a flaky network never makes a second record;
//   - the outbox: pending check-ins kept in localStorage and retried with the same key when the
//     network drops (status 0, a 5xx, 429), dropped on a definitive refusal;
//   - what to tell the trainee to do after each refusal (the server's message says why);
//   - when the teacher's screen fetches its next QR token.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

// n random characters of [A-Za-z0-9_-] (crypto.getRandomValues; 64 symbols: no modulo bias).
export function randomToken(n, cryptoImpl = globalThis.crypto) {
  const bytes = new Uint8Array(n)
  cryptoImpl.getRandomValues(bytes)
  let out = ''
  for (const b of bytes) out += ALPHABET[b & 63]
  return out
}

// The server accepts 8–64 characters of [A-Za-z0-9_-].
export const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/
export const newIdempotencyKey = (cryptoImpl) => randomToken(24, cryptoImpl)

const DEVICE_KEY = 'anpei.device_id'
const OUTBOX_KEY = 'anpei.check_in_outbox'

function safeStorage(storage) {
  if (storage) return storage
  try {
    return globalThis.localStorage || null
  } catch {
    return null
  }
}

// This phone's id: made once and kept (clearing the browser's data makes a new one, which then
// needs the institution to rebind the phone).
export function deviceId(storage, cryptoImpl) {
  const s = safeStorage(storage)
  const kept = s && s.getItem(DEVICE_KEY)
  if (kept && KEY_PATTERN.test(kept)) return kept
  const id = `d-${randomToken(22, cryptoImpl)}`
  if (s) s.setItem(DEVICE_KEY, id)
  return id
}

// ---- which failures are worth repeating ---------------------------------------------------------

// A request that may not have reached the server, or that the server could not take now: the
// same request (same key) is sent again later. Anything else is the server's answer for good.
export function isRetryable(e) {
  if (!e || typeof e.status !== 'number') return true
  return e.status === 0 || e.status === 429 || e.status >= 500
}

// A refusal about the QR code: the trainee scans the screen again and the pending check-in goes
// out again with the new code and the same key.
const TOKEN_REASONS = ['attendance.token_invalid', 'attendance.token_expired', 'attendance.token_future']
export const needsNewToken = (e) => !!e && TOKEN_REASONS.includes(e.reason)

// Retry after 1, 2, 4, 8, 15, 30, 30, … seconds.
export function retryDelayMs(attempt) {
  const steps = [1, 2, 4, 8, 15]
  return (attempt < steps.length ? steps[attempt] : 30) * 1000
}

// ---- the outbox ---------------------------------------------------------------------------------

// One pending check-in: {key, direction, token, lat, lng, accuracy_m, selfie_id, created, attempts}.
// Kept per direction: a second tap on 签到 while one is pending is the same check-in.
export class Outbox {
  constructor(storage) {
    this.storage = safeStorage(storage)
    this.items = this.load()
  }

  load() {
    try {
      const raw = this.storage && this.storage.getItem(OUTBOX_KEY)
      const items = raw ? JSON.parse(raw) : []
      return Array.isArray(items) ? items.filter((x) => x && KEY_PATTERN.test(x.key)) : []
    } catch {
      return []
    }
  }

  save() {
    if (this.storage) this.storage.setItem(OUTBOX_KEY, JSON.stringify(this.items))
  }

  pending(direction) {
    return this.items.find((x) => x.direction === direction) || null
  }

  // The check-in to send for this direction: the pending one (same key, fresh token and position),
  // else a new one with a new key.
  put(direction, fields, now = Date.now(), cryptoImpl) {
    const old = this.pending(direction)
    const item = old
      ? { ...old, ...fields }
      : { key: newIdempotencyKey(cryptoImpl), direction, attempts: 0, created: now, ...fields }
    this.items = [...this.items.filter((x) => x.direction !== direction), item]
    this.save()
    return item
  }

  remove(key) {
    this.items = this.items.filter((x) => x.key !== key)
    this.save()
  }

  bump(key) {
    const item = this.items.find((x) => x.key === key)
    if (item) item.attempts = (item.attempts || 0) + 1
    this.save()
    return item
  }

  // Forgets everything pending (the trainee signed out: another person may use this phone).
  clear() {
    this.items = []
    this.save()
  }
}

// The body of POST /check-ins for a pending item.
export function checkInBody(item, device) {
  const body = {
    token: item.token,
    direction: item.direction,
    idempotency_key: item.key,
    lat: item.lat,
    lng: item.lng,
    accuracy_m: item.accuracy_m,
    device_id: device,
  }
  if (item.selfie_id != null) body.selfie_id = item.selfie_id
  return body
}

// Sends one pending item: resolves {outcome, record | error}:
//   'done'     the server recorded it (201) or had recorded it already (200): item removed;
//   'retry'    no answer or a transient fault: item kept, try again after retryDelayMs(attempts);
//   'rescan'   the QR code was refused: item kept (same key), waiting for a new scan;
//   'refused'  refused for good (too far, outside the window, …): item removed.
export async function sendPending(outbox, item, send, device) {
  try {
    const r = await send(checkInBody(item, device))
    outbox.remove(item.key)
    return { outcome: 'done', record: (r && r.record) || null }
  } catch (e) {
    if (isRetryable(e)) {
      outbox.bump(item.key)
      return { outcome: 'retry', error: e }
    }
    if (needsNewToken(e)) return { outcome: 'rescan', error: e }
    outbox.remove(item.key)
    return { outcome: 'refused', error: e }
  }
}

// ---- what to do after a refusal ----------------------------------------------------------------

// The i18n key (under mobile.advice) that tells the trainee what to do next; the server's message
// says what went wrong.
const ADVICE = {
  'attendance.token_invalid': 'rescan',
  'attendance.token_expired': 'rescan',
  'attendance.token_future': 'rescan',
  'attendance.not_on_roster': 'checkIdentity',
  'attendance.device_mismatch': 'askInstitution',
  'attendance.device_taken': 'askInstitution',
  'attendance.too_early': 'window',
  'attendance.too_late': 'window',
  'attendance.too_far': 'goToVenue',
  'attendance.location_vague': 'betterLocation',
  'attendance.location_invalid': 'betterLocation',
  'attendance.venue_unknown': 'askInstitution',
  'attendance.selfie_missing': 'retakeSelfie',
  'attendance.selfie_invalid': 'retakeSelfie',
  'attendance.selfie_no_face': 'retakeSelfie',
  'attendance.selfie_many_faces': 'retakeSelfie',
  'attendance.already': 'already',
  'attendance.no_check_in': 'checkInFirst',
  'attendance.roll_call_closed': 'askTeacher',
  'session.expired': 'identifyAgain',
}

export function adviceKey(e) {
  if (!e) return ''
  if (e.status === 401 || e.field === 'X-CSRF-Token') return 'mobile.advice.identifyAgain'
  if (e.status === 429) return 'mobile.advice.wait'
  if (isRetryable(e)) return 'mobile.advice.network'
  const k = ADVICE[e.reason]
  return k ? `mobile.advice.${k}` : 'mobile.advice.askTeacher'
}

// ---- the teacher's screen ------------------------------------------------------------------------

// When to fetch the next token, in ms after the answer arrived: the server's refresh_after_s,
// else a little before expires_at; never sooner than 1 s nor later than 20 s (the code must
// change while trainees look at it).
export function refreshDelayMs(answer, receivedAt = Date.now()) {
  let ms = NaN
  if (answer && Number.isFinite(answer.refresh_after_s)) ms = answer.refresh_after_s * 1000
  else if (answer && answer.expires_at) ms = Date.parse(answer.expires_at) - receivedAt - 2000
  if (!Number.isFinite(ms)) ms = 5000
  return Math.min(20000, Math.max(1000, Math.round(ms)))
}

// The address the QR code encodes: this console's mobile page with the token.
export function checkInUrl(origin, token) {
  return `${origin.replace(/\/+$/, '')}/m/check-in?t=${encodeURIComponent(token)}`
}

// Seconds left of a roll call's deadline (0 when past).
export function secondsLeft(deadline, now = Date.now()) {
  const end = Date.parse(deadline)
  if (!Number.isFinite(end)) return 0
  return Math.max(0, Math.ceil((end - now) / 1000))
}

// A head-count event ({seq, expected, checked_in, checked_out}) applied to the sessions' rows.
export function applyHeadcount(sessions, ev) {
  if (!ev || ev.seq == null) return sessions
  return sessions.map((s) =>
    Number(s.seq) === Number(ev.seq)
      ? {
          ...s,
          expected: ev.expected ?? s.expected,
          checked_in: ev.checked_in ?? s.checked_in,
          checked_out: ev.checked_out ?? s.checked_out,
        }
      : s,
  )
}

// ---- the class page's flags ----------------------------------------------------------------------

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)?$/
// A time as the page shows it: "2026-11-27 08:40" (the date left out when `sameDay`).
function shortTime(v, sameDay) {
  const s = String(v).replace('T', ' ').slice(0, 16)
  return sameDay ? s.slice(11) : s
}

function evidenceValue(v) {
  if (v == null) return '—'
  if (typeof v === 'string' && isoTime.test(v)) return shortTime(v)
  if (Array.isArray(v)) return v.map(evidenceValue).join('; ')
  if (typeof v === 'object') {
    if ('from' in v && 'until' in v) return `${evidenceValue(v.from)}–${shortTime(v.until, true)}`
    if ('title' in v) return String(v.title)
    return Object.values(v)
      .filter((x) => x != null && x !== '')
      .map(evidenceValue)
      .join(' ')
  }
  return String(v)
}

// A flag's evidence as "key: value" lines, times shortened, nested records flattened.
export function evidenceLines(evidence) {
  if (!evidence || typeof evidence !== 'object') return []
  return Object.entries(evidence).map(([k, v]) => `${k}: ${evidenceValue(v)}`)
}
