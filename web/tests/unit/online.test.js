// The online import's problems as the class page lists them.
import { describe, expect, it } from 'vitest'
import { sortedProblems } from '../../src/api/online'

describe('online import problems', () => {
  it('lists the summary first, then the detail table, each by row', () => {
    const out = sortedProblems([
      { sheet: 'detail', row: 7, reason: 'online.phone_invalid' },
      { sheet: 'summary', row: 3, reason: 'online.summary_mismatch' },
      { sheet: 'detail', row: 2, reason: 'online.id_invalid' },
      { sheet: 'summary', row: 0, reason: 'online.header_missing' },
    ])
    expect(out.map((p) => `${p.sheet}:${p.row}`)).toEqual(['summary:0', 'summary:3', 'detail:2', 'detail:7'])
  })
  it('takes nothing as no problems', () => {
    expect(sortedProblems(undefined)).toEqual([])
  })
})
