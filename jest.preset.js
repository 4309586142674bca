const nxPreset = require('@nx/jest/preset').default;

// Packages published only as ES modules (openid-client and what it imports): Jest on Node 20 cannot require() them,
// so they are compiled to CommonJS like the specs. Node itself loads them with require(esm).
const ESM_ONLY_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  ...nxPreset,
  transform: { '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, diagnostics: false }] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  setupFilesAfterEnv: [require.resolve('./tools/test/spec-timeout.js')],
};
