import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { appConfig } from '../config/settings';
import { correlationIdOf } from '../context/correlation-id';

/**
 * Structured JSON logs. Requests are logged as method + path + status only: query strings,
 * bodies, cookies and authorization headers can carry patient data or secrets and are never logged.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => ({
        pinoHttp: {
          level: app.logLevel,
          genReqId: (req: IncomingMessage) => correlationIdOf(req),
          customAttributeKeys: { reqId: 'correlationId' },
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          serializers: {
            req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], correlationId: req.id }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          redact: { paths: ['req.headers', 'req.body', 'req.query'], remove: true },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
