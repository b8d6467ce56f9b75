// How the console tells people what went wrong — one place for every page:
//   - a fault of the service (5xx, the server unreachable, no answer in time) is shown as a fault
//     ("服务暂时不可用，请稍后重试") with a retry, never as empty data or as the user's mistake;
//   - anything else is the server's own plain-Chinese message, with the technical code (the
//     error's reason or code) only as a small grey tag after it.
import { h } from 'vue'
import { ElMessage } from 'element-plus'
import { i18n } from './i18n'

const t = (key, params) => i18n.global.t(key, params)

// The kind of an error (an ApiError, or anything thrown):
//   'session'  401: the session ended (the sign-in page says so)
//   'fault'    the service failed: status 0 (network, timeout), 5xx, an unreadable answer
//   'denied'   403, 'missing' 404, 'conflict' 409, 'throttled' 429
//   'input'    any other 4xx: the request was refused as given
export function errorKind(e) {
  if (!e || typeof e !== 'object') return 'fault'
  const status = typeof e.status === 'number' ? e.status : NaN
  if (status === 401) return 'session'
  if (Number.isNaN(status) || status === 0 || status >= 500) return 'fault'
  if (e.code === 'bad_response') return 'fault'
  if (status === 403) return 'denied'
  if (status === 404) return 'missing'
  if (status === 409) return 'conflict'
  if (status === 429) return 'throttled'
  if (status >= 400) return 'input'
  return 'fault'
}

export const isFault = (e) => errorKind(e) === 'fault'

// Text with no CJK character is not a message for people (an English status line, a stack):
// the console says it in its own words instead.
const CJK = /[\u3400-\u9fff]/
const readable = (msg) => typeof msg === 'string' && CJK.test(msg)

// The message to show: plain language first, never a code.
export function errorMessage(e) {
  const kind = errorKind(e)
  // the same words for a 5xx, an unreachable server and a timeout; the tag tells them apart
  if (kind === 'fault') return t('errors.fault')
  const msg = e && e.message
  if (!msg || (i18n.global.locale.value !== 'en' && !readable(msg))) return t('errors.refused')
  return msg
}

// The technical code shown as a tag: the server's stable reason (e.g. id_number.check_digit),
// else its error code, else the HTTP status of a fault; '' when there is nothing useful.
export function errorCode(e) {
  if (!e || typeof e !== 'object') return ''
  if (e.reason) return e.reason
  if (e.code && !['unknown', 'network', 'bad_response'].includes(e.code)) return e.code
  if (e.status >= 500) return `HTTP ${e.status}`
  if (e.status === 0) return e.code === 'timeout' ? 'timeout' : 'network'
  return ''
}

// A message followed by its code as a small grey tag (a VNode for ElMessage and templates).
export function messageWithCode(message, code) {
  return h('span', { class: 'err-message' }, [
    h('span', { class: 'err-text' }, message),
    code ? h('span', { class: 'err-code', 'data-test': 'error-code' }, code) : null,
  ])
}

export function showError(e) {
  // 401: the session ended; api.js sends the user to the sign-in page, which says so
  if (e && e.status === 401) return
  ElMessage({
    type: isFault(e) ? 'warning' : 'error',
    message: messageWithCode(errorMessage(e), errorCode(e)),
    duration: 5000,
    showClose: true,
  })
}

// Maps an API error's `field` to a form's per-field error messages: {name: '…'}.
export function fieldErrorsFrom(e, known) {
  const out = {}
  if (e && e.field) {
    const top = e.field.split(/[.[]/)[0]
    if (!known || known.includes(top)) out[top] = e.message
  }
  return out
}
