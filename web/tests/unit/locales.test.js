// Every user-visible string lives in the locale files (src/locales/): no CJK characters in the
// console's code outside them (comments may say what they like), and both locales have the same keys.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseForESLint } from 'vue-eslint-parser'
import { describe, expect, it } from 'vitest'
import en from '../../src/locales/en'
import zhCN from '../../src/locales/zh-CN'

const SRC = new URL('../../src/', import.meta.url).pathname
// CJK punctuation, kana, ideographs (and extension A), compatibility ideographs, full-width forms
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

// The source with every comment blanked out (kept the same length, so positions stay right).
function withoutComments(source, path) {
  const blank = (s, [from, to]) => s.slice(0, from) + s.slice(from, to).replace(/[^\n]/g, ' ') + s.slice(to)
  let out = source
  if (/\.(js|vue)$/.test(path)) {
    const { ast } = parseForESLint(source, { filePath: path, sourceType: 'module', ecmaVersion: 'latest' })
    const comments = [...(ast.comments || []), ...((ast.templateBody && ast.templateBody.comments) || [])]
    for (const c of comments) out = blank(out, c.range)
  }
  // CSS comments (.css files and <style> blocks)
  const inStyle = (offset) => out.lastIndexOf('<style', offset) > out.lastIndexOf('</style>', offset)
  return out.replace(/\/\*[\s\S]*?\*\//g, (m, offset) =>
    path.endsWith('.css') || inStyle(offset) ? m.replace(/[^\n]/g, ' ') : m,
  )
}

// [{line, text}] of every line with a CJK character outside comments.
function cjkOutsideComments(source, path) {
  return withoutComments(source, path)
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((l) => CJK.test(l.text))
}

describe('the scanner', () => {
  it('finds CJK in strings, templates and attributes, not in comments', () => {
    const vue = [
      '<script setup>',
      '// 注释可以写中文',
      "const a = '中文'",
      '/* 块注释 */ const b = `（${a}）`',
      '</script>',
      '<template>',
      '  <!-- 模板注释 -->',
      '  <p title="标题">{{ a }}</p>',
      '  <p>正文</p>',
      '</template>',
      '<style>',
      '/* 样式注释 */ .x { font-family: "Microsoft YaHei" }',
      '</style>',
    ].join('\n')
    expect(cjkOutsideComments(vue, 'X.vue').map((l) => l.line)).toEqual([3, 4, 8, 9])
    expect(cjkOutsideComments("// 说明\nconst s = 'ok' // 行尾注释\nconst t = '：'\n", 'x.js')).toEqual([
      { line: 3, text: "const t = '：'" },
    ])
  })
})

describe('web/src', () => {
  it('has no CJK text outside src/locales/ (comments aside)', () => {
    const found = files(SRC)
      .filter((p) => /\.(js|vue|css)$/.test(p) && !relative(SRC, p).startsWith('locales/'))
      .flatMap((p) =>
        cjkOutsideComments(readFileSync(p, 'utf8'), p).map((l) => `src/${relative(SRC, p)}:${l.line}: ${l.text}`),
      )
    expect(found, 'move these strings to src/locales/zh-CN.js and en.js').toEqual([])
  })

  it('zh-CN and en have the same message keys', () => {
    const keys = (o, prefix = '') =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      )
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })
})
