// The plan editor's hour suggestion and the plan views' teacher names and rows.
import { describe, expect, it } from 'vitest'
import { minutesBetween, planFormSnapshot, planRows, suggestHours, teacherNameOf } from '../../src/plan-helpers'

describe('suggestHours', () => {
  it('is floor(minutes / minutes per hour)', () => {
    expect(suggestHours('08:30', '11:45', 45)).toBe(4) // 195 min
    expect(suggestHours('08:30', '12:00', 45)).toBe(4) // 210 min
    expect(suggestHours('14:00', '17:00', 45)).toBe(4) // 180 min
    expect(suggestHours('14:00', '16:59', 45)).toBe(3) // 179 min
    expect(suggestHours('08:00', '17:00', 60)).toBe(9)
  })
  it('gives at least one hour for a short session', () => {
    expect(suggestHours('08:00', '08:30', 45)).toBe(1)
  })
  it('gives nothing for times that make no session or a missing policy number', () => {
    expect(suggestHours('11:00', '10:00', 45)).toBeNull()
    expect(suggestHours('10:00', '10:00', 45)).toBeNull()
    expect(suggestHours('', '10:00', 45)).toBeNull()
    expect(suggestHours('8:00', '10:00', 45)).toBeNull()
    expect(suggestHours('08:00', '10:00', 0)).toBeNull()
    expect(suggestHours('08:00', '10:00', undefined)).toBeNull()
  })
  it('accepts an end of 24:00', () => {
    expect(minutesBetween('23:00', '24:00')).toBe(60)
    expect(minutesBetween('23:00', '24:30')).toBeNull()
  })
})

describe('teacher names', () => {
  const plan = {
    teachers: [
      { id: 't1', name: '王老师' },
      { id: 't2', name: '李老师' },
    ],
    sessions: [
      {
        date: '2026-12-01',
        start: '08:30',
        end: '11:45',
        hours: 4,
        kind: 'theory',
        delivery: 'offline',
        teacher: 't2',
        content: '法律法规',
      },
      {
        date: '2026-12-02',
        start: '08:30',
        end: '11:45',
        hours: 4,
        kind: 'practical',
        delivery: 'online',
        teacher: null,
      },
    ],
  }
  it('names a key by the teacher, never the key itself', () => {
    expect(teacherNameOf(plan.teachers, 't1')).toBe('王老师')
    expect(teacherNameOf([{ key: 't9', name: '赵老师' }], 't9')).toBe('赵老师')
    expect(teacherNameOf(plan.teachers, 't7', '?')).toBe('?')
    expect(teacherNameOf(plan.teachers, null)).toBe('')
  })
  it('turns a plan version into rows', () => {
    const rows = planRows(plan)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ n: 1, time: '08:30–11:45', teacher: '李老师', content: '法律法规' })
    expect(rows[1]).toMatchObject({ teacher: '', content: '', kind: 'practical' })
    expect(JSON.stringify(rows)).not.toContain('t2')
    expect(planRows(null)).toEqual([])
  })
})

describe('planFormSnapshot (unsaved changes)', () => {
  const form = () => ({
    title: '2026 年保安员第 1 期',
    policy: 'quanzhou-2021-177',
    occupation: 'security_guard',
    venue: { address: '安培路 1 号', lat: 24.874, lng: 118.676 },
    teachers: [{ key: 't1', teacher_id: 5, name: '王老师' }],
    sessions: [
      {
        date: '2026-12-01',
        start: '08:30',
        end: '11:45',
        hours: 4,
        kind: 'theory',
        delivery: 'offline',
        teacher: 't1',
        content: '',
      },
    ],
    roster: [11, 12],
  })
  it('is the same for the same plan, whitespace and numbers typed as text aside', () => {
    const b = form()
    b.title = ` ${b.title} `
    b.sessions[0].hours = '4'
    b.venue.lat = '24.874'
    expect(planFormSnapshot(b)).toBe(planFormSnapshot(form()))
  })
  it('changes with every field the editor saves', () => {
    const base = planFormSnapshot(form())
    const changed = [
      (f) => (f.title = '另一个班'),
      (f) => (f.occupation = 'security_guard_4'),
      (f) => (f.venue.address = '安培路 2 号'),
      (f) => (f.venue.lng = 118.7),
      (f) => f.teachers.pop(),
      (f) => (f.sessions[0].date = '2026-12-02'),
      (f) => (f.sessions[0].end = '11:00'),
      (f) => (f.sessions[0].hours = 3),
      (f) => (f.sessions[0].kind = 'practical'),
      (f) => (f.sessions[0].delivery = 'online'),
      (f) => (f.sessions[0].teacher = ''),
      (f) => (f.sessions[0].content = '岗位职责'),
      (f) => f.sessions.push({ ...f.sessions[0] }),
      (f) => f.roster.pop(),
    ]
    for (const change of changed) {
      const f = form()
      change(f)
      expect(planFormSnapshot(f), String(change)).not.toBe(base)
    }
  })
})
