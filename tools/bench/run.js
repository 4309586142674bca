#!/usr/bin/env node
// `npm run bench [-- rows]`: bundles tools/bench/*.bench.ts with esbuild (which follows the
// tsconfig path aliases; packages stay external) and runs each in its own process.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const pkg = require(path.join(ROOT, 'package.json'));
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].flatMap((name) => [name, `${name}/*`]);
const outDir = path.join(ROOT, 'tmp', 'bench');

// esbuild drops decorator metadata, which Nest's dependency injection needs: TypeScript goes through SWC.
const decoratorMetadata = {
  name: 'swc-decorator-metadata',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const { code } = require('@swc/core').transformSync(source, {
        filename: args.path,
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: false,
      });
      // A bundle's __dirname is tmp/bench: files that find the repository from their own folder (the e2e
      // support helpers a bench reuses) get theirs back.
      const own = /\b__dirname\b/.test(code) ? `const __dirname = ${JSON.stringify(path.dirname(args.path))};\n` : '';
      return { contents: own + code, loader: 'js' };
    });
  },
};

const benches = fs.readdirSync(__dirname).filter((file) => file.endsWith('.bench.ts'));
const only = process.env['BENCH'];
let failed = false;
(async () => {
  for (const file of benches.filter((name) => !only || name.startsWith(only))) {
    const outfile = path.join(outDir, file.replace(/\.ts$/, '.js'));
    await require('esbuild').build({
      entryPoints: [path.join(__dirname, file)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile,
      external,
      tsconfig: path.join(ROOT, 'tsconfig.base.json'),
      logLevel: 'warning',
      plugins: [decoratorMetadata],
    });
    console.log(`\n## ${file}`);
    const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
    failed ||= result.status !== 0;
  }
  process.exit(failed ? 1 : 0);
})();
