#!/usr/bin/env python3
"""Writes the spreadsheet fixtures of tests/unit/sheet_test.cc and tests/api/roster_test.cc.

Each is small and synthetic (no real person's data): rosters as offices make them (title rows,
`*` marks, an instructions sheet before the roster, a hidden sheet, inline strings, numeric
cells), CSV in the encodings Excel and WPS write on Chinese Windows, and hostile archives (a zip
bomb, one whose directory lies about the sizes). Run it from this directory; the outputs are
committed so the build needs no Python.
"""
import io
import struct
import zipfile

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def sheet_xml(rows, shared, inline=False, pad=0):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>']
    for rn, cells in rows:
        out.append(f'<row r="{rn}">')
        for ci, v in enumerate(cells):
            ref = f'{col(ci)}{rn}'
            if v is None:
                continue
            if isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif inline:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>')
            else:
                if v not in shared:
                    shared.append(v)
                out.append(f'<c r="{ref}" t="s"><v>{shared.index(v)}</v></c>')
        out.append('</row>')
        if pad:
            out.append(' ' * pad)
    out.append('</sheetData></worksheet>')
    return ''.join(out)


def xlsx(path, sheets, inline=False, pad=0):
    """sheets: list of (name, state, rows); rows: list of (row number, [cells])."""
    shared = []
    parts = {}
    for i, (name, state, rows) in enumerate(sheets):
        parts[f'xl/worksheets/sheet{i + 1}.xml'] = sheet_xml(rows, shared, inline, pad)
    sst = ''.join(f'<si><t xml:space="preserve">{esc(s)}</t></si>' for s in shared)
    parts['xl/sharedStrings.xml'] = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(shared)}" uniqueCount="{len(shared)}">{sst}</sst>'
    rels = ''.join(
        f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(sheets)))
    rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    parts['xl/_rels/workbook.xml.rels'] = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    sh = ''
    for i, (n, st, _) in enumerate(sheets):
        state = '' if st == 'visible' else ' state="%s"' % st
        sh += f'<sheet name="{esc(n)}" sheetId="{i + 1}"{state} r:id="rId{i + 1}"/>'

    parts['xl/workbook.xml'] = f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{sh}</sheets></workbook>'
    parts['[Content_Types].xml'] = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


HEAD = ['姓名', '身份证号码', '手机号码', '人员类别']
# Valid synthetic IDs (check digits computed) for 1990-01-0x births in 350503.
def idn(first17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + '10X98765432'[sum(int(a) * b for a, b in zip(first17, w)) % 11]


A = idn('35050319900103201')
B = idn('35050319900104202')
C = idn('35050319900105203')

# An instructions sheet first, a hidden sheet, then the roster with '*' marks, a title and a
# blank row above its header; the phone of one row is a number cell (fine: 11 digits).
xlsx('office-roster.xlsx', [
    ('填表说明', 'visible', [(1, ['请按模板填写，带 * 的列必填'])]),
    ('旧名单', 'hidden', [(1, HEAD), (2, ['隐藏', A, '13800003001', '安保从业人员'])]),
    ('花名册', 'visible', [
        (1, ['2026 年第 3 期保安员培训班花名册']),
        (2, ['填报单位：某某保安培训学校', None, '日期：2026-12-01']),
        (4, ['序号', '*姓名', '*公民身份号码', '* 联系电话', '培训对象']),
        (5, [1, '测试三甲', A, 13800003001, '安保从业人员']),
        (6, [2, '测试三乙', B, '+86 138-0000-3002', '辅警']),
        (8, [3, '测试三丙', C, '138 0000 3003', '安保从业人员']),
    ]),
])
# Inline strings (what many non-Excel writers produce) instead of the shared-string table.
xlsx('inline-strings.xlsx', [('Sheet1', 'visible', [(1, HEAD), (2, ['测试四', A, '13800004001', '安保从业人员'])])], inline=True)
# No header anywhere.
xlsx('no-header.xlsx', [('Sheet1', 'visible', [(1, ['名单']), (2, ['张', '李'])])])

# A zip bomb: 40 MB of spaces in a sheet compress to a few tens of kilobytes.
xlsx('zip-bomb.xlsx', [('Sheet1', 'visible', [(1, HEAD)] + [(i, ['x']) for i in range(2, 42)])], pad=1 << 20)


def lie_about_sizes(src, dst):
    """Rewrites the declared uncompressed sizes of every entry to 100 bytes."""
    data = bytearray(open(src, 'rb').read())
    i = 0
    while True:
        j = data.find(b'PK\x03\x04', i)
        if j < 0:
            break
        struct.pack_into('<I', data, j + 22, 100)
        i = j + 4
    i = 0
    while True:
        j = data.find(b'PK\x01\x02', i)
        if j < 0:
            break
        struct.pack_into('<I', data, j + 24, 100)
        i = j + 4
    open(dst, 'wb').write(bytes(data))


lie_about_sizes('zip-bomb.xlsx', 'zip-bomb-lying.xlsx')

rows = [','.join(HEAD), f'测试五甲,{A},13800005001,安保从业人员', f'"测试五乙",{B},"138-0000-5002",辅警']
text = '\r\n'.join(rows) + '\r\n'
open('roster-utf8-bom.csv', 'wb').write(b'\xef\xbb\xbf' + text.encode('utf-8'))
open('roster-gb18030.csv', 'wb').write(text.encode('gb18030'))
tabbed = '\r\n'.join(r.replace(',', '\t').replace('"', '') for r in rows) + '\r\n'
open('roster-utf16le.txt', 'wb').write(b'\xff\xfe' + tabbed.encode('utf-16-le'))
open('roster-utf16be.csv', 'wb').write(b'\xfe\xff' + text.encode('utf-16-be'))
# An ID column saved from a number cell by Excel ("3.50503E+17").
open('roster-scientific.csv', 'wb').write(('\r\n'.join([','.join(HEAD), '测试六,3.50503E+17,13800006001,安保从业人员']) + '\r\n').encode('utf-8'))
