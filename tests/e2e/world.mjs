// The start most browser scenarios share, through the API: in a fresh store (the police_admin
// `admin` made by the scenario), the district 丰泽区 350503, one institution with a clerk and a
// teacher, a reviewer of the district, trainees, and a class of five four-hour sessions (the last
// two practical, `online` first days online) declared by the clerk and approved by the admin.

import assert from 'node:assert/strict'

// h: the runner's helpers; base: the scenario's server. opts: {prefix (user names: PREFIX_inst,
// PREFIX_reviewer), institution, usccSeq, teacher, people [{name, birth, seq}], title, dates,
// online}. Answers {admin, instApi, inst, teacher, roster (person ids), people (with id_number),
// classId}.
export async function approvedClass(h, base, opts) {
  const must = (r, what) => {
    assert.ok(r.status === 200 || r.status === 201, `${what}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }
  const admin = await new h.ApiSession(base).signIn('admin')
  await admin.call('POST', '/districts', { code: '350503', name: '丰泽区' })
  const inst = must(
    await admin.call('POST', '/institutions', {
      name: opts.institution,
      uscc: h.uscc('350503', opts.usccSeq),
      district_code: '350503',
    }),
    'POST /institutions',
  )
  for (const [username, name, role, extra] of [
    [`${opts.prefix}_inst`, '教务', 'institution', { institution_id: inst.id }],
    [`${opts.prefix}_reviewer`, '丰泽区审核员', 'police_reviewer', { district_code: '350503' }],
  ]) {
    must(
      await admin.call('POST', '/users', {
        username,
        display_name: name,
        roles: [role],
        password: h.PASSWORD,
        ...extra,
      }),
      `POST /users ${username}`,
    )
  }
  const instApi = await new h.ApiSession(base).signIn(`${opts.prefix}_inst`)
  const teacher = must(
    await instApi.call('POST', '/teachers', {
      institution_id: inst.id,
      name: opts.teacher,
      id_number: h.residentId('350503', '19780512', 71),
    }),
    'POST /teachers',
  )
  const people = opts.people.map((p) => ({ name: p.name, id_number: h.residentId('350503', p.birth, p.seq) }))
  const roster = []
  for (const p of people) {
    roster.push(
      must(
        await instApi.call('POST', '/trainees', { ...p, phone: '13900000301', group: 'security_staff' }),
        'POST /trainees',
      ).id,
    )
  }
  const made = must(
    await instApi.call('POST', '/classes', {
      institution_id: inst.id,
      occupation: 'security_guard',
      title: opts.title,
      venue: { address: '泉州市丰泽区东海街道安培路 3 号' },
      teachers: [{ key: 't1', teacher_id: teacher.id }],
      sessions: opts.dates.map((date, i) => ({
        date,
        start: '08:30',
        end: '11:30',
        hours: 4,
        kind: i >= 3 ? 'practical' : 'theory',
        delivery: i < (opts.online || 0) ? 'online' : 'offline',
        teacher: 't1',
      })),
      roster,
    }),
    'POST /classes',
  )
  const declared = must(await instApi.call('POST', `/classes/${made.id}/declare`, { version: made.version }), 'declare')
  must(
    await admin.call('POST', `/classes/${made.id}/review`, {
      decision: 'approve',
      reason: '',
      version: declared.version,
    }),
    'approve',
  )
  return { admin, instApi, inst, teacher, roster, people, classId: made.id }
}
