import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Samarkiv API')
    .setDescription('Shared e-archive for Swedish regions: deliveries (E-ARK SIP / FGS), search, final archive and audit.')
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API-client token' }, 'api-client')
    .addCookieAuth('samarkiv.sid', { type: 'apiKey', in: 'cookie' }, 'session')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function mountOpenApi(app: INestApplication, version: string): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app, version), { jsonDocumentUrl: 'api/docs/openapi.json' });
}
