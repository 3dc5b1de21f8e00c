import { DeliveryStage, isPast, nextStage, PIPELINE } from './delivery-stage';

describe('delivery stages', () => {
  it('run in pipeline order from the upload to acceptance', () => {
    const order = [DeliveryStage.AwaitingUpload];
    while (order[order.length - 1] !== DeliveryStage.Accepted) order.push(nextStage(order[order.length - 1]));
    expect(order).toEqual([DeliveryStage.AwaitingUpload, ...PIPELINE, DeliveryStage.Accepted]);
    expect(() => nextStage(DeliveryStage.Accepted)).toThrow();
    expect(() => nextStage(DeliveryStage.Rejected)).toThrow();
  });

  it('tell a repeated job whether its stage is done', () => {
    expect(isPast(DeliveryStage.Building, DeliveryStage.Validating)).toBe(true);
    expect(isPast(DeliveryStage.Validating, DeliveryStage.Validating)).toBe(false);
    expect(isPast(DeliveryStage.Unpacking, DeliveryStage.Storing)).toBe(false);
    for (const end of [DeliveryStage.Accepted, DeliveryStage.Rejected, DeliveryStage.Failed]) expect(isPast(end, DeliveryStage.Unpacking)).toBe(true);
  });
});
