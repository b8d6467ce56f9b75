// The request client (src/api/request.js) against a stubbed fetch and XMLHttpRequest.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  filenameOf,
  getCsrfToken,
  listAll,
  request,
  setCsrfToken,
  setPasswordChangeHandler,
  setUnauthorizedHandler,
} from '../../src/api/request'

// A fetch stub answering from a queue of [status, body, headers]; records every call.
function stubFetch(...answers) {
  const calls = []
  const fetch = vi.fn(async (url, init) => {
    calls.push({ url, init })
    const next = answers.shift()
    if (!next) throw new Error(`unexpected request ${init.method} ${url}`)
    if (next instanceof Error) throw next
    const [status, body, headers = {}] = next
    const text = body === undefined || body === null ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(status === 204 ? null : text, { status, headers })
  })
  vi.stubGlobal('fetch', fetch)
  return calls
}

const csrfRefusal = { error: { code: 'permission_denied', message: 'CSRF 令牌无效', field: 'X-CSRF-Token' } }

let unauthorized
beforeEach(() => {
  setCsrfToken('')
  unauthorized = vi.fn()
  setUnauthorizedHandler(unauthorized)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('JSON requests', () => {
  it('sends to /api/v1 with the query string (empty values left out) and parses the body', async () => {
    const calls = stubFetch([200, { items: [1], total: 1 }])
    const r = await request('GET', '/classes', { params: { state: 'draft', q: '', page: 2, x: null } })
    expect(r).toEqual({ items: [1], total: 1 })
    expect(calls[0].url).toBe('/api/v1/classes?state=draft&page=2')
    expect(calls[0].init.method).toBe('GET')
    expect(calls[0].init.credentials).toBe('same-origin')
    expect(calls[0].init.headers.Accept).toBe('application/json')
  })

  it('sends a plain object as JSON', async () => {
    const calls = stubFetch([201, { id: 7 }])
    await request('POST', '/institutions', { body: { name: 'A' } })
    expect(calls[0].init.headers['Content-Type']).toBe('application/json')
    expect(calls[0].init.body).toBe('{"name":"A"}')
  })

  it('answers null for an empty body (204)', async () => {
    stubFetch([204, null])
    expect(await request('DELETE', '/session')).toBeNull()
  })
})

describe('errors', () => {
  it("become an ApiError with the server's message, code, field, status and body", async () => {
    const body = { error: { code: 'invalid_argument', message: '统一社会信用代码校验位错误', field: 'uscc' } }
    stubFetch([400, body])
    const e = await request('POST', '/institutions', { body: {} }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toBeInstanceOf(Error)
    expect(e.name).toBe('ApiError')
    expect(e.status).toBe(400)
    expect(e.code).toBe('invalid_argument')
    expect(e.field).toBe('uscc')
    expect(e.message).toBe('统一社会信用代码校验位错误')
    expect(e.body).toEqual(body)
  })

  it('keep extra body members (a refused declaration carries its verdict)', async () => {
    const body = { error: { code: 'failed_precondition', message: 'no' }, verdict: { ok: false, violations: [] } }
    stubFetch([422, body])
    const e = await request('POST', '/classes/5/declare', { body: { version: 1 } }).catch((x) => x)
    expect(e.status).toBe(422)
    expect(e.body.verdict).toEqual({ ok: false, violations: [] })
    expect(e.field).toBe('')
  })

  it('without a JSON body say HTTP <status>, code unknown', async () => {
    stubFetch([502, null])
    const e = await request('GET', '/classes').catch((x) => x)
    expect(e.status).toBe(502)
    expect(e.code).toBe('unknown')
    expect(e.message).toBe('HTTP 502')
  })

  it('with a body that is not JSON carry its start, code bad_response', async () => {
    stubFetch([500, '<html>proxy error</html>'])
    const e = await request('GET', '/classes').catch((x) => x)
    expect(e.code).toBe('bad_response')
    expect(e.message).toBe('<html>proxy error</html>')
  })

  it("when the server cannot be reached are status 0, code 'network'", async () => {
    stubFetch(new TypeError('Failed to fetch'))
    const e = await request('GET', '/classes').catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(0)
    expect(e.code).toBe('network')
    expect(e.message).toContain('Failed to fetch')
    expect(unauthorized).not.toHaveBeenCalled()
  })
})

describe('401', () => {
  it('calls the unauthorized handler for any path but /session', async () => {
    stubFetch([401, { error: { code: 'unauthenticated', message: '请先登录' } }])
    const e = await request('GET', '/classes').catch((x) => x)
    expect(e.status).toBe(401)
    expect(unauthorized).toHaveBeenCalledTimes(1)
  })

  it('does not call it for /session (a wrong password) nor /session/revoke-all', async () => {
    stubFetch([401, { error: { message: '用户名或密码错误' } }], [401, null])
    await expect(request('POST', '/session', { body: { username: 'a', password: 'b' } })).rejects.toThrow(
      '用户名或密码错误',
    )
    await expect(request('POST', '/session/revoke-all')).rejects.toBeInstanceOf(ApiError)
    expect(unauthorized).not.toHaveBeenCalled()
  })

  it('is not called for other refusals', async () => {
    stubFetch([403, { error: { code: 'permission_denied', message: 'no' } }], [404, null])
    await request('GET', '/users').catch(() => {})
    await request('GET', '/classes/9').catch(() => {})
    expect(unauthorized).not.toHaveBeenCalled()
  })
})

describe('CSRF', () => {
  it('sends the token on unsafe methods only', async () => {
    setCsrfToken('tok-1')
    const calls = stubFetch([200, {}], [200, {}], [200, {}], [200, {}], [200, {}])
    await request('GET', '/classes')
    await request('HEAD', '/classes')
    await request('POST', '/classes', { body: {} })
    await request('PUT', '/classes/1', { body: {} })
    await request('DELETE', '/session')
    expect(calls.map((c) => c.init.headers['X-CSRF-Token'])).toEqual([undefined, undefined, 'tok-1', 'tok-1', 'tok-1'])
  })

  it('sends no header while there is no token', async () => {
    const calls = stubFetch([200, {}])
    await request('POST', '/plan-checks', { body: {} })
    expect('X-CSRF-Token' in calls[0].init.headers).toBe(false)
  })

  it('refreshes a refused token from GET /session and repeats the request once', async () => {
    setCsrfToken('stale')
    const calls = stubFetch([403, csrfRefusal], [200, { user: { id: 1 }, csrf_token: 'fresh' }], [201, { id: 3 }])
    const r = await request('POST', '/teachers', { body: { name: 'x' } })
    expect(r).toEqual({ id: 3 })
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'POST /api/v1/teachers',
      'GET /api/v1/session',
      'POST /api/v1/teachers',
    ])
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('stale')
    expect(calls[2].init.headers['X-CSRF-Token']).toBe('fresh')
    expect(calls[2].init.body).toBe('{"name":"x"}')
    expect(getCsrfToken()).toBe('fresh')
  })

  it('repeats only once: a second refusal is the error', async () => {
    setCsrfToken('stale')
    const calls = stubFetch([403, csrfRefusal], [200, { csrf_token: 'fresh' }], [403, csrfRefusal])
    const e = await request('POST', '/teachers', { body: {} }).catch((x) => x)
    expect(e.status).toBe(403)
    expect(e.field).toBe('X-CSRF-Token')
    expect(calls).toHaveLength(3)
  })

  it('gives up when the session cannot give a token (the 403 stands)', async () => {
    setCsrfToken('stale')
    const calls = stubFetch([403, csrfRefusal], [401, { error: { message: 'x' } }])
    const e = await request('PUT', '/teachers/1', { body: {} }).catch((x) => x)
    expect(e.status).toBe(403)
    expect(calls).toHaveLength(2)
    expect(unauthorized).not.toHaveBeenCalled()
  })

  it('does not retry other 403s, nor /session itself', async () => {
    setCsrfToken('t')
    const calls = stubFetch(
      [403, { error: { code: 'permission_denied', message: 'no', field: 'roles' } }],
      [403, csrfRefusal],
    )
    await request('POST', '/users', { body: {} }).catch(() => {})
    await request('DELETE', '/session').catch(() => {})
    expect(calls).toHaveLength(2)
  })
})

describe('multipart/form-data', () => {
  it('sends a FormData as it is (the browser sets the boundary) with the CSRF token', async () => {
    setCsrfToken('tok')
    const calls = stubFetch([200, { rows: [] }])
    const form = new FormData()
    form.append('file', new Blob(['a,b\n']), 'roster.csv')
    await request('POST', '/classes/1/roster/import', { body: form, params: { dry_run: true } })
    expect(calls[0].url).toBe('/api/v1/classes/1/roster/import?dry_run=true')
    expect(calls[0].init.body).toBe(form)
    expect('Content-Type' in calls[0].init.headers).toBe(false)
    expect(calls[0].init.headers['X-CSRF-Token']).toBe('tok')
  })
})

describe('downloads', () => {
  it('answer the blob and the file name from Content-Disposition', async () => {
    const calls = stubFetch([
      200,
      '\uFEFF序号,时间\n1,2026\n',
      { 'Content-Type': 'text/csv', 'Content-Disposition': "attachment; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.csv" },
    ])
    const r = await request('GET', '/audit-events.csv', { params: { actor: 'a' }, responseType: 'blob' })
    expect(calls[0].url).toBe('/api/v1/audit-events.csv?actor=a')
    expect('Accept' in calls[0].init.headers).toBe(false)
    expect(r.name).toBe('审计.csv')
    // the bytes as sent, byte order mark included (Blob.text() would drop it)
    const bytes = new Uint8Array(await r.blob.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toBe('序号,时间\n1,2026\n')
  })

  it('refused, are an ApiError from the JSON body and a 401 ends the session', async () => {
    stubFetch([401, { error: { code: 'unauthenticated', message: '请先登录' } }])
    const e = await request('GET', '/audit-events.csv', { responseType: 'blob' }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.message).toBe('请先登录')
    expect(unauthorized).toHaveBeenCalledTimes(1)
  })

  it('file names: filename*, quoted, bare, none', () => {
    expect(filenameOf("attachment; filename*=UTF-8''a%20b.csv")).toBe('a b.csv')
    expect(filenameOf('attachment; filename="audit-events.csv"')).toBe('audit-events.csv')
    expect(filenameOf('attachment; filename=x.csv')).toBe('x.csv')
    expect(filenameOf(null)).toBe('')
  })
})

// ---- XMLHttpRequest (uploads with progress) ---------------------------------------------------

// Each instance answers with the next entry of `script`: {status, body} or 'network'.
function stubXhr(script) {
  const sent = []
  class FakeXhr {
    constructor() {
      this.headers = {}
      this.upload = {}
      this.responseType = ''
      sent.push(this)
    }
    open(method, url) {
      this.method = method
      this.url = url
    }
    setRequestHeader(k, v) {
      this.headers[k] = v
    }
    getResponseHeader() {
      return null
    }
    send(body) {
      this.body = body
      const next = script.shift()
      queueMicrotask(() => {
        if (next === 'network') return this.onerror()
        if (this.upload.onprogress) {
          this.upload.onprogress({ lengthComputable: true, loaded: 50, total: 100 })
          this.upload.onprogress({ lengthComputable: false, loaded: 0, total: 0 })
        }
        this.status = next.status
        this.responseText = next.body === undefined ? '' : JSON.stringify(next.body)
        this.onload()
      })
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return sent
}

describe('uploads with progress', () => {
  it('report progress and send JSON with the CSRF token', async () => {
    setCsrfToken('tok')
    const sent = stubXhr([{ status: 200, body: { id: 1, roster: [] } }])
    const progress = []
    const r = await request('POST', '/classes/1/roster/import', {
      body: { version: 2, rows: [] },
      onProgress: (p) => progress.push(p),
    })
    expect(r).toEqual({ id: 1, roster: [] })
    expect(progress).toEqual([50, 100])
    expect(sent[0].method).toBe('POST')
    expect(sent[0].url).toBe('/api/v1/classes/1/roster/import')
    expect(sent[0].headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-CSRF-Token': 'tok',
    })
    expect(sent[0].body).toBe('{"version":2,"rows":[]}')
  })

  it('map errors the same way (the per-row report stays in the body)', async () => {
    const rows = [{ row: 2, field: 'id_number', message: '校验位错误' }]
    stubXhr([{ status: 422, body: { error: { code: 'invalid_argument', message: '第 2 行有误' }, rows } }])
    const e = await request('POST', '/classes/1/roster/import', { body: {}, onProgress: () => {} }).catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.message).toBe('第 2 行有误')
    expect(e.body.rows).toEqual(rows)
  })

  it('call the unauthorized handler on 401', async () => {
    stubXhr([{ status: 401, body: { error: { code: 'unauthenticated', message: 'x' } } }])
    await request('POST', '/classes/1/roster/import', { body: {}, onProgress: () => {} }).catch(() => {})
    expect(unauthorized).toHaveBeenCalledTimes(1)
  })

  it("turn a network failure into code 'network'", async () => {
    stubXhr(['network'])
    const e = await request('POST', '/classes/1/roster/import', { body: {}, onProgress: () => {} }).catch((x) => x)
    expect(e.status).toBe(0)
    expect(e.code).toBe('network')
  })

  it('refresh a refused CSRF token and repeat once', async () => {
    setCsrfToken('stale')
    const sent = stubXhr([
      { status: 403, body: csrfRefusal },
      { status: 200, body: { ok: true } },
    ])
    stubFetch([200, { csrf_token: 'fresh' }])
    const r = await request('POST', '/classes/1/roster/import', { body: {}, onProgress: () => {} })
    expect(r).toEqual({ ok: true })
    expect(sent.map((x) => x.headers['X-CSRF-Token'])).toEqual(['stale', 'fresh'])
  })
})

describe('listAll', () => {
  it('follows the pages until total', async () => {
    const fn = vi.fn(async ({ page }) => ({ items: page < 3 ? [page, page] : [page], total: 5 }))
    expect(await listAll(fn, { q: 'x' })).toEqual([1, 1, 2, 2, 3])
    expect(fn).toHaveBeenCalledTimes(3)
    expect(fn.mock.calls[0][0]).toEqual({ q: 'x', page: 1, page_size: 100 })
  })
})

describe('sessions the server ends or restricts (issue 9)', () => {
  it('hands the 401 with its reason to the handler, so an idle timeout can be told apart', async () => {
    stubFetch([
      401,
      { error: { code: 'unauthenticated', reason: 'session.idle_timeout', message: '已超过 30 分钟未操作' } },
    ])
    const e = await request('GET', '/classes').catch((x) => x)
    expect(e.reason).toBe('session.idle_timeout')
    expect(unauthorized).toHaveBeenCalledWith(e)
  })

  it('sends a session that must change its password to the change', async () => {
    const changeRequired = vi.fn()
    setPasswordChangeHandler(changeRequired)
    stubFetch([
      403,
      { error: { code: 'permission_denied', reason: 'password.change_required', message: '请先修改密码' } },
    ])
    const e = await request('GET', '/classes').catch((x) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(changeRequired).toHaveBeenCalledTimes(1)
    setPasswordChangeHandler(null)
  })
})
