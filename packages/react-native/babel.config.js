// Jest transforms the SDK's TypeScript and React Native's own modules with React Native's preset.
module.exports = { presets: ['module:@react-native/babel-preset'] };
