// The staff and citizen pages: built by Vite into dist/web, served by the service on its own origin.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { createLogger, defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/** GOV.UK Frontend's fonts and images, where its stylesheet expects them (/assets/fonts, /assets/images). */
function govukAssets() {
  return {
    name: 'signpost-govuk-assets',
    async writeBundle(options) {
      await cp(path.resolve(root, '../node_modules/govuk-frontend/dist/govuk/assets'), path.join(options.dir, 'assets'), {
        recursive: true,
      });
    },
  };
}

/** Vite's logger without two known, harmless notices about GOV.UK Frontend's stylesheet. */
function quietLogger() {
  const logger = createLogger('warn', { allowClearScreen: false });
  const known = (message) =>
    message.includes("didn't resolve at build time") || message.includes('lightningcss') || message.includes('css minify');
  for (const level of ['warn', 'warnOnce', 'info']) {
    const log = logger[level];
    logger[level] = (message, options) => {
      if (!known(String(message))) log(message, options);
    };
  }
  return logger;
}

export default defineConfig({
  customLogger: quietLogger(),
  logLevel: 'warn',
  root,
  base: '/',
  publicDir: false,
  plugins: [preact(), govukAssets()],
  // GOV.UK Frontend still carries an old Internet Explorer media hack; the minifier drops it (with a warning we hide).
  css: { lightningcss: { errorRecovery: true } },
  build: {
    outDir: path.resolve(root, '../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    // Everything from files: the Content-Security-Policy allows no inline script or style.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        chat: path.resolve(root, 'chat.html'),
        console: path.resolve(root, 'console.html'),
        portal: path.resolve(root, 'portal.html'),
      },
    },
  },
});
