// The downloadable roster template (src/roster-file.js): its header is one the server reads, and
// its sample ID number has a valid check digit (an invalid sample taught users wrong numbers).
import { describe, expect, it } from 'vitest'
import { idCheckChar, templateCsv } from '../../src/roster-file'

describe('template', () => {
  const lines = templateCsv()
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')

  it('has the header the server expects', () => {
    expect(lines[0].split(',')).toEqual(['姓名', '身份证号', '手机号', '人员类别'])
  })

  it('has a sample ID number with a valid check digit', () => {
    const id = lines[1].split(',')[1]
    expect(id).toHaveLength(18)
    expect(idCheckChar(id.slice(0, 17))).toBe(id[17])
  })

  it('computes check characters as GB 11643 does', () => {
    expect(idCheckChar('35050219900101123')).toBe('X')
    expect(idCheckChar('11010519491231002')).toBe('X')
  })
})
