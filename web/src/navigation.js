// The console's menu and the titles of its pages, shared by the sidebar, the breadcrumb, the
// tabs of open pages and the browser tab's title.
import { markRaw } from 'vue'
import {
  Avatar,
  Bell,
  Calendar,
  Camera,
  Connection,
  Finished,
  EditPen,
  Aim,
  Warning,
  CircleClose,
  Key,
  Odometer,
  OfficeBuilding,
  Reading,
  Stamp,
  Tickets,
  User,
  UserFilled,
  DocumentDelete,
  DataAnalysis,
  Promotion,
  Money,
  RefreshLeft,
} from '@element-plus/icons-vue'
import { can, isInstitutionUser, session } from './session'

const ICONS = {
  dashboard: Odometer,
  institutions: OfficeBuilding,
  teachers: Avatar,
  trainees: User,
  classes: Reading,
  heldEnrolments: Stamp,
  reviewQueue: Finished,
  changeRequests: EditPen,
  attendanceExceptions: Camera,
  notices: Bell,
  users: UserFilled,
  tokens: Key,
  calendar: Calendar,
  audit: Tickets,
  spotChecks: Aim,
  cases: Warning,
  blacklist: CircleClose,
  onlinePlatforms: Connection,
  exclusionLists: DocumentDelete,
  reports: DataAnalysis,
  publicity: Promotion,
  fundRequests: Money,
  clawbacks: RefreshLeft,
}

// The menu shows only what the signed-in role can use; an institution user's "institution"
// entry is their own institution. Each item: {key, label (i18n key), path, icon}.
export function menuItems() {
  if (!session.user) return []
  const items = []
  const add = (key, path, label = `nav.${key}`) => items.push({ key, label, path, icon: markRaw(ICONS[key]) })
  if (can.useConsole()) add('dashboard', '/')
  if (can.pickInstitution()) add('institutions', '/institutions')
  else if (isInstitutionUser()) add('institutions', `/institutions/${session.user.institution_id}`, 'nav.myInstitution')
  if (can.useConsole()) {
    add('teachers', '/teachers')
    add('trainees', '/trainees')
    add('classes', '/classes')
  }
  if (can.reviewClasses()) add('reviewQueue', '/review-queue')
  if (can.reviewEnrolments()) add('heldEnrolments', '/held-enrolments')
  if (can.reviewChanges()) add('changeRequests', '/change-requests')
  if (can.reviewAttendanceExceptions()) add('attendanceExceptions', '/attendance-exceptions')
  if (can.readNotices()) add('notices', '/notices')
  if (can.spotCheck()) add('spotChecks', '/spot-checks', 'spot.title')
  if (can.readCases()) add('cases', '/cases', 'cases.title')
  if (can.readBlacklist()) add('blacklist', '/blacklist', 'blacklist.title')
  if (can.readReports()) add('reports', '/reports', 'reports.title')
  if (can.readPublicity()) add('publicity', '/publicity/batches', 'publicity.title')
  if (can.readFunds()) add('fundRequests', '/fund-requests', 'funds.title')
  if (can.readClawbacks()) add('clawbacks', '/clawbacks', 'clawbacks.title')
  if (can.adminUsers()) {
    add('users', '/users')
    add('tokens', '/tokens')
  }
  if (can.adminOnlinePlatforms()) add('onlinePlatforms', '/online-platforms')
  if (can.importExclusions()) add('exclusionLists', '/exclusion-lists')
  if (can.adminCalendar()) add('calendar', '/calendar')
  if (can.audit()) add('audit', '/audit')
  return items
}

// The i18n key of a route's title: the menu item's label when the route is that item's page
// (an institution user's own institution is "本机构"), else the route's meta.title.
export function titleKeyOf(route, items = menuItems()) {
  const item = items.find((m) => m.path === route.path)
  if (item) return item.label
  return (route.meta && route.meta.title) || 'app.title'
}

// The breadcrumb of a route: [{label (i18n key), path (null for the current page)}]. Home, the
// menu item the page belongs to (meta.nav), the parent page (meta.parent: a route name resolved
// with the current params), then the page itself.
export function breadcrumbOf(route, router, items = menuItems()) {
  const home = items.find((m) => m.key === 'dashboard')
  const out = []
  const current = { label: titleKeyOf(route, items), path: null }
  if (home && route.path !== home.path) out.push({ label: home.label, path: home.path })
  const nav = route.meta && route.meta.nav
  const item = nav && nav !== 'dashboard' ? items.find((m) => m.key === nav) : null
  if (item && item.path !== route.path) out.push({ label: item.label, path: item.path })
  const parent = route.meta && route.meta.parent
  if (parent && router) {
    try {
      const r = router.resolve({ name: parent, params: route.params })
      if (r.path !== route.path && !out.some((x) => x.path === r.path)) {
        out.push({ label: titleKeyOf(r, items), path: r.path })
      }
    } catch {
      // a parent whose params are not all in this route: left out
    }
  }
  out.push(current)
  return out
}
