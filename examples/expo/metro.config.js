// The example uses the SDK from this repository (file: dependencies): Metro watches the
// repository and resolves packages from the example's own node_modules first.
const { getDefaultConfig } = require('expo/metro-config');
const path = require('node:path');

const config = getDefaultConfig(__dirname);
const repository = path.resolve(__dirname, '../..');
config.watchFolders = [repository];
config.resolver.nodeModulesPaths = [
  path.resolve(__dirname, 'node_modules'),
  path.resolve(repository, 'node_modules'),
];
module.exports = config;
