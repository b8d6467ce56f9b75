#!/usr/bin/env python3
"""Writes the XLSX fixtures of tests/api/online_import_test.cc: another platform's 汇总表 and 明细表
for two synthetic trainees (no real person's data), times as spreadsheet date serials. Run it from
this directory; the outputs are committed so the build needs no Python."""
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


def xlsx(path, rows):
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}"><sheetData>']
    for rn, cells in enumerate(rows, start=1):
        out.append(f'<row r="{rn}">')
        for ci, v in enumerate(cells):
            ref = f'{col(ci)}{rn}'
            if isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>')
        out.append('</row>')
    out.append('</sheetData></worksheet>')
    parts = {
        'xl/worksheets/sheet1.xml': ''.join(out),
        'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        'xl/workbook.xml': f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    }
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def idn(n):  # tests/support/fixtures.cc ValidId(n): born 1990-03-15 in 350503
    first17 = '3505031990' + '0315' + '%03d' % n
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + '10X98765432'[sum(int(a) * b for a, b in zip(first17, w)) % 11]


def serial(day, hh, mm):  # 2021-10-<day> hh:mm as a date serial (1899-12-30 = 0)
    return round(44469 + day + (hh * 60 + mm) / 1440, 10)


people = [(10, '学员10'), (11, '学员11')]
detail = [['姓名', '身份证号', '手机号', '课程', '开始时间', '结束时间', '学习时长（分钟）', '学时', '人脸抓拍次数']]
summary = [['线上学习汇总表（盖章）'],
           ['姓名', '身份证号码', '手机号码', '学习开始时间', '学习结束时间', '职业（工种）或课程', '学习时长（分钟）', '学时', '考试成绩', '照片']]
for n, name in people:
    for day, course in [(11, '安全防范基础'), (12, '法律法规')]:
        detail.append([name, idn(n), '13800001234', course, serial(day, 8, 30), serial(day, 11, 30), 180, 4, 8])
    summary.append([name, idn(n), '13800001234', serial(11, 8, 30), serial(12, 11, 30), '保安员', 360, 8, 85, '有'])
xlsx('online-detail.xlsx', detail)
xlsx('online-summary.xlsx', summary)
