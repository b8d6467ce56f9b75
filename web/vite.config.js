import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The C++ server (build/anpei serve) serves web/dist at "/" and the API under /api/v1.
// `npm run dev` proxies the API to a server on 127.0.0.1:8080; `npm test` runs tests/unit with vitest.
export default defineConfig({
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  // vitest: unit tests in Node (no browser needed); fetch and XMLHttpRequest are stubbed per test
  test: {
    include: ['tests/unit/**/*.test.js'],
    environment: 'node',
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
})
