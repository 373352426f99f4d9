import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Workers are ES modules so they can import the engine like any other module.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
});
