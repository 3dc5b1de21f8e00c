export * from './digest-algorithm';
export * from './multi-hash';
