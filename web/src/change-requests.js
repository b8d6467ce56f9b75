// Helpers of the change-request pages (presentation and request bodies only; the server checks
// every rule and the policy).

export const CHANGE_KINDS = ['makeup_class', 'makeup_exam', 'reschedule']

// An empty form: one new session for a make-up, one move for a reschedule.
export function emptyChangeForm(kind = 'makeup_class') {
  return {
    kind,
    reason: '',
    trainee_ids: [],
    sessions: [emptySession(kind === 'makeup_exam' ? 2 : 4)],
    moves: [{ seq: null, date: '', start: '08:30', end: '11:50' }],
  }
}

export function emptySession(hours = 4) {
  return {
    date: '',
    start: '08:30',
    end: '11:50',
    hours,
    kind: 'theory',
    delivery: 'offline',
    teacher: null,
    content: '',
  }
}

// The request body of a form: only the parts its kind uses.
export function changeBody(form, version) {
  const body = { kind: form.kind, reason: String(form.reason || '').trim() }
  if (version != null) body.version = version
  if (form.kind === 'reschedule') {
    body.moves = (form.moves || []).map((m) => ({
      seq: Number(m.seq),
      date: m.date,
      start: m.start,
      end: m.end,
    }))
  } else {
    body.sessions = (form.sessions || []).map((s) => {
      const out = {
        date: s.date,
        start: s.start,
        end: s.end,
        hours: Number(s.hours),
        kind: s.kind,
        delivery: s.delivery,
        teacher: s.teacher || null,
      }
      if (s.content && String(s.content).trim()) out.content = String(s.content).trim()
      return out
    })
    if (form.kind === 'makeup_class' || (form.trainee_ids || []).length) body.trainee_ids = [...form.trainee_ids]
  }
  return body
}

// One line per session a reschedule can move: "第 n 次 · date start–end".
export function movableSessions(sessions, today) {
  return (sessions || [])
    .map((s, i) => ({ seq: i + 1, date: s.date, start: s.start, end: s.end, past: !!today && s.date < today }))
    .filter((s) => !s.past)
}

// The rows of a plan version diff for one table: [{change, session}] with change added / removed /
// moved (a moved one carries from and to).
export function diffRows(diff) {
  if (!diff) return []
  const rows = []
  for (const s of diff.sessions_added || []) rows.push({ change: 'added', ...s })
  for (const s of diff.sessions_removed || []) rows.push({ change: 'removed', ...s })
  for (const m of diff.sessions_moved || []) rows.push({ change: 'moved', ...m.to, from: m.from })
  return rows
}

// Whether a diff has no difference at all.
export function diffIsEmpty(diff) {
  if (!diff) return true
  return ['sessions_added', 'sessions_removed', 'sessions_moved', 'roster_added', 'roster_removed'].every(
    (k) => !(diff[k] || []).length,
  )
}

// What a change request asks, one line per item, for the lists (keys and params for t()).
export function changeItems(cr) {
  if (!cr) return []
  if (cr.kind === 'reschedule') {
    return (cr.moves || []).map((m) => [
      'change.itemMove',
      {
        seq: m.seq,
        from: m.from ? `${m.from.date} ${m.from.start}–${m.from.end}` : '',
        to: `${m.date} ${m.start}–${m.end}`,
      },
    ])
  }
  return (cr.sessions || []).map((s) => [
    'change.itemSession',
    { date: s.date, start: s.start, end: s.end, hours: s.hours },
  ])
}
