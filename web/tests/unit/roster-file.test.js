// Reading roster files in the browser (src/roster-file.js): CSV (UTF-8 or GB18030) and XLSX,
// the header row found by its column names, rows mapped to {name, id_number, phone, group}.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { RosterFileError, readRosterFile, templateCsv } from '../../src/roster-file'

// What readRosterFile needs of a browser File.
const fileOf = (name, content) => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content)
  return { name, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }
}

async function xlsxOf(rows, setup = () => {}) {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('花名册')
  for (const r of rows) ws.addRow(r)
  setup(ws)
  return fileOf('花名册.xlsx', await wb.xlsx.writeBuffer())
}

const failure = (p) =>
  p.then(
    () => null,
    (e) => e,
  )

const GROUPS = { 安保从业人员: 'security_staff', '辅警（交通管理员）': 'auxiliary_police' }
const groupIdOf = (g) => GROUPS[g] || g

describe('CSV', () => {
  it('reads the template the console offers', async () => {
    const rows = await readRosterFile(fileOf('t.csv', templateCsv()), groupIdOf)
    expect(rows).toEqual([
      { name: '张三', id_number: '350503199001011234', phone: '13800000000', group: 'security_staff' },
    ])
  })

  it('finds the columns by name in any order, trims cells, upper-cases the ID and skips blank lines', async () => {
    const csv = '手机号,人员类别, 姓名 ,身份证号\n13900000001,辅警（交通管理员）, 李四 ,35050319900101123x\n,,,\n\n'
    expect(await readRosterFile(fileOf('r.csv', csv), groupIdOf)).toEqual([
      { name: '李四', id_number: '35050319900101123X', phone: '13900000001', group: 'auxiliary_police' },
    ])
  })

  it('knows the other names a column goes by, and English headers', async () => {
    const zh = '学员姓名,公民身份号码,联系电话,类别\n王五,350503199001011234,13800000000,x\n'
    const en = 'Name,ID Number,Mobile,Group\nWang,350503199001011234,13800000000,x\n'
    expect((await readRosterFile(fileOf('a.csv', zh)))[0]).toMatchObject({
      name: '王五',
      phone: '13800000000',
      group: 'x',
    })
    expect((await readRosterFile(fileOf('b.csv', en)))[0]).toMatchObject({
      name: 'Wang',
      id_number: '350503199001011234',
    })
  })

  it('takes a file without the group column (the server reports the missing group per row)', async () => {
    const rows = await readRosterFile(fileOf('r.csv', '姓名,身份证号,手机号\n赵六,350503199001011234,13800000000\n'))
    expect(rows).toEqual([{ name: '赵六', id_number: '350503199001011234', phone: '13800000000', group: '' }])
  })

  it('names the missing columns as the template spells them', async () => {
    const e = await failure(readRosterFile(fileOf('r.csv', '姓名,电话\n赵六,13800000000\n')))
    expect(e).toBeInstanceOf(RosterFileError)
    expect(e.code).toBe('missingColumns')
    expect(e.params.cols).toEqual(['身份证号'])
  })

  it('refuses a file with a header and no rows', async () => {
    const e = await failure(readRosterFile(fileOf('r.csv', '姓名,身份证号,手机号,人员类别\n')))
    expect(e.code).toBe('noRows')
  })

  it('reads a CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    // 身份证号,手机号,姓名\r\n350503199001011234,13800000000,张三 in GB18030
    const header = [0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x2c]
    const name = [0xd0, 0xd5, 0xc3, 0xfb]
    const row = [...new TextEncoder().encode('\r\n350503199001011234,13800000000,'), 0xd5, 0xc5, 0xc8, 0xfd]
    const rows = await readRosterFile(fileOf('gbk.csv', [...header, ...name, ...row]))
    expect(rows).toEqual([{ name: '张三', id_number: '350503199001011234', phone: '13800000000', group: '' }])
  })
})

describe('XLSX', () => {
  it('reads the first sheet: header row, then rows (numbers as their text)', async () => {
    const file = await xlsxOf([
      ['姓名', '身份证号', '手机号', '人员类别'],
      ['林志明', '350503199506120312', 13905951234, '安保从业人员'],
      ['王建国', '35052119981108053x', '13705953456', '辅警（交通管理员）'],
    ])
    expect(await readRosterFile(file, groupIdOf)).toEqual([
      { name: '林志明', id_number: '350503199506120312', phone: '13905951234', group: 'security_staff' },
      { name: '王建国', id_number: '35052119981108053X', phone: '13705953456', group: 'auxiliary_police' },
    ])
  })

  it('reports missing columns in a sheet too', async () => {
    const e = await failure(
      readRosterFile(
        await xlsxOf([
          ['姓名', '备注'],
          ['林志明', ''],
        ]),
      ),
    )
    expect(e.code).toBe('missingColumns')
    expect(e.params.cols).toEqual(['身份证号', '手机号'])
  })

  it('turns an unreadable workbook into parseFailed', async () => {
    const e = await failure(readRosterFile(fileOf('bad.xlsx', 'not a zip file')))
    expect(e).toBeInstanceOf(RosterFileError)
    expect(e.code).toBe('parseFailed')
    expect(e.params.msg).toBeTruthy()
  })
})

it('refuses other file types', async () => {
  const e = await failure(readRosterFile(fileOf('roster.xls', 'x')))
  expect(e.code).toBe('unsupported')
})
