export * from './delivery.js';
export * from './eligibility.js';
export * from './message.js';
export * from './page-rules.js';
export * from './tracking.js';
