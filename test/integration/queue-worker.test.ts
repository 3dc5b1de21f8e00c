import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { JobName } from '../../src/platform/queue/queue-names';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { useTestEnvironment, uniq, waitFor } from '../support/test-env';

describe('queues and the worker role (real Redis)', () => {
  let api: INestApplicationContext;
  let worker: INestApplicationContext;
  let storageRoot: string;

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment());
    api = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
    await api.init();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('a tenant created by the API is provisioned by a separate worker, exactly once per job id', async () => {
    const id = `region-q-${uniq()}`;
    await api.get(TenancyFacade).createTenant(RequestContext.system('test'), { id, name: 'Q', organisationNumber: '232100-0001', archiveAuthorityName: 'Arkiv' });
    const queue = api.get(JobQueueService).queue(JobName.TenantProvision);
    const jobId = `tenant.provision.${id}.initial`;
    expect(await queue.getJobState(jobId)).toBe('waiting'); // no worker yet

    // Enqueueing the same work again is deduplicated by the deterministic job id.
    await api.get(JobQueueService).enqueue(JobName.TenantProvision, { tenantId: id }, 'initial');
    expect(await queue.getJobCounts('waiting')).toMatchObject({ waiting: 1 });

    worker = await NestFactory.createApplicationContext(AppModule.forRole(ProcessRole.Worker), { logger: false });
    await worker.init();
    await waitFor(async () => (await queue.getJobState(jobId)) === 'completed');
    expect(existsSync(join(storageRoot, 'tenants', id, 'staging'))).toBe(true);
    expect(existsSync(join(storageRoot, 'tenants', id, 'quarantine'))).toBe(true);
    const job = await queue.getJob(jobId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.opts.attempts).toBe(5); // central defaults applied
  });

  it('closing the worker finishes the job it has taken instead of abandoning it', async () => {
    const id = `region-d-${uniq()}`;
    const queue = api.get(JobQueueService).queue(JobName.TenantProvision);
    const jobId = `tenant.provision.${id}.initial`;
    await api.get(TenancyFacade).createTenant(RequestContext.system('test'), { id, name: 'D', organisationNumber: '232100-0002', archiveAuthorityName: 'Arkiv' });
    await waitFor(async () => ['active', 'completed'].includes(await queue.getJobState(jobId)));
    await worker.close();
    worker = undefined as unknown as INestApplicationContext;
    expect(await queue.getJobState(jobId)).toBe('completed');
    expect(existsSync(join(storageRoot, 'tenants', id, 'staging'))).toBe(true);
  });
});
