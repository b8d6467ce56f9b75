import { reactive, ref } from 'vue'
import { showError } from './errors'

// A paginated list bound to an API list endpoint: {items,total,page,page_size}.
export function usePagedList(fetchFn, filters = {}) {
  const state = reactive({ items: [], total: 0, page: 1, pageSize: 20 })
  const loading = ref(false)
  const error = ref('')
  async function load() {
    loading.value = true
    error.value = ''
    try {
      const r = await fetchFn({ ...filters, page: state.page, page_size: state.pageSize })
      state.items = r.items || []
      state.total = r.total || 0
    } catch (e) {
      error.value = e.message
      state.items = []
      state.total = 0
      showError(e)
    } finally {
      loading.value = false
    }
  }
  function search() {
    state.page = 1
    return load()
  }
  return { state, loading, error, load, search }
}
