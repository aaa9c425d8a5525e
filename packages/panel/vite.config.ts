import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm start` (or `npm run dev --workspace packages/api`) listens: the dev server proxies the API there. */
const API_ORIGIN = process.env.API_ORIGIN ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // Same origin for the browser in development too: the access token cookie needs no CORS. The
      // WebSocket handshake is refused from origins other than the API's own, so the proxy, which
      // stands in for that origin, says so.
      '/api': { target: API_ORIGIN, ws: true, headers: { origin: API_ORIGIN } },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
