// The audit page's helpers: the query it sends (newest first, the filters as the API names them)
// and how an event reads (names from the server's one table of operation names).

// The target types the trail records (the part of a target before ':').
export const TARGET_TYPES = [
  'class',
  'trainee',
  'teacher',
  'institution',
  'district',
  'user',
  'held_enrolment',
  'calendar',
  'audit',
]

// The API query of the page's filters: empty values left out, the date range split into from/to,
// a target id only with its type, always newest first.
export function auditQuery(filters) {
  const out = { order: 'desc' }
  const text = (v) => String(v ?? '').trim()
  if (text(filters.actor)) out.actor = text(filters.actor)
  if (text(filters.action)) out.action = text(filters.action)
  if (text(filters.targetType)) {
    out.target_type = text(filters.targetType)
    if (text(filters.targetId)) out.target_id = text(filters.targetId)
  }
  const range = Array.isArray(filters.range) ? filters.range : []
  if (range[0]) out.from = range[0]
  if (range[1]) out.to = range[1]
  return out
}

// An event's operation in words: the server's Chinese name, else the code.
export function actionLabel(event, useNames = true) {
  return (useNames && event.action_name) || event.action
}

// Who acted: the display name with the user name (`format(name, user)`, the locale's wording), or
// the user name alone when it has no display name.
export function actorLabel(event, format) {
  if (event.actor_name && event.actor_name !== event.actor) return format(event.actor_name, event.actor)
  return event.actor
}
