import { readAipPremisEvents } from './aip-premis.reader';

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<premis xmlns="http://www.loc.gov/premis/v3" version="3.0">
  <event xmlID="e1">
    <eventIdentifier><eventIdentifierType>local</eventIdentifierType><eventIdentifierValue>aip/event/ingestion</eventIdentifierValue></eventIdentifier>
    <eventType authority="eventType">ingestion</eventType>
    <eventDateTime>2026-01-01T00:00:00.000Z</eventDateTime>
    <eventDetailInformation><eventDetail>Delivery d-1</eventDetail></eventDetailInformation>
    <eventOutcomeInformation><eventOutcome>success</eventOutcome></eventOutcomeInformation>
    <linkingAgentIdentifier><linkingAgentIdentifierType>local</linkingAgentIdentifierType><linkingAgentIdentifierValue>software:Samarkiv/0.1.0</linkingAgentIdentifierValue><linkingAgentRole>executing program</linkingAgentRole></linkingAgentIdentifier>
  </event>
  <event xmlID="e2">
    <eventIdentifier><eventIdentifierType>local</eventIdentifierType><eventIdentifierValue>aip/event/odd</eventIdentifierValue></eventIdentifier>
    <eventType>teleportation</eventType>
    <eventDateTime>2026-01-01T00:00:00.000Z</eventDateTime>
    <eventOutcomeInformation><eventOutcome>success</eventOutcome></eventOutcomeInformation>
  </event>
  <agent xmlID="a1">
    <agentIdentifier><agentIdentifierType>local</agentIdentifierType><agentIdentifierValue>software:Samarkiv/0.1.0</agentIdentifierValue></agentIdentifier>
    <agentName>Samarkiv</agentName>
    <agentType>software</agentType>
  </agent>
</premis>`;

describe('reading an AIP PREMIS file as export provenance', () => {
  it('returns the known events with their agents and leaves unknown types out', () => {
    expect(readAipPremisEvents(XML, 'urn:aip')).toEqual([
      {
        identifier: 'urn:aip/aip/event/ingestion',
        type: 'ingestion',
        dateTime: '2026-01-01T00:00:00.000Z',
        outcome: 'success',
        detail: 'Delivery d-1',
        outcomeDetail: undefined,
        agent: { identifier: 'software:Samarkiv/0.1.0', name: 'Samarkiv', type: 'software' },
      },
    ]);
  });

  it('yields nothing for a file that is not well-formed', () => {
    expect(readAipPremisEvents('<premis><event>', 'x')).toEqual([]);
  });
});
