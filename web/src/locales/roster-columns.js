// The vocabulary of roster spreadsheets, whatever the console's language: the header names a
// column may carry (the first is the one the template uses and error messages name), and the
// CSV template offered for download. Read by roster-file.js.
export const COLUMN_NAMES = {
  name: ['姓名', '学员姓名', 'name'],
  id_number: ['身份证号', '身份证号码', '证件号码', '公民身份号码', 'id_number', 'id number', 'id'],
  phone: ['手机号', '手机号码', '联系电话', '电话', 'phone', 'mobile'],
  group: ['人员类别', '类别', '学员类别', 'group'],
}

export const TEMPLATE_FILE_NAME = '花名册模板.csv'

export const TEMPLATE_CSV = '\uFEFF姓名,身份证号,手机号,人员类别\n张三,350503199001011234,13800000000,安保从业人员\n'
