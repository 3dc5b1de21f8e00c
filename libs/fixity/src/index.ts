export * from './digest-algorithm';
export * from './multi-hash';
export * from './threaded-hash';
