// Work queues (GET /api/v1/work-queue): each role's to-dos for its home page, and the helpers that
// turn them into what the page shows. The server decides which queues a role has and what is in
// them; the console only lays them out (docs/architecture.md, "Work queues").
import { request } from './request'

export const getWorkQueue = (limit = 10) => request('GET', '/work-queue', { params: { limit } })

// The queue's title in the current locale (workQueue.queues.<id with _ for .>), else the
// server's (Chinese) title, so a queue a newer server adds still reads.
export function queueTitle(queue, t, te) {
  const key = `workQueue.queues.${String(queue.id).replace(/\./g, '_')}`
  return te(key) ? t(key) : queue.title
}

// How long an item has waited, as [locale key, params]: today, or N days.
export function waitingLabel(days) {
  const n = Number.isFinite(days) && days > 0 ? Math.floor(days) : 0
  return n === 0 ? ['workQueue.waitingToday', {}] : ['workQueue.waitingDays', { n }]
}

// A tag type by waiting time: long waits stand out.
export function waitingType(days) {
  if (days >= 5) return 'danger'
  if (days >= 2) return 'warning'
  return 'info'
}

// The console path an item opens: only a path inside the console (never another origin).
export function itemRoute(item) {
  const link = item && typeof item.link === 'string' ? item.link : ''
  return /^\/(?![/\\])[\w\-/?=&%.]*$/.test(link) ? link : null
}

// The count shown for a queue: "1000+" when the server stopped counting.
export function countText(queue) {
  const n = queue.count || 0
  return queue.count_exact === false ? `${n}+` : String(n)
}

// Queues with something to do first (in the server's order), then the empty ones; and the sum.
export function arrangeQueues(queues) {
  const list = Array.isArray(queues) ? queues : []
  const busy = list.filter((q) => q.count > 0)
  const idle = list.filter((q) => !(q.count > 0))
  return { busy, idle, total: busy.reduce((s, q) => s + q.count, 0) }
}
