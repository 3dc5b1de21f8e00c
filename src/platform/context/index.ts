export * from './access';
export * from './request-context';
export * from './ctx.decorator';
export * from './correlation-id';
