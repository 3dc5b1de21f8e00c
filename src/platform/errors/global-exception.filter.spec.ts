import { BadRequestException } from '@nestjs/common';
import { GlobalExceptionFilter } from './global-exception.filter';
import { DomainError, ErrorKind, NotFoundError } from './domain.error';

describe('GlobalExceptionFilter', () => {
  const filter = new GlobalExceptionFilter();

  it('maps domain error kinds to HTTP statuses with code and correlation id', () => {
    expect(filter.toResponse(new NotFoundError('TENANT_NOT_FOUND'), 'cid-1')).toEqual({
      status: 404,
      body: { code: 'TENANT_NOT_FOUND', message: 'Not found', correlationId: 'cid-1' },
    });
    expect(filter.toResponse(new DomainError('X', ErrorKind.Conflict, 'dup'), 'c').status).toBe(409);
  });

  it('keeps validation messages from the validation pipe', () => {
    const r = filter.toResponse(new BadRequestException(['id must be a slug', 'name is empty']), 'c');
    expect(r).toEqual({ status: 400, body: { code: 'VALIDATION_FAILED', message: 'id must be a slug; name is empty', correlationId: 'c' } });
  });

  it('never leaks details of unknown errors', () => {
    const r = filter.toResponse(new Error('patient 191212121212 broke the parser'), 'c');
    expect(r).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal error', correlationId: 'c' } });
  });
});
