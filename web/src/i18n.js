import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN'
import en from './locales/en'

const KEY = 'anpei.locale'

function savedLocale() {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null // no localStorage (unit tests in Node, storage disabled)
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale() === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale) {
  i18n.global.locale.value = locale
  localStorage.setItem(KEY, locale)
  document.documentElement.lang = locale
}
