import { Fragment } from 'preact';
import type { RecordView } from '../../search/search.facade';
import type { MessageKey } from '../i18n/i18n';
import { PageHeading } from './components';
import { Layout } from './layout';
import type { PageView } from './page-view';
import { fieldText, personalId } from './record-values';

const baseName = (path: string) => path.split('/').pop() ?? path;

/**
 * One record, laid out as its information type says (sections of labelled fields), with its files
 * and a readable rendering of the original. The files are the REST API's routes: they accept the
 * session, check the read grant and log each download.
 */
export function RecordPage({ view, record }: { view: PageView; record: RecordView }) {
  const typeName = record.informationType.labels[view.locale];
  const title = record.patient ? view.t('record.titlePatient', { type: typeName, patient: personalId(record.patient.id) }) : view.t('record.title', { type: typeName });
  return (
    <Layout view={view} title={title}>
      <PageHeading title={title} />
      <p>
        <a href={`/search/${record.informationType.id}`}>{view.t('timeline.backToSearch', { type: typeName })}</a>
      </p>
      {record.sections.map((s) => (
        <section key={s.id} aria-labelledby={`section-${s.id}`}>
          <h2 id={`section-${s.id}`}>{s.labels[view.locale]}</h2>
          <dl class="facts">
            {s.fields.map((f) => (
              <Fragment key={f.name}>
                <dt>{f.labels[view.locale]}</dt>
                <dd class={f.name === 'text' ? 'body-text' : undefined}>{fieldText(view, f.kind, f.value)}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ))}
      <section aria-labelledby="files-heading">
        <h2 id="files-heading">{view.t('record.files')}</h2>
        <ul class="plain files">
          <li>
            <a href={record.source.href} download>
              {view.t('record.original', { file: baseName(record.source.file) })}
            </a>
          </li>
          {record.attachments.map((a) => (
            <li key={a.index}>
              <a href={a.href} download>
                {view.t('record.attachment', { n: a.index + 1, file: baseName(a.path) })}
              </a>
            </li>
          ))}
        </ul>
        {record.attachments.length === 0 && <p class="sub">{view.t('record.noAttachments')}</p>}
      </section>
      <section aria-labelledby="rendered-heading">
        <h2 id="rendered-heading">{view.t('record.rendered')}</h2>
        <p>
          {view.t('record.renderedIntro')}{' '}
          <a href={`/api/v1/records/${record.id}/rendered`} target="_blank" rel="noopener">
            {view.t('record.renderedOpen')}
            <span class="visually-hidden">{` (${view.t('record.newWindow')})`}</span>
          </a>
        </p>
        {/* No scripts, no forms, no same-origin rights: the rendering is shown, never run. */}
        <iframe class="rendered" src={`/api/v1/records/${record.id}/rendered`} sandbox="" title={view.t('record.rendered')} loading="lazy" />
      </section>
      <section aria-labelledby="origin-heading">
        <h2 id="origin-heading">{view.t('record.provenance')}</h2>
        <dl class="facts">
          <dt>{view.t('record.sourceSystem')}</dt>
          <dd>{record.source.system}</dd>
          <dt>{view.t('record.sourceRecordId')}</dt>
          <dd class="mono">{record.source.recordId}</dd>
          <dt>{view.t('record.tier')}</dt>
          <dd>{view.t(`tier.${record.tier}` as MessageKey)}</dd>
          <dt>{view.t('record.delivery')}</dt>
          <dd class="mono">{record.source.deliveryId}</dd>
          <dt>{view.t('record.aip')}</dt>
          <dd class="mono">{record.source.aipId}</dd>
        </dl>
      </section>
    </Layout>
  );
}
