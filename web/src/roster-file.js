// Reads a roster file (XLSX via ExcelJS, CSV via Papa Parse) into rows
// {name, id_number, phone, group}. Only the shape is handled here; the server validates rows.
import Papa from 'papaparse'
import { COLUMN_NAMES as ALIASES, TEMPLATE_CSV } from './locales/roster-columns'

export const COLUMNS = ['name', 'id_number', 'phone', 'group']

function norm(h) {
  return String(h == null ? '' : h)
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase()
}

function columnMap(header) {
  const map = {}
  header.forEach((h, i) => {
    const n = norm(h)
    for (const [key, names] of Object.entries(ALIASES)) {
      if (map[key] === undefined && names.some((a) => norm(a) === n)) map[key] = i
    }
  })
  return map
}

export class RosterFileError extends Error {
  constructor(code, params = {}) {
    super(code)
    this.code = code
    this.params = params
  }
}

// table: array of arrays of strings, first row the header.
function rowsFromTable(table, groupIdOf) {
  if (!table.length) throw new RosterFileError('noRows')
  const map = columnMap(table[0])
  const missing = COLUMNS.filter((c) => c !== 'group' && map[c] === undefined)
  if (missing.length) throw new RosterFileError('missingColumns', { cols: missing.map((c) => ALIASES[c][0]) })
  const rows = []
  for (const line of table.slice(1)) {
    const cell = (k) => (map[k] === undefined ? '' : String(line[map[k]] == null ? '' : line[map[k]]).trim())
    const row = {
      name: cell('name'),
      id_number: cell('id_number').toUpperCase(),
      phone: cell('phone'),
      group: groupIdOf(cell('group')),
    }
    if (!row.name && !row.id_number && !row.phone && !row.group) continue // blank line
    rows.push(row)
  }
  if (!rows.length) throw new RosterFileError('noRows')
  return rows
}

function decodeText(buf) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf)
  } catch {
    return new TextDecoder('gb18030').decode(buf) // CSV saved by Excel on Chinese Windows
  }
}

async function readCsv(file) {
  const text = decodeText(await file.arrayBuffer()).replace(/^\uFEFF/, '')
  const parsed = Papa.parse(text, { skipEmptyLines: 'greedy' })
  if (parsed.errors.length && !parsed.data.length)
    throw new RosterFileError('parseFailed', { msg: parsed.errors[0].message })
  return parsed.data
}

async function readXlsx(file) {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await file.arrayBuffer())
  const ws = wb.worksheets[0]
  if (!ws) throw new RosterFileError('noRows')
  const table = []
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells = []
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text)
    table.push(cells)
  })
  return table
}

export async function readRosterFile(file, groupIdOf = (g) => g) {
  const name = file.name.toLowerCase()
  let table
  try {
    if (name.endsWith('.csv')) table = await readCsv(file)
    else if (name.endsWith('.xlsx')) table = await readXlsx(file)
    else throw new RosterFileError('unsupported')
  } catch (e) {
    if (e instanceof RosterFileError) throw e
    throw new RosterFileError('parseFailed', { msg: e.message })
  }
  return rowsFromTable(table, groupIdOf)
}

export function templateCsv() {
  return TEMPLATE_CSV
}
