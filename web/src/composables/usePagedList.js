import { reactive } from 'vue'
import { isFault, showError } from '../errors'

// A paginated list bound to an API list function answering {items, total, page, page_size}:
// `filters` (reactive) go into every request. The result is reactive (for ListPage):
// items, total, page, pageSize, loading, error, fault (the ApiError when the service failed: the
// table shows it with a retry instead of "no data"); load() reloads the current page, search() goes
// back to the first; setPage(n) and setPageSize(n) only record the pager's choice. `filters` is
// the same object the requests use (ListPage's export sends it).
export function usePagedList(fetchFn, filters = {}) {
  const list = reactive({
    items: [],
    total: 0,
    totalExact: true, // false: the server stopped counting (total_exact), there are more
    page: 1,
    pageSize: 20,
    loading: false,
    error: '',
    fault: null,
    filters,
    load,
    search,
    setPage,
    setPageSize,
  })
  async function load() {
    list.loading = true
    list.error = ''
    list.fault = null
    try {
      const r = await fetchFn({ ...filters, page: list.page, page_size: list.pageSize })
      list.items = r.items || []
      list.total = r.total || 0
      list.totalExact = r.total_exact !== false
    } catch (e) {
      list.error = e.message
      list.items = []
      list.total = 0
      if (isFault(e)) list.fault = e
      else showError(e)
    } finally {
      list.loading = false
    }
  }
  function setPage(page) {
    list.page = page
  }
  function setPageSize(size) {
    list.pageSize = size
  }
  function search() {
    list.page = 1
    return load()
  }
  return list
}
