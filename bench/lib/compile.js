/**
 * The benchmarks' build of the app: what compileStrapi() does (@strapi/core compile.js: typescript-utils compile
 * of the app's tsconfig, incremental) into a directory of the benchmark's own, so a benchmark runs on a fresh
 * clone without `npm run build` and never measures a stale `dist`. BENCH_SKIP_COMPILE=true reuses the last build.
 */
'use strict';

const path = require('path');

const appDir = path.resolve(__dirname, '..', '..');

/** Compiles the app into `distDir` (unless BENCH_SKIP_COMPILE=true). Throws with the diagnostics printed. */
function compileApp(distDir, log = console.log) {
  if (process.env.BENCH_SKIP_COMPILE === 'true') return;
  log(`compiling the app into ${path.relative(appDir, distDir)} …`);
  const coreDir = path.dirname(require.resolve('@strapi/core/package.json'));
  const tsUtils = require(require.resolve('@strapi/typescript-utils', { paths: [coreDir] }));
  const { fileNames, options } = tsUtils.resolveConfigOptions(path.join(appDir, 'tsconfig.json'));
  const ts = require('typescript');
  const program = ts.createProgram({
    rootNames: fileNames,
    options: { ...options, outDir: distDir, incremental: true, tsBuildInfoFile: path.join(distDir, 'tsconfig.tsbuildinfo') },
  });
  const emit = program.emit();
  const diagnostics = ts.sortAndDeduplicateDiagnostics(ts.getPreEmitDiagnostics(program).concat(emit.diagnostics));
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => appDir, getNewLine: () => '\n' };
    console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  }
  if (emit.emitSkipped || diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
    throw new Error('the app does not compile (TypeScript errors above); nothing was measured');
  }
}

module.exports = { compileApp };
