// Webpack config shared by the Node apps (API, worker): one bundle of the app and the workspace
// libraries; every npm package stays external and is loaded from node_modules.
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = function nodeAppWebpackConfig(appName) {
  return {
    output: { path: join(__dirname, '../../dist/apps', appName) },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        externalDependencies: 'all',
      }),
    ],
  };
};
