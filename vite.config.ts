import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;

/**
 * Writes every text file of the build once more as `.br` (brotli at its best, quality 11) and `.gz`
 * beside itself. Compressing that hard takes a second per megabyte: done once here, the server
 * (app.ts, `preCompressed`) sends the smallest copy a browser accepts without compressing per request.
 * A copy that would not be smaller is not written; the server then sends the file itself.
 */
function precompress(): Plugin {
  return {
    name: "tillit:precompress",
    apply: "build",
    async writeBundle({ dir }, bundle) {
      if (!dir) return;
      const files = Object.keys(bundle).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(dir, file);
          const content = await readFile(full);
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzip(content, { level: 9 }),
          ]);
          if (br.length < content.length) await writeFile(`${full}.br`, br);
          if (gz.length < content.length) await writeFile(`${full}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: "dist/web",
    emptyOutDir: true,
    // echarts (one chunk, drawn on the chart pages only) is 520 kB; every other chunk is far below.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // A module's page chunk is named after the module (`inventory-….js`), not after its `pages.ts`.
        chunkFileNames: ({ facadeModuleId }) => {
          const module = facadeModuleId?.match(/pages[\\/](\w+)[\\/]pages\.ts$/)?.[1];
          return `assets/${module ? `${module}-pages` : "[name]"}-[hash].js`;
        },
        // echarts and its renderer arrive as one chunk where a chart is drawn (chart.tsx imports them
        // on first use), instead of ten small ones requested one after the other.
        codeSplitting: { groups: [{ name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ }] },
      },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
