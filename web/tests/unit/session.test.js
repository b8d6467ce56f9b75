// What the console lets a user do comes from the server's /session answer (src/session.js):
// can.* from `permissions`, editable states and roles from `model`. Nothing is guessed from roles.
import { beforeEach, describe, expect, it } from 'vitest'
import { getCsrfToken } from '../../src/api/request'
import {
  PERMISSIONS,
  applySession,
  can,
  classStates,
  editableStates,
  hasPermission,
  isEditableState,
  isInstitutionUser,
  roleScope,
  roles,
  session,
} from '../../src/session'

const MODEL = {
  roles: [
    { id: 'institution', name: '培训机构' },
    { id: 'police_reviewer', name: '区县公安审核员', scope: 'district' },
    { id: 'police_admin', name: '市公安局管理员', scope: 'city' },
    { id: 'auditor', name: '审计' },
  ],
  class_states: [
    { id: 'draft', name: '草稿', editable: true, next: ['declared'] },
    { id: 'declared', name: '已申报', editable: false, next: ['approved', 'returned', 'rejected', 'draft'] },
    { id: 'returned', name: '已退回', editable: true, next: ['declared'] },
    { id: 'approved', name: '已批准', editable: false },
  ],
}

const user = (roles, extra = {}) => ({ id: 1, username: 'u', roles, ...extra })
const granted = () =>
  Object.keys(can)
    .filter((k) => can[k]())
    .sort()

beforeEach(() => applySession(null))

describe('can.*', () => {
  it('maps every permission the server sends to its can.* and nothing else', () => {
    for (const [name, permission] of Object.entries(PERMISSIONS)) {
      applySession({ user: user(['whatever']), permissions: [permission], csrf_token: 't' })
      expect(granted()).toEqual([name])
    }
  })

  it('follows the server, not the roles: a police_admin without permissions may do nothing', () => {
    applySession({ user: user(['police_admin']), csrf_token: 't' })
    expect(granted()).toEqual([])
    applySession({ user: user(['police_admin']), permissions: null, csrf_token: 't' })
    expect(granted()).toEqual([])
    applySession({ user: user(['police_admin']), permissions: 'user.admin', csrf_token: 't' })
    expect(granted()).toEqual([])
  })

  it('an official as the server describes one', () => {
    applySession({
      user: user(['police_admin']),
      permissions: [
        'console.use',
        'registry.edit',
        'institution.admin',
        'user.admin',
        'audit.read',
        'institution.pick',
      ],
      csrf_token: 't',
    })
    expect(granted()).toEqual([
      'adminInstitutions',
      'adminUsers',
      'audit',
      'editRegistry',
      'pickInstitution',
      'useConsole',
    ])
    expect(can.editInstitutionData()).toBe(false)
    expect(hasPermission('user.admin')).toBe(true)
  })

  it('ignores unknown and malformed entries', () => {
    applySession({ user: user([]), permissions: ['console.use', 7, null, 'teleport'], csrf_token: 't' })
    expect(session.permissions).toEqual(['console.use', 'teleport'])
    expect(granted()).toEqual(['useConsole'])
  })

  it('grants nothing once signed out, and forgets the token', () => {
    applySession({ user: user(['auditor']), permissions: ['audit.read'], csrf_token: 'tok' })
    expect(getCsrfToken()).toBe('tok')
    applySession(null)
    expect(granted()).toEqual([])
    expect(hasPermission('audit.read')).toBe(false)
    expect(getCsrfToken()).toBe('')
  })

  it('a permission list without a user grants nothing', () => {
    applySession({ user: null, permissions: ['audit.read'] })
    expect(can.audit()).toBe(false)
  })
})

describe('isInstitutionUser', () => {
  it('is an institution role bound to an institution, without the picker', () => {
    applySession({ user: user(['institution'], { institution_id: 4 }), permissions: ['console.use', 'class.edit'] })
    expect(isInstitutionUser()).toBe(true)
  })

  it('is not a user the server lets pick institutions, nor one without an institution', () => {
    applySession({ user: user(['institution', 'hrss'], { institution_id: 4 }), permissions: ['institution.pick'] })
    expect(isInstitutionUser()).toBe(false)
    applySession({ user: user(['institution']), permissions: ['console.use'] })
    expect(isInstitutionUser()).toBe(false)
    applySession({ user: user(['auditor'], { institution_id: 4 }), permissions: [] })
    expect(isInstitutionUser()).toBe(false)
  })
})

describe('model', () => {
  it('editable states are the ones the server marks editable', () => {
    applySession({ user: user(['institution']), permissions: [], model: MODEL })
    expect(editableStates()).toEqual(['draft', 'returned'])
    expect(isEditableState('draft')).toBe(true)
    expect(isEditableState('returned')).toBe(true)
    expect(isEditableState('declared')).toBe(false)
    expect(isEditableState('approved')).toBe(false)
    expect(isEditableState('unheard_of')).toBe(false)
    expect(classStates().map((s) => s.id)).toEqual(['draft', 'declared', 'returned', 'approved'])
    expect(classStates()[3].next).toEqual([])
  })

  it('without a model nothing is editable and there are no roles to offer', () => {
    applySession({ user: user(['institution']), permissions: ['class.edit'] })
    expect(editableStates()).toEqual([])
    expect(isEditableState('draft')).toBe(false)
    expect(roles()).toEqual([])
  })

  it('only editable: true counts (not "yes" nor 1)', () => {
    applySession({
      user: user([]),
      model: { class_states: [{ id: 'draft', editable: 'yes' }, { id: 'returned', editable: 1 }, { name: 'no id' }] },
    })
    expect(editableStates()).toEqual([])
    expect(classStates().map((s) => s.id)).toEqual(['draft', 'returned'])
  })

  it('the roles are the server list', () => {
    applySession({ user: user(['police_admin']), permissions: ['user.admin'], model: MODEL })
    expect(roles().map((r) => r.id)).toEqual(['institution', 'police_reviewer', 'police_admin', 'auditor'])
    expect(roles()[1].name).toBe('区县公安审核员')
  })

  it("a role's binding comes from the model's scope when it sends one", () => {
    applySession({ user: user([]), model: MODEL })
    expect(roleScope('police_reviewer')).toBe('district')
    expect(roleScope('police_admin')).toBe('')
    applySession({ user: user([]), model: { roles: [{ id: 'hrss', name: '人社', scope: 'district' }] } })
    expect(roleScope('hrss')).toBe('district')
  })
})
