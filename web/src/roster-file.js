// The roster template offered for download. The file a user picks is read by the server
// (POST /classes/{id}/roster/import as multipart/form-data), so the console, the API and the CLI
// apply the same rules: cell types, header detection, encodings, normalisation.
import { TEMPLATE_CSV } from './locales/roster-columns'

export function templateCsv() {
  return TEMPLATE_CSV
}

// ISO 7064 MOD 11-2 check character of a resident ID's first 17 digits (GB 11643).
export function idCheckChar(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]
  return '10X98765432'[sum % 11]
}
