import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError, ErrorKind } from './domain.error';
import { correlationIdOf } from '../context/correlation-id';

const STATUS: Record<ErrorKind, number> = {
  [ErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorKind.Invalid]: HttpStatus.BAD_REQUEST,
  [ErrorKind.Conflict]: HttpStatus.CONFLICT,
  [ErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorKind.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
};

export interface ErrorBody {
  code: string;
  message: string;
  correlationId: string;
  details?: Record<string, unknown>;
}

/** The one place where errors become HTTP answers. Unknown errors give 500 with no detail. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const correlationId = correlationIdOf(req);
    const { status, body } = this.toResponse(exception, correlationId);
    if (status >= 500) {
      // Log the type and stack, never request bodies: they may hold patient data.
      this.logger.error({ correlationId, err: exception instanceof Error ? { name: exception.name, stack: exception.stack } : String(exception) }, 'unhandled error');
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  }

  toResponse(exception: unknown, correlationId: string): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: STATUS[exception.kind],
        body: { code: exception.code, message: exception.message, correlationId, ...(exception.details ? { details: exception.details } : {}) },
      };
    }
    if (exception instanceof ThrottlerException) {
      return { status: 429, body: { code: 'RATE_LIMITED', message: 'Too many requests, slow down', correlationId } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'object' && response !== null && 'message' in response ? (response as { message: unknown }).message : exception.message;
      return {
        status,
        body: {
          code: status === 404 ? 'NOT_FOUND' : status === 400 ? 'VALIDATION_FAILED' : `HTTP_${status}`,
          message: Array.isArray(message) ? message.join('; ') : String(message),
          correlationId,
        },
      };
    }
    return { status: 500, body: { code: 'INTERNAL', message: 'Internal error', correlationId } };
  }
}
