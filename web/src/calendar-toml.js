// One calendar year (GET /calendar/years/{year}: source and holidays) written back in the format
// of data/calendar/cn-YYYY.toml, so a shipped year can be corrected from its current content.
// TOML basic strings: backslash and double quote escaped.
const quote = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

export function yearToToml(year) {
  const lines = [`year = ${year.year}`, `source = ${quote(year.source || '')}`]
  for (const h of year.holidays || []) {
    lines.push(
      '',
      '[[holiday]]',
      `name = ${quote(h.name)}`,
      `off = { from = ${h.off.from}, to = ${h.off.to} }`,
      `work = [${(h.work || []).join(', ')}]`,
    )
  }
  return lines.join('\n') + '\n'
}

// "cn-2027.toml" for a text whose first `year = 2027` line names the year, else ''.
export function fileNameFor(toml) {
  const m = /^\s*year\s*=\s*(\d{4})\s*$/m.exec(toml || '')
  return m ? `cn-${m[1]}.toml` : ''
}
