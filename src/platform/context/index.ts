export * from './access';
export * from './request-context';
export * from './ctx.decorator';
export * from './correlation-id';
export * from './actions';
export * from './requires.decorator';
export * from './principal-resolver';
export * from './access-refusal.recorder';
