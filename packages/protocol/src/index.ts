export * from './tracking.js';
