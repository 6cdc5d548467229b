// Vite + Vitest configuration for the Casebook front end.
// The root is `ui/`; the Tauri shell loads `ui/dist` (see tauri.conf.json) or
// the dev server on port 1420 during `tauri dev`.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const devHost = process.env.TAURI_DEV_HOST;

export default defineConfig({
  root,
  base: "./",
  // Keep Vite's and Vitest's caches in the root node_modules (git-ignored).
  cacheDir: fileURLToPath(new URL("../node_modules/.vite", import.meta.url)),
  plugins: [react()],
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    port: 1420,
    strictPort: true,
    host: devHost || false,
    hmr: devHost ? { protocol: "ws", host: devHost, port: 1421 } : undefined,
    watch: { ignored: ["**/src-tauri/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: ["es2021", "chrome105", "safari15"],
    sourcemap: Boolean(process.env.TAURI_ENV_DEBUG),
    // Loaded from disk by the desktop shell, so one larger bundle is fine.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
  },
});
