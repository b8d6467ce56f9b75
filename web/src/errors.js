import { ElMessage } from 'element-plus'

export function showError(e) {
  // 401: the session ended; api.js sends the user to the sign-in page, which says so
  if (e && e.status === 401) return
  ElMessage({ type: 'error', message: e && e.message ? e.message : String(e), duration: 5000, showClose: true })
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
