// Certificates (结业证书, issue 15): a class's certificates (issue, list, revoke), a certificate's
// PDF, the trainee's own, and the public verification by code (no sign-in).
import { request } from './request'

export const listClassCertificates = (classId) => request('GET', `/classes/${classId}/certificates`)
export const issueCertificates = (classId, version) =>
  request('POST', `/classes/${classId}/certificates`, { body: version ? { version } : {} })
export const revokeCertificate = (id, reason) => request('POST', `/certificates/${id}/revoke`, { body: { reason } })
export const certificatePdfPath = (id) => `/certificates/${id}.pdf`
export const listMyCertificates = () => request('GET', '/me/certificates')
export const myCertificatePdfPath = (id) => `/me/certificates/${id}.pdf`

// The public check: the certificate by its code and, when the QR code's d and s are given, whether
// the signature holds and a field-by-field comparison.
export const verifyCertificate = (code, d, s) =>
  request('GET', `/public/certificates/${encodeURIComponent(code)}`, { params: { d, s } })

// The order the page shows the material fields in (the labels come from the locale).
export const CERTIFICATE_FIELDS = [
  'number',
  'holder',
  'occupation_name',
  'level',
  'institution',
  'class_start',
  'class_end',
  'issued',
  'policy',
]
