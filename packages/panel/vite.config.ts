import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm start` (or `npm run dev --workspace packages/api`) listens: the dev server proxies the API there. */
const API_ORIGIN = process.env.API_ORIGIN ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // Same origin for the browser in development too: the access token cookie and the WebSocket need no CORS.
    proxy: { '/api': { target: API_ORIGIN, ws: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
