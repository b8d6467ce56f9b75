// The shell's responsive state: the device class from the window width, the sidebar's collapse
// (the user's choice on a desktop is remembered; a tablet starts collapsed to icons) and the
// phone's navigation drawer.
import { reactive } from 'vue'

export const PHONE_MAX = 767 // up to here: a phone, the menu is a drawer
export const TABLET_MAX = 1199 // up to here: a tablet, the sidebar starts collapsed

const KEY = 'anpei.sidebarCollapsed'

export function deviceOf(width) {
  if (width <= PHONE_MAX) return 'phone'
  if (width <= TABLET_MAX) return 'tablet'
  return 'desktop'
}

function stored() {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

const width = () => (typeof window === 'undefined' ? 1440 : window.innerWidth)

export const layout = reactive({
  device: deviceOf(width()),
  collapsed: false,
  drawerOpen: false,
})

function initialCollapse() {
  if (layout.device === 'tablet') return true
  return stored() === '1'
}
layout.collapsed = initialCollapse()

export function toggleSidebar() {
  if (layout.device === 'phone') {
    layout.drawerOpen = !layout.drawerOpen
    return
  }
  layout.collapsed = !layout.collapsed
  if (layout.device === 'desktop') {
    try {
      localStorage.setItem(KEY, layout.collapsed ? '1' : '0')
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('resize', () => {
    const d = deviceOf(width())
    if (d === layout.device) return
    layout.device = d
    layout.drawerOpen = false
    layout.collapsed = initialCollapse()
  })
}
