import { JobName } from '../../platform/queue/queue-names';
import { DeliveryStage } from '../domain/delivery-stage';

/** The job that runs each pipeline stage. */
export const STAGE_JOB: Partial<Record<DeliveryStage, JobName>> = {
  [DeliveryStage.Unpacking]: JobName.IngestUnpack,
  [DeliveryStage.Validating]: JobName.IngestValidate,
  [DeliveryStage.Identifying]: JobName.IngestIdentify,
  [DeliveryStage.Extracting]: JobName.IngestExtract,
  [DeliveryStage.Building]: JobName.IngestBuild,
  [DeliveryStage.Storing]: JobName.IngestStore,
  [DeliveryStage.Cataloguing]: JobName.IngestCatalogue,
  [DeliveryStage.Cleaning]: JobName.IngestClean,
};
