// Display names for the ids the server serves (roles, class states): the locale file's name for
// the id when it has one, else the server's own (Chinese) name, else the id itself.
import { useI18n } from 'vue-i18n'
import { roleInfo, stateInfo } from '../session'

export function useLabels() {
  const { t, te } = useI18n()
  const label = (prefix, id, info) => {
    if (!id) return ''
    if (te(`${prefix}.${id}`)) return t(`${prefix}.${id}`)
    return (info && info.name) || id
  }
  return {
    stateName: (id) => label('state', id, stateInfo(id)),
    roleName: (id) => label('role', id, roleInfo(id)),
  }
}
