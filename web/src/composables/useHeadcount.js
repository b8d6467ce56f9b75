// The per-session head-counts of a class, live: GET /classes/{id}/hours once, then the server's
// event stream (event: headcount {seq, expected, checked_in, checked_out}). Where the stream
// cannot be opened or drops, the hours are asked again every 10 s until it comes back, and
// `live` says which of the two the page is showing.
import { onBeforeUnmount, ref } from 'vue'
import { attendanceStreamUrl, getHours } from '../api/attendance'
import { applyHeadcount } from '../check-in'

export function useHeadcount(classId, { onEvent } = {}) {
  const hours = ref(null)
  const sessions = ref([])
  const live = ref(false)
  const error = ref(null)
  let source = null
  let poll = null
  let stopped = false

  async function reload() {
    try {
      hours.value = await getHours(classId)
      sessions.value = (hours.value && hours.value.sessions) || []
      error.value = null
    } catch (e) {
      error.value = e
    }
  }

  function startPolling() {
    if (poll || stopped) return
    poll = setInterval(reload, 10000)
  }

  function stopPolling() {
    clearInterval(poll)
    poll = null
  }

  function connect() {
    if (typeof EventSource === 'undefined') return startPolling()
    source = new EventSource(attendanceStreamUrl(classId))
    source.addEventListener('open', () => {
      live.value = true
      stopPolling()
      reload() // what changed while the stream was down
    })
    source.addEventListener('headcount', (msg) => {
      let ev
      try {
        ev = JSON.parse(msg.data)
      } catch {
        return
      }
      sessions.value = applyHeadcount(sessions.value, ev)
      if (onEvent) onEvent(ev)
    })
    source.addEventListener('error', () => {
      live.value = false
      startPolling()
      // EventSource reconnects by itself unless the server refused (then readyState is CLOSED)
      if (source && source.readyState === 2) {
        source.close()
        source = null
        if (!stopped) setTimeout(() => !stopped && !source && connect(), 30000)
      }
    })
  }

  function stop() {
    stopped = true
    stopPolling()
    if (source) source.close()
    source = null
  }

  onBeforeUnmount(stop)
  return { hours, sessions, live, error, reload, connect, stop }
}
