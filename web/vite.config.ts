import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.js';

// In development the API and Socket.IO run in the server process on :3000.
const apiTarget = process.env.INTERNAL_ORIGIN ?? `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

export default defineConfig({
  plugins: [sveltekit(), paraglideVitePlugin(paraglideOptions)],
  build: {
    rolldownOptions: {
      treeshake: {
        // The shared protocol package only declares constants, types and zod schemas. Telling the
        // bundler so keeps zod (~25 kB gzip) out of the browser bundle: pages use only constants.
        moduleSideEffects: [{ test: /[\\/]server[\\/]src[\\/]protocol[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});
