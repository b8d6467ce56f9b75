import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { setPasswordChangeHandler, setUnauthorizedHandler } from './api/request'
import { forgetSession, session } from './session'
import './style.css'

// A 401 from the API: the session ended (expired, signed out elsewhere, revoked). Back to the
// sign-in page, which returns to the page the user was on.
setUnauthorizedHandler((error) => {
  const cur = router.currentRoute.value
  if (cur.meta.public) return
  if (session.user) {
    session.expired = true
    session.idle = !!error && error.reason === 'session.idle_timeout'
  }
  forgetSession()
  router.replace({ name: 'sign-in', query: { redirect: cur.fullPath } })
})

// The server refused a request until the password is changed (after an administrator's reset).
setPasswordChangeHandler(() => {
  if (session.user) session.user.must_change_password = true
  router.replace({ name: 'change-password' })
})

createApp(App).use(ElementPlus).use(i18n).use(router).mount('#app')
