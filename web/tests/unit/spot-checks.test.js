// The spot-check forms become the API's bodies: empty fields left out of a draw (no seed: the
// server draws one), inspectors split on the separators people type.
import { describe, expect, it } from 'vitest'
import { drawBody, visitBody } from '../../src/api/spotChecks'

describe('drawBody', () => {
  it('leaves out empty fields and keeps a given seed as typed (trimmed)', () => {
    expect(drawBody({ count: '3', seed: '', district_code: '', occupation: '' })).toEqual({ count: 3 })
    expect(drawBody({ count: 2, seed: ' SSE-3591.71 ', district_code: '350503' })).toEqual({
      count: 2,
      seed: 'SSE-3591.71',
      district_code: '350503',
    })
  })
})

describe('visitBody', () => {
  it('splits inspectors on commas, enumeration commas and new lines', () => {
    const body = visitBody({
      visited_at: '2021-10-12T09:30:00+08:00',
      inspectors: '王警官，李警官、 张警官\n赵警官,',
      present: '17',
      expected: 20,
      findings: ' 到课率低 ',
      open_case: true,
      draw_id: '',
    })
    expect(body).toEqual({
      visited_at: '2021-10-12T09:30:00+08:00',
      inspectors: ['王警官', '李警官', '张警官', '赵警官'],
      present: 17,
      expected: 20,
      findings: '到课率低',
      open_case: true,
    })
    const picked = visitBody({
      visited_at: '2021-10-12T08:40:00',
      inspectors: 'a',
      present: 0,
      expected: 0,
      draw_id: '7',
    })
    expect(picked.draw_id).toBe(7)
    expect(picked.visited_at).toBe('2021-10-12T08:40:00+08:00') // China Standard Time, whatever the browser's zone
  })
})
