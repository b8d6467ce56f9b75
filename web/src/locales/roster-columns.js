// The CSV template offered for download (the server accepts the usual column-name variants too:
// 身份证号码、公民身份号码、联系电话、`*` marks, title rows above the header). Its sample ID number
// is the published GB 11643 example, with a valid check digit.
export const TEMPLATE_FILE_NAME = '花名册模板.csv'

export const TEMPLATE_CSV = '\uFEFF姓名,身份证号,手机号,人员类别\n张三,11010519491231002X,13800000000,安保从业人员\n'
