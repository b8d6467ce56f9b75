import { createRouter, createWebHistory } from 'vue-router'

const routes = [
  { path: '/', name: 'dashboard', component: () => import('./pages/Dashboard.vue'), meta: { nav: 'dashboard' } },
  { path: '/sign-in', name: 'sign-in', component: () => import('./pages/SignIn.vue'), meta: { nav: 'signIn' } },
  { path: '/institutions', name: 'institutions', component: () => import('./pages/Institutions.vue'), meta: { nav: 'institutions' } },
  { path: '/institutions/:id', name: 'institution', component: () => import('./pages/InstitutionDetail.vue'), props: true, meta: { nav: 'institutions' } },
  { path: '/teachers', name: 'teachers', component: () => import('./pages/Teachers.vue'), meta: { nav: 'teachers' } },
  { path: '/trainees', name: 'trainees', component: () => import('./pages/Trainees.vue'), meta: { nav: 'trainees' } },
  { path: '/classes', name: 'classes', component: () => import('./pages/Classes.vue'), meta: { nav: 'classes' } },
  { path: '/classes/new', name: 'class-new', component: () => import('./pages/PlanEditor.vue'), meta: { nav: 'classes' } },
  { path: '/classes/:id', name: 'class', component: () => import('./pages/ClassDetail.vue'), props: true, meta: { nav: 'classes' } },
  { path: '/classes/:id/plan', name: 'class-plan', component: () => import('./pages/PlanEditor.vue'), props: true, meta: { nav: 'classes' } },
  { path: '/classes/:id/roster-import', name: 'roster-import', component: () => import('./pages/RosterImport.vue'), props: true, meta: { nav: 'classes' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFound.vue') },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
})
