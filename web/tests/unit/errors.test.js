// How errors are told to people (src/errors.js): which failures are the service's faults, the
// message shown (plain language, never a code first) and the code shown as a tag — on real
// ApiErrors from the request client against a stubbed fetch.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { request } from '../../src/api/request'
import { errorCode, errorKind, errorMessage, isFault } from '../../src/errors'
import zhCN from '../../src/locales/zh-CN'

function answer(...answers) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url, init) => {
      const next = answers.shift()
      if (next instanceof Error) throw next
      if (typeof next === 'function') return next(url, init)
      const [status, body] = next
      return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })
    }),
  )
}
const failure = (...a) => {
  answer(...a)
  return request('GET', '/classes').catch((e) => e)
}
afterEach(() => vi.unstubAllGlobals())

describe('a fault of the service', () => {
  it('is a 500 with an English status line: the general fault text, the status as the code', async () => {
    const e = await failure([500, 'Internal Server Error'])
    expect(errorKind(e)).toBe('fault')
    expect(errorMessage(e)).toBe(zhCN.errors.fault)
    expect(errorMessage(e)).toBe('服务暂时不可用，请稍后重试')
    expect(errorCode(e)).toBe('HTTP 500')
  })

  it('is a 503 or 502 from a proxy, even with a JSON body of its own', async () => {
    for (const status of [502, 503, 504]) {
      const e = await failure([status, { error: { code: 'unavailable', message: '数据库暂不可用' } }])
      expect(isFault(e)).toBe(true)
      expect(errorMessage(e)).toBe(zhCN.errors.fault)
      expect(errorCode(e)).toBe('unavailable')
    }
  })

  it('is an unreachable server (status 0), told as a network fault, not as the user’s mistake', async () => {
    const e = await failure(new TypeError('Failed to fetch'))
    expect(e.status).toBe(0)
    expect(errorKind(e)).toBe('fault')
    expect(errorMessage(e)).toBe(zhCN.errors.fault)
    expect(errorCode(e)).toBe('network')
  })

  it('is a request the server does not answer in time (code timeout)', async () => {
    const timeout = Object.assign(new Error('signal timed out'), { name: 'TimeoutError' })
    const e = await failure(timeout)
    expect(e.code).toBe('timeout')
    expect(isFault(e)).toBe(true)
    expect(errorMessage(e)).toBe(zhCN.errors.fault)
    expect(errorCode(e)).toBe('timeout')
  })

  it('gives every JSON request a timeout signal', async () => {
    let signal = null
    answer((url, init) => {
      signal = init.signal
      return new Response('{}', { status: 200 })
    })
    await request('GET', '/classes')
    expect(signal).toBeInstanceOf(AbortSignal)
  })

  it('is anything thrown that is not an answer at all', () => {
    expect(errorKind(new TypeError('x is undefined'))).toBe('fault')
    expect(errorKind(null)).toBe('fault')
  })
})

describe('a refusal of the request', () => {
  it('shows the server’s Chinese message, the reason only as the code', async () => {
    const e = await failure([
      400,
      {
        error: {
          code: 'invalid_argument',
          field: 'id_number',
          reason: 'id_number.check_digit',
          message: '身份证号校验位不正确，请核对最后一位',
        },
      },
    ])
    expect(errorKind(e)).toBe('input')
    expect(isFault(e)).toBe(false)
    expect(errorMessage(e)).toBe('身份证号校验位不正确，请核对最后一位')
    expect(errorCode(e)).toBe('id_number.check_digit')
  })

  it('is classified by status: denied, missing, conflict, throttled, session', async () => {
    const kinds = {}
    for (const status of [401, 403, 404, 409, 429, 422]) {
      const e = await failure([status, { error: { code: 'x', message: '不行' } }])
      kinds[status] = errorKind(e)
    }
    expect(kinds).toEqual({
      401: 'session',
      403: 'denied',
      404: 'missing',
      409: 'conflict',
      429: 'throttled',
      422: 'input',
    })
  })

  it('never shows an English status line in the Chinese console', async () => {
    const e = await failure([413, 'Payload Too Large'])
    expect(errorKind(e)).toBe('fault') // an unreadable body is not the server's answer
    const e2 = await failure([400, { error: { code: 'invalid_argument', message: 'Bad Request' } }])
    expect(errorKind(e2)).toBe('input')
    expect(errorMessage(e2)).toBe(zhCN.errors.refused)
    expect(errorCode(e2)).toBe('invalid_argument')
  })
})
