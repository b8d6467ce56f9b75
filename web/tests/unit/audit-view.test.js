// The audit page asks for the newest first with the filters named as the API names them, and
// reads events by their Chinese names.
import { describe, expect, it } from 'vitest'
import { actionLabel, actorLabel, auditQuery } from '../../src/audit-view'

describe('auditQuery', () => {
  it('always asks for the newest first', () => {
    expect(auditQuery({})).toEqual({ order: 'desc' })
  })
  it('maps the filters', () => {
    expect(
      auditQuery({
        actor: ' fz_admin ',
        action: 'class.declare',
        targetType: 'class',
        targetId: '5',
        range: ['2026-11-01', '2026-11-30'],
      }),
    ).toEqual({
      order: 'desc',
      actor: 'fz_admin',
      action: 'class.declare',
      target_type: 'class',
      target_id: '5',
      from: '2026-11-01',
      to: '2026-11-30',
    })
  })
  it('sends a target id only with its type', () => {
    expect(auditQuery({ targetId: '5' })).toEqual({ order: 'desc' })
    expect(auditQuery({ targetType: 'trainee', range: null })).toEqual({ order: 'desc', target_type: 'trainee' })
  })
})

describe('labels', () => {
  it('uses the Chinese operation name, else the code', () => {
    expect(actionLabel({ action: 'district.create', action_name: '新增辖区' })).toBe('新增辖区')
    expect(actionLabel({ action: 'x.y', action_name: '' })).toBe('x.y')
    expect(actionLabel({ action: 'district.create', action_name: '新增辖区' }, false)).toBe('district.create')
  })
  it('shows the display name with the user name', () => {
    const format = (name, user) => `${name}（${user}）`
    expect(actorLabel({ actor: 'admin', actor_name: '市局管理员' }, format)).toBe('市局管理员（admin）')
    expect(actorLabel({ actor: 'ghost', actor_name: '' }, format)).toBe('ghost')
    expect(actorLabel({ actor: 'same', actor_name: 'same' }, format)).toBe('same')
  })
})
