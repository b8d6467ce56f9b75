import { createRouter, createWebHistory } from 'vue-router'
import { PERMISSIONS, loadSession, mustChangePassword, session } from './session'

// meta.public: reachable without signing in. meta.permission: only a user the server grants this
// permission may open the page — for anyone else App.vue shows the "不存在或无权访问" page in place
// (the URL stays as typed). meta.title: the page's title (an i18n key: browser tab, breadcrumb, tabs);
// meta.nav: the menu entry it belongs to; meta.parent: the route (by name) the breadcrumb puts
// between that entry and the page.
const CLASS_EDIT = PERMISSIONS.editInstitutionData
const routes = [
  {
    path: '/',
    name: 'dashboard',
    component: () => import('./pages/Dashboard.vue'),
    meta: { nav: 'dashboard', title: 'nav.dashboard' },
  },
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('./pages/SignIn.vue'),
    meta: { public: true, bare: true, title: 'nav.signIn' },
  },
  {
    path: '/institutions',
    name: 'institutions',
    component: () => import('./pages/Institutions.vue'),
    meta: { nav: 'institutions', title: 'nav.institutions' },
  },
  {
    path: '/institutions/:id',
    name: 'institution',
    component: () => import('./pages/InstitutionDetail.vue'),
    props: true,
    meta: { nav: 'institutions', title: 'layout.pages.institution' },
  },
  {
    path: '/teachers',
    name: 'teachers',
    component: () => import('./pages/Teachers.vue'),
    meta: { nav: 'teachers', title: 'nav.teachers' },
  },
  {
    path: '/trainees',
    name: 'trainees',
    component: () => import('./pages/Trainees.vue'),
    meta: { nav: 'trainees', title: 'nav.trainees' },
  },
  {
    path: '/held-enrolments',
    name: 'held-enrolments',
    component: () => import('./pages/HeldEnrolments.vue'),
    meta: { nav: 'heldEnrolments', title: 'nav.heldEnrolments', permission: PERMISSIONS.reviewEnrolments },
  },
  {
    path: '/online-platforms',
    name: 'online-platforms',
    component: () => import('./pages/OnlinePlatforms.vue'),
    meta: { nav: 'onlinePlatforms', title: 'nav.onlinePlatforms', permission: PERMISSIONS.adminOnlinePlatforms },
  },
  {
    path: '/exclusion-lists',
    name: 'exclusion-lists',
    component: () => import('./pages/ExclusionLists.vue'),
    meta: { nav: 'exclusionLists', title: 'nav.exclusionLists', permission: PERMISSIONS.importExclusions },
  },
  {
    path: '/classes',
    name: 'classes',
    component: () => import('./pages/Classes.vue'),
    meta: { nav: 'classes', title: 'nav.classes' },
  },
  {
    path: '/review-queue',
    name: 'review-queue',
    component: () => import('./pages/ReviewQueue.vue'),
    meta: { nav: 'reviewQueue', title: 'nav.reviewQueue', permission: PERMISSIONS.reviewClasses },
  },
  {
    path: '/notices',
    name: 'notices',
    component: () => import('./pages/Notices.vue'),
    meta: { nav: 'notices', title: 'nav.notices', permission: PERMISSIONS.readNotices },
  },
  {
    path: '/spot-checks',
    name: 'spot-checks',
    component: () => import('./pages/SpotChecks.vue'),
    meta: { nav: 'spotChecks', title: 'spot.title', permission: PERMISSIONS.spotCheck },
  },
  {
    path: '/cases',
    name: 'cases',
    component: () => import('./pages/Cases.vue'),
    meta: { nav: 'cases', title: 'cases.title', permission: PERMISSIONS.readCases },
  },
  {
    path: '/cases/:id',
    name: 'case',
    component: () => import('./pages/CaseDetail.vue'),
    meta: { nav: 'cases', title: 'cases.detailTitle', permission: PERMISSIONS.readCases },
  },
  {
    path: '/blacklist',
    name: 'blacklist',
    component: () => import('./pages/Blacklist.vue'),
    meta: { nav: 'blacklist', title: 'blacklist.title', permission: PERMISSIONS.readBlacklist },
  },
  {
    path: '/reports',
    name: 'reports',
    component: () => import('./pages/Reports.vue'),
    meta: { nav: 'reports', title: 'reports.title', permission: PERMISSIONS.readReports },
  },
  {
    path: '/fund-requests',
    name: 'fund-requests',
    component: () => import('./pages/FundRequests.vue'),
    meta: { nav: 'fundRequests', title: 'funds.title', permission: PERMISSIONS.readFunds },
  },
  {
    path: '/fund-requests/:id',
    name: 'fund-request',
    component: () => import('./pages/FundRequestDetail.vue'),
    meta: { nav: 'fundRequests', title: 'funds.detailNav', permission: PERMISSIONS.readFunds },
  },
  {
    path: '/clawbacks',
    name: 'clawbacks',
    component: () => import('./pages/Clawbacks.vue'),
    meta: { nav: 'clawbacks', title: 'clawbacks.title', permission: PERMISSIONS.readClawbacks },
  },
  {
    path: '/publicity/batches',
    name: 'publicity-batches',
    component: () => import('./pages/Publicity.vue'),
    meta: { nav: 'publicity', title: 'publicity.title', permission: PERMISSIONS.readPublicity },
  },
  {
    path: '/publicity/batches/:id',
    name: 'publicity-batch',
    component: () => import('./pages/PublicityBatch.vue'),
    meta: { nav: 'publicity', title: 'publicity.detailTitle', permission: PERMISSIONS.readPublicity },
  },
  {
    // The public publicity list and objection form (contract.md): no sign-in, the public layout.
    path: '/publicity',
    name: 'public-publicity',
    component: () => import('./pages/PublicPublicity.vue'),
    meta: { public: true, bare: true, title: 'publicPublicity.title' },
  },
  {
    path: '/publicity/objections/:receipt',
    name: 'objection-receipt',
    component: () => import('./pages/ObjectionReceipt.vue'),
    meta: { public: true, bare: true, title: 'publicPublicity.receiptTitle' },
  },
  {
    path: '/classes/new',
    name: 'class-new',
    component: () => import('./pages/PlanEditor.vue'),
    meta: { nav: 'classes', title: 'nav.newClass', permission: CLASS_EDIT },
  },
  {
    path: '/classes/:id',
    name: 'class',
    component: () => import('./pages/ClassDetail.vue'),
    props: true,
    meta: { nav: 'classes', title: 'layout.pages.class' },
  },
  {
    path: '/classes/:id/plan',
    name: 'class-plan',
    component: () => import('./pages/PlanEditor.vue'),
    props: true,
    meta: { nav: 'classes', parent: 'class', title: 'layout.pages.classPlan', permission: CLASS_EDIT },
  },
  {
    path: '/classes/:id/roster-import',
    name: 'roster-import',
    component: () => import('./pages/RosterImport.vue'),
    props: true,
    meta: { nav: 'classes', parent: 'class', title: 'layout.pages.rosterImport', permission: CLASS_EDIT },
  },
  {
    path: '/classes/:id/change-requests',
    name: 'class-change-requests',
    component: () => import('./pages/ClassChangeRequests.vue'),
    props: true,
    meta: { nav: 'classes', parent: 'class', title: 'layout.pages.classChangeRequests' },
  },
  {
    path: '/classes/:id/sessions/:seq/screen',
    name: 'attendance-screen',
    component: () => import('./pages/TeacherScreen.vue'),
    props: true,
    meta: { bare: true, title: 'attendance.screenTitle' },
  },
  {
    // The public check of a certificate (contract.md): no sign-in, the public layout.
    path: '/verify/:code',
    name: 'verify-certificate',
    component: () => import('./pages/VerifyCertificate.vue'),
    meta: { public: true, bare: true, title: 'verify.title' },
  },
  {
    path: '/m/check-in',
    name: 'mobile-check-in',
    component: () => import('./pages/MobileCheckIn.vue'),
    meta: { public: true, bare: true, title: 'mobile.title' },
  },
  {
    path: '/attendance-exceptions',
    name: 'attendance-exceptions',
    component: () => import('./pages/AttendanceExceptions.vue'),
    meta: {
      nav: 'attendanceExceptions',
      title: 'nav.attendanceExceptions',
      permission: PERMISSIONS.reviewAttendanceExceptions,
    },
  },
  {
    path: '/change-requests',
    name: 'change-requests',
    component: () => import('./pages/ChangeRequests.vue'),
    meta: { nav: 'changeRequests', title: 'nav.changeRequests' },
  },
  {
    path: '/change-requests/:id',
    name: 'change-request',
    component: () => import('./pages/ChangeRequests.vue'),
    props: true,
    meta: { nav: 'changeRequests', title: 'nav.changeRequests' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('./pages/ChangePassword.vue'),
    meta: { bare: true, title: 'layout.pages.changePassword' },
  },
  {
    path: '/tokens',
    name: 'tokens',
    component: () => import('./pages/Tokens.vue'),
    meta: { nav: 'tokens', title: 'nav.tokens' },
  },
  {
    path: '/users',
    name: 'users',
    component: () => import('./pages/Users.vue'),
    meta: { nav: 'users', title: 'nav.users', permission: PERMISSIONS.adminUsers },
  },
  {
    path: '/calendar',
    name: 'calendar',
    component: () => import('./pages/Calendar.vue'),
    meta: { nav: 'calendar', title: 'nav.calendar', permission: PERMISSIONS.adminCalendar },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./pages/Audit.vue'),
    meta: { nav: 'audit', title: 'nav.audit', permission: PERMISSIONS.audit },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/NotFound.vue'),
    meta: { title: 'notFound.title' },
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
})

// Only same-site paths are followed after signing in (no open redirect).
export function safeRedirect(target) {
  return typeof target === 'string' &&
    target.startsWith('/') &&
    !target.startsWith('//') &&
    !target.startsWith('/sign-in')
    ? target
    : '/'
}

router.beforeEach(async (to) => {
  if (!session.checked) await loadSession()
  if (to.name === 'sign-in' && session.user) return safeRedirect(to.query.redirect)
  if (to.meta.public) return true
  if (!session.user) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (mustChangePassword() && to.name !== 'change-password') return { name: 'change-password' }
  return true
})
