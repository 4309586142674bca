import baseConfig, { noEnvironmentInLibraries } from '../../eslint.config.mjs';

export default [...baseConfig, noEnvironmentInLibraries];
