import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page's Content-Security-Policy: no eval, and scripts, workers, styles, fonts, images and
 * connections from this origin only (Monaco injects <style> elements, hence 'unsafe-inline' for
 * styles). Added at build time: the dev server's React refresh preamble is an inline script.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

function csp(): Plugin {
  return {
    name: 'kubeplay-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`),
  };
}

const yamlLibrary = /[\\/]node_modules[\\/]yaml[\\/]/;

// Workers are ES modules so they can import the engine like any other module.
export default defineConfig({
  plugins: [react(), csp()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The YAML library has no side effects on import: without saying so, the bundler keeps an import
    // of its chunk in the entry (to run it in order), and 30 KB gzip would load before the canvas
    // for the editor and kubectl, which load later.
    rolldownOptions: {
      treeshake: { moduleSideEffects: (id: string) => !yamlLibrary.test(id) },
      output: { codeSplitting: { groups: [{ name: 'yaml-lib', test: yamlLibrary }] } },
    },
  },
  server: { host: '127.0.0.1' },
});
