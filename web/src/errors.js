import { ElMessage } from 'element-plus'

export function showError(e) {
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
