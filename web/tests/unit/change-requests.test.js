import { describe, expect, it } from 'vitest'
import {
  changeBody,
  changeItems,
  diffIsEmpty,
  diffRows,
  emptyChangeForm,
  movableSessions,
} from '../../src/change-requests'

describe('changeBody', () => {
  it('sends a make-up class with its sessions and trainees, not moves', () => {
    const form = emptyChangeForm('makeup_class')
    form.reason = '  缺课  '
    form.trainee_ids = [7]
    form.sessions[0].date = '2021-10-18'
    form.sessions[0].teacher = 't1'
    const body = changeBody(form, 3)
    expect(body).toEqual({
      kind: 'makeup_class',
      reason: '缺课',
      version: 3,
      sessions: [
        {
          date: '2021-10-18',
          start: '08:30',
          end: '11:50',
          hours: 4,
          kind: 'theory',
          delivery: 'offline',
          teacher: 't1',
        },
      ],
      trainee_ids: [7],
    })
  })
  it('sends a make-up exam without trainees when none are picked', () => {
    const body = changeBody(emptyChangeForm('makeup_exam'))
    expect(body.kind).toBe('makeup_exam')
    expect(body.trainee_ids).toBeUndefined()
    expect(body.sessions[0].hours).toBe(2)
    expect(body.version).toBeUndefined()
  })
  it('sends a reschedule as moves with numeric seqs only', () => {
    const form = emptyChangeForm('reschedule')
    form.moves[0] = { seq: '2', date: '2021-10-20', start: '09:00', end: '12:20' }
    const body = changeBody(form, 1)
    expect(body.moves).toEqual([{ seq: 2, date: '2021-10-20', start: '09:00', end: '12:20' }])
    expect(body.sessions).toBeUndefined()
    expect(body.trainee_ids).toBeUndefined()
  })
})

describe('movableSessions', () => {
  it('numbers sessions from 1 and leaves out those already taught', () => {
    const s = [
      { date: '2021-10-11', start: '08:30', end: '11:50' },
      { date: '2021-10-12', start: '08:30', end: '11:50' },
    ]
    expect(movableSessions(s, '2021-10-12').map((x) => x.seq)).toEqual([2])
    expect(movableSessions(s, '').map((x) => x.seq)).toEqual([1, 2])
  })
})

describe('diffRows and diffIsEmpty', () => {
  it('lists added, removed and moved sessions with the old time of a moved one', () => {
    const diff = {
      sessions_added: [{ date: '2021-10-18' }],
      sessions_removed: [{ date: '2021-10-11' }],
      sessions_moved: [{ from: { date: '2021-10-12' }, to: { date: '2021-10-20' } }],
      roster_added: [],
      roster_removed: [],
    }
    const rows = diffRows(diff)
    expect(rows.map((r) => r.change)).toEqual(['added', 'removed', 'moved'])
    expect(rows[2].date).toBe('2021-10-20')
    expect(rows[2].from.date).toBe('2021-10-12')
    expect(diffIsEmpty(diff)).toBe(false)
    expect(diffIsEmpty({ sessions_added: [], roster_added: [] })).toBe(true)
    expect(diffRows(null)).toEqual([])
  })
})

describe('changeItems', () => {
  it('describes each added session or move for the lists', () => {
    expect(changeItems({ kind: 'makeup_exam', sessions: [{ date: 'd', start: 's', end: 'e', hours: 2 }] })).toEqual([
      ['change.itemSession', { date: 'd', start: 's', end: 'e', hours: 2 }],
    ])
    const move = changeItems({
      kind: 'reschedule',
      moves: [{ seq: 3, date: 'D', start: 'S', end: 'E', from: { date: 'd', start: 's', end: 'e' } }],
    })
    expect(move).toEqual([['change.itemMove', { seq: 3, from: 'd s–e', to: 'D S–E' }]])
  })
})
