import { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import { generateDeliveries, GeneratedFormat, GeneratedType } from '@samarkiv/generator';
import { formatSettings } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { ArchiveFacade } from '../../archive/archive.facade';
import { AuthFacade } from '../../auth/auth.facade';
import { DeliveryClient } from '../deliver/delivery.client';

interface SampleSet {
  type: GeneratedType;
  format: GeneratedFormat;
  records: number;
  sourceSystem: string;
}

/** What each demo region receives: enough for search, timelines and facets to show something. */
const SAMPLES: SampleSet[] = [
  { type: 'patient-record', format: 'ccda', records: 160, sourceSystem: 'Cosmic (avvecklat)' },
  { type: 'patient-record', format: 'fhir', records: 80, sourceSystem: 'Journalia 4' },
  { type: 'finance', format: 'csv', records: 400, sourceSystem: 'Raindance' },
  { type: 'registry', format: 'csv', records: 120, sourceSystem: 'W3D3' },
];

const DEMO_TENANTS = ['region-orebro', 'region-uppsala'];
const PRODUCER = 'Demoleverantör';

/**
 * Generated deliveries for the demo regions, sent through the real delivery API and pipeline
 * (tus upload, validation, identification, AIP, storage, index) the first time the demo starts;
 * a region that already has AIPs gets nothing more.
 */
export async function loadSampleDeliveries(app: INestApplication, baseUrl: string, workDir: string, say: (line: string) => void, signal: AbortSignal): Promise<void> {
  const system = RequestContext.system('demo');
  for (const tenantId of DEMO_TENANTS) {
    const own = RequestContext.job(tenantId, 'demo-samples');
    if ((await app.get(ArchiveFacade).listAips(own, { limit: 1 })).total > 0) continue;
    const auth = app.get(AuthFacade);
    // A fresh producer per first start; an earlier, interrupted start's producer is revoked.
    for (const c of await auth.listApiClients(system, tenantId)) if (c.name === PRODUCER && !c.revokedAt) await auth.revokeApiClient(system, tenantId, c.id);
    const { token } = await auth.createApiClient(system, tenantId, { name: PRODUCER, scopes: ['deliver', 'receipts'], informationTypes: [...new Set(SAMPLES.map((s) => s.type))], expiresInDays: 1 });
    for (const s of SAMPLES) {
      if (signal.aborted) return;
      const packages = await generateDeliveries({
        type: s.type,
        format: s.format,
        records: s.records,
        seed: `demo-${tenantId}`,
        region: tenantId,
        outDir: join(workDir, tenantId, `${s.type}-${s.format}`),
        sourceSystem: s.sourceSystem,
        zip: true,
        schemaCatalog: formatSettings().schemaCatalog,
      });
      for (const p of packages) {
        if (signal.aborted) return;
        const client = new DeliveryClient({ url: baseUrl, token, informationType: s.type, sourceSystem: s.sourceSystem, submissionAgreement: `${tenantId}/demo` });
        const { delivery } = await client.deliver(p.path);
        say(`  sample delivery for ${tenantId}: ${s.records} ${s.type} records (${s.format}) ${delivery.outcome}`);
      }
    }
  }
}
