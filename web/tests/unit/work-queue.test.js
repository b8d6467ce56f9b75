// The home page's work-queue helpers (src/api/workQueue.js) against a stubbed fetch.
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  arrangeQueues,
  countText,
  getWorkQueue,
  itemRoute,
  queueTitle,
  waitingLabel,
  waitingType,
} from '../../src/api/workQueue'
import en from '../../src/locales/en'
import zhCN from '../../src/locales/zh-CN'

afterEach(() => vi.unstubAllGlobals())

describe('getWorkQueue', () => {
  it('asks /api/v1/work-queue with the limit and hands back the queues', async () => {
    const body = { queues: [{ id: 'class.drafts', title: 't', count: 1, count_exact: true, items: [] }] }
    const calls = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url, init) => {
        calls.push({ url, init })
        return new Response(JSON.stringify(body), { status: 200 })
      }),
    )
    expect(await getWorkQueue(5)).toEqual(body)
    expect(calls[0].url).toBe('/api/v1/work-queue?limit=5')
    expect(calls[0].init.method).toBe('GET')
  })
})

describe('queueTitle', () => {
  const t = (k) => `T(${k})`
  it('uses the locale title of a known queue', () => {
    const te = (k) => k === 'workQueue.queues.class_drafts'
    expect(queueTitle({ id: 'class.drafts', title: 'server' }, t, te)).toBe('T(workQueue.queues.class_drafts)')
  })
  it('has a title in both locales for every queue the server registers today', () => {
    const ids = [
      'class.drafts',
      'class.returned',
      'class.declared',
      'enrolment.held',
      'change_request.pending',
      'institution.uscc_pending',
      'objection.open',
      'publicity.ended',
    ]
    for (const messages of [zhCN, en]) {
      const te = (k) => k.split('.').reduce((o, p) => (o ? o[p] : undefined), messages) !== undefined
      const tt = (k) => k.split('.').reduce((o, p) => o[p], messages)
      for (const id of ids) expect(queueTitle({ id, title: '' }, tt, te)).not.toBe('')
    }
  })
  it("falls back to the server's title for a queue the console does not know yet", () => {
    expect(queueTitle({ id: 'payment.due', title: 'server' }, t, () => false)).toBe('server')
  })
})

describe('waitingLabel and waitingType', () => {
  it('says today for 0 days and N days otherwise', () => {
    expect(waitingLabel(0)).toEqual(['workQueue.waitingToday', {}])
    expect(waitingLabel(3)).toEqual(['workQueue.waitingDays', { n: 3 }])
    expect(waitingLabel(undefined)).toEqual(['workQueue.waitingToday', {}])
    expect(waitingLabel(-2)).toEqual(['workQueue.waitingToday', {}])
  })
  it('marks long waits', () => {
    expect(waitingType(0)).toBe('info')
    expect(waitingType(2)).toBe('warning')
    expect(waitingType(7)).toBe('danger')
  })
})

describe('itemRoute', () => {
  it('opens console paths', () => {
    expect(itemRoute({ link: '/classes/5' })).toBe('/classes/5')
    expect(itemRoute({ link: '/held-enrolments' })).toBe('/held-enrolments')
  })
  it('refuses anything that would leave the console', () => {
    for (const link of ['//evil.example/x', 'https://evil.example/', 'javascript:alert(1)', '/\\evil', '', null]) {
      expect(itemRoute({ link })).toBeNull()
    }
    expect(itemRoute(undefined)).toBeNull()
  })
})

describe('countText and arrangeQueues', () => {
  it('shows a bounded count with a plus', () => {
    expect(countText({ count: 3, count_exact: true })).toBe('3')
    expect(countText({ count: 1000, count_exact: false })).toBe('1000+')
  })
  it('puts queues with work first, keeping the server order, and sums them', () => {
    const queues = [
      { id: 'a', count: 0 },
      { id: 'b', count: 2 },
      { id: 'c', count: 0 },
      { id: 'd', count: 5 },
    ]
    const { busy, idle, total } = arrangeQueues(queues)
    expect(busy.map((q) => q.id)).toEqual(['b', 'd'])
    expect(idle.map((q) => q.id)).toEqual(['a', 'c'])
    expect(total).toBe(7)
    expect(arrangeQueues(undefined)).toEqual({ busy: [], idle: [], total: 0 })
  })
})
