// Helpers of the plan editor and the plan views (presentation only; the policy's rules are
// checked by the server).

// Minutes between two "HH:MM" times (end "24:00" allowed); null when either is not a time or the
// end is not after the start.
export function minutesBetween(start, end) {
  const parse = (s) => {
    const m = /^([0-2]\d):([0-5]\d)$/.exec(String(s || ''))
    if (!m) return null
    const v = Number(m[1]) * 60 + Number(m[2])
    return v <= 24 * 60 ? v : null
  }
  const a = parse(start)
  const b = parse(end)
  if (a === null || b === null || b <= a) return null
  return b - a
}

// The class hours a session of these times can hold: floor(minutes / minutes per class hour), at
// least 1; null when the times do not give a session or the policy number is missing.
export function suggestHours(start, end, minutesPerHour) {
  const minutes = minutesBetween(start, end)
  const per = Number(minutesPerHour)
  if (minutes === null || !Number.isFinite(per) || per <= 0) return null
  return Math.max(1, Math.floor(minutes / per))
}

// The display name of a plan's teacher key: the teacher's name, never the internal key ("t1").
// `teachers` is a plan's [{id, name}] or a class's [{key, name}]; `unknown` stands in for a key
// that names no teacher.
export function teacherNameOf(teachers, key, unknown = '') {
  if (!key) return ''
  const x = (teachers || []).find((y) => (y.key ?? y.id) === key)
  return x && x.name ? x.name : unknown
}

// A plan (contract JSON) as table rows for people: each session with its teacher's name.
export function planRows(plan) {
  const teachers = (plan && plan.teachers) || []
  return ((plan && plan.sessions) || []).map((s, i) => ({
    n: i + 1,
    date: s.date || '',
    time: `${s.start || ''}–${s.end || ''}`,
    hours: s.hours,
    kind: s.kind,
    delivery: s.delivery,
    teacher: teacherNameOf(teachers, s.teacher, ''),
    content: s.content || '',
  }))
}

// What the plan editor would save, as one comparable string: the editor warns before leaving when
// it differs from the one taken after loading (unsaved changes). Whitespace at the ends of texts
// and a number typed as text do not count as changes.
export function planFormSnapshot(form) {
  const f = form || {}
  const text = (v) => String(v ?? '').trim()
  const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v))
  const venue = f.venue || {}
  return JSON.stringify({
    title: text(f.title),
    policy: text(f.policy),
    occupation: text(f.occupation),
    venue: { address: text(venue.address), lat: num(venue.lat), lng: num(venue.lng) },
    teachers: (f.teachers || []).map((x) => [x.key, x.teacher_id]),
    sessions: (f.sessions || []).map((s) => [
      text(s.date),
      text(s.start),
      text(s.end),
      num(s.hours),
      s.kind || '',
      s.delivery || '',
      s.teacher || '',
      text(s.content),
    ]),
    roster: [...(f.roster || [])],
  })
}
