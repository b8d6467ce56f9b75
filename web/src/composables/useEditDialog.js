// A create/edit dialog over a form: opens blank (create) or filled from a record (edit), checks
// the form's own rules, sends create(body) or update(id, {...body, version}) — the record's version
// travels with every edit, so a stale one answers 409 — and puts the server's error at its field
// (ApiError.field) when it names one of the form's fields.
//
//   const dialog = useEditDialog({
//     empty: () => ({ id: null, name: '', version: 0 }),  // the blank form; id/version for edits
//     toForm: (record) => ({ ... }),    // a record → form values (default: the record itself)
//     load: (row) => getThing(row.id),  // optional: fetch the full record before editing
//     body: (form) => ({ ... }),        // what is sent (without version)
//     create, update,                   // API functions; or submit(form) for anything else
//     fields,                           // form fields a server error may name (default: empty()'s keys)
//     successMessage: (saved, { created }) => '…',  // default: common.saved / common.created
//     onSaved: (saved, { created }) => {},
//   })
// The result is reactive, for the template: v-model="dialog.visible", :ref="dialog.setFormRef" on
// the el-form, :model="dialog.form", :error="dialog.serverErrors.name", :loading="dialog.saving".
import { computed, nextTick, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { fieldErrorsFrom, showError } from '../errors'

export function useEditDialog(options) {
  const { empty, toForm = (r) => r, load, body = (f) => ({ ...f }), create, update, submit, onSaved } = options
  const { t } = useI18n()
  const visible = ref(false)
  const saving = ref(false)
  const formRef = ref(null)
  const form = reactive(empty())
  const serverErrors = ref({}) // {field: message}
  const error = ref('') // the last failure's message, whichever field it names
  const isEdit = computed(() => !!form.id)
  const fields = options.fields || Object.keys(empty()).filter((k) => k !== 'id' && k !== 'version')

  function show(values) {
    Object.assign(form, empty(), values)
    serverErrors.value = {}
    error.value = ''
    visible.value = true
    nextTick(() => formRef.value && formRef.value.clearValidate())
  }

  function openCreate(values = {}) {
    show(values)
  }

  async function openEdit(row) {
    try {
      show(toForm(load ? await load(row) : row))
    } catch (e) {
      showError(e)
    }
  }

  function close() {
    visible.value = false
  }

  async function save() {
    serverErrors.value = {}
    error.value = ''
    try {
      await formRef.value.validate()
    } catch {
      return
    }
    saving.value = true
    const created = !form.id
    try {
      let saved
      if (submit) saved = await submit(form)
      else if (created) saved = await create(body(form))
      else saved = await update(form.id, { ...body(form), version: form.version })
      const message = options.successMessage
        ? options.successMessage(saved, { created })
        : t(created ? 'common.created' : 'common.saved')
      if (message) ElMessage.success(message)
      visible.value = false
      if (onSaved) onSaved(saved, { created })
    } catch (e) {
      serverErrors.value = fieldErrorsFrom(e, fields)
      error.value = e.message
      showError(e)
    } finally {
      saving.value = false
    }
  }

  const setFormRef = (el) => {
    formRef.value = el
  }

  return reactive({
    visible,
    saving,
    form,
    serverErrors,
    error,
    isEdit,
    setFormRef,
    openCreate,
    openEdit,
    close,
    save,
  })
}
