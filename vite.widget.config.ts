import { defineConfig } from "vite";

/**
 * The chat widget, built apart from the workspace into dist/widget:
 * - default: the chat app (Preact) in the frame page Rapport serves at /widget/frame (assets under /widget/assets);
 * - `--mode loader`: the snippet's script, dist/widget/widget.js, one self-contained IIFE (no module, no globals
 *   besides window.Rapport).
 */
export default defineConfig(({ mode }) =>
  mode === "loader"
    ? {
        publicDir: false,
        build: {
          outDir: "dist/widget",
          emptyOutDir: false,
          target: "es2019",
          minify: true,
          sourcemap: false,
          lib: { entry: "src/widget/loader/index.ts", formats: ["iife"], name: "RapportLoader", fileName: () => "widget.js" },
        },
      }
    : {
        root: "src/widget/app",
        base: "/widget/",
        publicDir: false,
        oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
        build: {
          outDir: "../../../dist/widget",
          emptyOutDir: true,
          target: "es2020",
          sourcemap: true,
          modulePreload: { polyfill: false },
          rollupOptions: { input: "src/widget/app/frame.html" },
        },
      },
);
