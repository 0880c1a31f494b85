import * as React from 'react';
import { useIntl } from 'react-intl';
import { RecordTable } from '../RecordTable';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { Alert, Badge, Box, Button, Flex, Loader, Modal, Radio, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft, Cross } from '@strapi/icons';
import { useT } from '../contact-panels/shared';
import { fieldLabel } from '../../../../server/src/domain/field-labels';
import { API, useProblemOf } from '../../utils/api';
import { contactTitle, percent, valueText, type ContactRef, type DryRun, type MergeResult, type Pair } from './types';

const CONTACT_DUPLICATE_UID = 'plugin::marketing-setup.contact-duplicate';

/** The caption of a contact field in the admin's language: the same captions as the Content Manager's. */
export const useContactFieldLabel = () => {
  const { locale } = useIntl();
  const lang = locale?.startsWith('nl') ? 'nl' : 'en';
  return (field: string) => fieldLabel(field, lang);
};

/** The rules that fired, as badges. */
export const RuleBadges = ({ rules }: { rules: string[] }) => {
  const t = useT();
  return (
    <Flex gap={1} wrap="wrap">
      {rules.map((rule) => (
        <Badge
          key={rule}
          backgroundColor={rule === 'fuzzy' ? 'secondary100' : 'primary100'}
          textColor={rule === 'fuzzy' ? 'secondary700' : 'primary700'}
        >
          {rule === 'fuzzy'
            ? t('dup.rule.fuzzy', 'Similar data')
            : rule === 'searchStrings'
              ? t('dup.rule.searchStrings', 'Search strings')
              : rule}
        </Badge>
      ))}
    </Flex>
  );
};

const ContactCard = ({ contact, label, testId }: { contact: ContactRef; label: string; testId: string }) => {
  const t = useT();
  return (
    <Box background="neutral100" padding={3} hasRadius flex="1" data-testid={testId}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant="omega" fontWeight="bold" tag="p">
        {contactTitle(contact)}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        {[contact.type === 'person' ? t('dup.type.person', 'Person') : t('dup.type.company', 'Company'), contact.city]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
    </Box>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Review: why the pair was reported
 * -----------------------------------------------------------------------------------------------*/

const Review = ({ pair }: { pair: Pair }) => {
  const t = useT();
  const label = useContactFieldLabel();
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="pair-review">
      <Flex gap={3} alignItems="stretch">
        <ContactCard contact={pair.contact} label={t('dup.col.contact', 'Contact')} testId="pair-contact" />
        <ContactCard
          contact={pair.duplicateContact}
          label={t('dup.col.duplicate', 'Possible duplicate')}
          testId="pair-duplicate"
        />
      </Flex>
      <Flex gap={6} wrap="wrap">
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('dup.rules', 'Rule that fired')}
          </Typography>
          <RuleBadges rules={pair.rules} />
        </Flex>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('dup.col.strings', 'Search strings')}
          </Typography>
          <Typography data-testid="pair-strings">
            {t('dup.strings.value', '{count} equal ({percent} %)', {
              count: pair.matchingStrings,
              percent: pair.hitPercent,
            })}
          </Typography>
        </Flex>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('dup.col.score', 'Similarity')}
          </Typography>
          <Typography data-testid="pair-score">{percent(pair.fuzzyScore)}</Typography>
        </Flex>
      </Flex>
      {pair.breakdown.length > 0 && (
        <RecordTable
          headers={[
            t('dup.breakdown.field', 'Compared'),
            t('dup.col.contact', 'Contact'),
            t('dup.col.duplicate', 'Possible duplicate'),
            t('dup.breakdown.score', 'Score'),
            t('dup.breakdown.weight', 'Weight'),
          ]}
          rowCount={pair.breakdown.length}
          testId="pair-breakdown"
        >
          {pair.breakdown.map((b) => (
            <Tr key={b.field} data-testid={`breakdown-${b.field}`}>
              <Td>
                <Typography fontWeight="semiBold">{t(`dup.score.${b.field}`, label(b.field))}</Typography>
              </Td>
              <Td>
                <Typography>{b.hidden ? t('dup.hidden', '(hidden)') : (b.values?.[0] ?? '—')}</Typography>
              </Td>
              <Td>
                <Typography>{b.hidden ? t('dup.hidden', '(hidden)') : (b.values?.[1] ?? '—')}</Typography>
              </Td>
              <Td>
                <Flex direction="column" alignItems="flex-start">
                  <Typography textColor={b.score >= 0.9 ? 'success600' : b.score >= 0.7 ? 'warning600' : 'neutral600'}>
                    {percent(b.score)}
                  </Typography>
                  {b.parts && (
                    <Typography variant="pi" textColor="neutral600" data-testid="breakdown-name-parts">
                      {t('dup.breakdown.nameParts', 'surname {surname} · first name {firstName}', {
                        surname: percent(b.parts.surname),
                        firstName: percent(b.parts.firstName),
                      })}
                    </Typography>
                  )}
                </Flex>
              </Td>
              <Td>
                <Typography textColor="neutral600">{percent(b.weight)}</Typography>
              </Td>
            </Tr>
          ))}
        </RecordTable>
      )}
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * Merge: which contact stays, which values it takes from the other, what moves, what stands in the way
 * -----------------------------------------------------------------------------------------------*/

interface MergeProps {
  pair: Pair;
  survivorId: string;
  onSurvivor: (documentId: string) => void;
  dryRun: DryRun | null;
  dryRunError: string | null;
  taken: Set<string>;
  onTake: (field: string, fromDuplicate: boolean) => void;
}

const Merge = ({ pair, survivorId, onSurvivor, dryRun, dryRunError, taken, onTake }: MergeProps) => {
  const t = useT();
  const label = useContactFieldLabel();
  const both = [pair.duplicateContact, pair.contact];
  // Records of the other contact that move to the one kept, and the derived ones deleted with it.
  const moved = dryRun?.moves.filter((m) => m.count > 0 && m.action !== 'drop') ?? [];
  const dropped = dryRun?.moves.filter((m) => m.count > 0 && m.action === 'drop') ?? [];
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="pair-merge">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {t('merge.keep', 'Keep')}
        </Typography>
        <Radio.Group
          value={survivorId}
          onValueChange={onSurvivor}
          aria-label={t('merge.keep', 'Keep')}
          data-testid="merge-survivor"
        >
          <Flex gap={6}>
            {both.map((c) => (
              <Radio.Item key={c.documentId} value={c.documentId} data-testid={`merge-keep-${c.documentId}`}>
                {contactTitle(c)}
              </Radio.Item>
            ))}
          </Flex>
        </Radio.Group>
        <Typography variant="pi" textColor="neutral600">
          {t(
            'merge.keep.hint',
            'The other contact is deleted; its related records move to the one you keep. A merge can be undone from the merge log.',
          )}
        </Typography>
      </Flex>
      {dryRunError ? (
        <Alert
          variant="danger"
          closeLabel={t('action.close', 'Close')}
          title={t('merge.dryRun.failed', 'The merge cannot be prepared')}
        >
          {dryRunError}
        </Alert>
      ) : !dryRun || dryRun.survivor.documentId !== survivorId ? (
        <Loader small>{t('merge.preparing', 'Comparing the two contacts…')}</Loader>
      ) : (
        <>
          {dryRun.conflicts.length > 0 && (
            <Alert
              variant="danger"
              closeLabel={t('action.close', 'Close')}
              title={t('merge.conflicts', 'These contacts cannot be merged')}
              data-testid="merge-conflicts"
            >
              {dryRun.conflicts.map((c) => c.message).join(' ')}
            </Alert>
          )}
          {dryRun.differences.length === 0 ? (
            <Typography textColor="neutral600" data-testid="merge-no-differences">
              {t('merge.noDifferences', 'The two contacts hold the same values: nothing to choose.')}
            </Typography>
          ) : (
            <RecordTable
              headers={[
                t('merge.field', 'Field'),
                t('merge.survivorValue', 'Keep {contact}', { contact: dryRun.survivor.no ?? '' }),
                t('merge.duplicateValue', 'Take from {contact}', { contact: dryRun.duplicate.no ?? '' }),
              ]}
              rowCount={dryRun.differences.length}
              testId="merge-fields"
            >
              {dryRun.differences.map((d) => {
                const fromDuplicate = taken.has(d.field);
                return (
                  <Tr
                    key={d.field}
                    data-testid={`merge-field-${d.field}`}
                    data-choice={fromDuplicate ? 'duplicate' : 'survivor'}
                  >
                    <Td>
                      <Typography fontWeight="semiBold">{label(d.field)}</Typography>
                    </Td>
                    {([false, true] as const).map((side) => (
                      <Td key={String(side)}>
                        <Radio.Group
                          value={fromDuplicate ? 'duplicate' : 'survivor'}
                          onValueChange={(v) => onTake(d.field, v === 'duplicate')}
                          aria-label={label(d.field)}
                        >
                          <Radio.Item
                            value={side ? 'duplicate' : 'survivor'}
                            data-testid={`merge-field-${d.field}-${side ? 'duplicate' : 'survivor'}`}
                          >
                            <Typography
                              textColor={
                                valueText(side ? d.duplicate : d.survivor) === null ? 'neutral500' : 'neutral800'
                              }
                            >
                              {d.hidden
                                ? t('dup.hidden', '(hidden)')
                                : (valueText(side ? d.duplicate : d.survivor) ?? t('merge.blank', '(blank)'))}
                            </Typography>
                          </Radio.Item>
                        </Radio.Group>
                      </Td>
                    ))}
                  </Tr>
                );
              })}
            </RecordTable>
          )}
          <Flex direction="column" alignItems="stretch" gap={1} data-testid="merge-moves">
            <Typography variant="sigma" textColor="neutral600">
              {t('merge.moves', 'Records that move to {contact}', { contact: contactTitle(dryRun.survivor) })}
            </Typography>
            {moved.length === 0 ? (
              <Typography variant="pi" textColor="neutral600">
                {t('merge.moves.none', 'No records refer to the contact that is deleted.')}
              </Typography>
            ) : (
              moved.map((m) => (
                <Typography key={`${m.uid}.${m.attribute}`} variant="pi" data-testid={`merge-move-${m.attribute}`}>
                  {moved.filter((o) => o.uid === m.uid).length > 1
                    ? t('merge.moveVia', '{count} × {type}, by their {field}', {
                        count: m.count,
                        type: m.displayName,
                        field: label(m.attribute),
                      })
                    : t('merge.move', '{count} × {type}', { count: m.count, type: m.displayName })}
                </Typography>
              ))
            )}
          </Flex>
          {dropped.length > 0 && (
            <Flex direction="column" alignItems="stretch" gap={1} data-testid="merge-drops">
              <Typography variant="sigma" textColor="neutral600">
                {t('merge.drops', 'Deleted with {contact}', { contact: contactTitle(dryRun.duplicate) })}
              </Typography>
              {dropped.map((m) => (
                <Typography key={`${m.uid}.${m.attribute}`} variant="pi" data-testid={`merge-drop-${m.uid}`}>
                  {m.uid === 'search-strings'
                    ? t('merge.drop.searchStrings', '{count} × search string (rebuilt for the contact you keep)', {
                        count: m.count,
                      })
                    : m.uid === CONTACT_DUPLICATE_UID
                      ? t('merge.drop.pairs', '{count} × possible duplicate pair with this contact', {
                          count: m.count,
                        })
                      : t('merge.move', '{count} × {type}', { count: m.count, type: m.displayName })}
                </Typography>
              ))}
            </Flex>
          )}
        </>
      )}
    </Flex>
  );
};

/* -------------------------------------------------------------------------------------------------
 * The modal
 * -----------------------------------------------------------------------------------------------*/

interface PairModalProps {
  pair: Pair | null;
  canMerge: boolean;
  onClose: () => void;
  /** The pair was separated or merged: the list reloads. */
  onDone: () => void;
}

export const PairModal = ({ pair, canMerge, onClose, onDone }: PairModalProps) => {
  const t = useT();
  const { post } = useFetchClient();
  const problemOf = useProblemOf();
  const { toggleNotification } = useNotification();
  const [mode, setMode] = React.useState<'review' | 'merge'>('review');
  const [survivorId, setSurvivorId] = React.useState<string>('');
  const [dryRun, setDryRun] = React.useState<DryRun | null>(null);
  const [dryRunError, setDryRunError] = React.useState<string | null>(null);
  const [taken, setTaken] = React.useState<Set<string>>(new Set());
  const [busy, setBusy] = React.useState<'separate' | 'merge' | null>(null);

  React.useEffect(() => {
    setMode('review');
    setDryRun(null);
    setDryRunError(null);
    setTaken(new Set());
    // The older contact (saved first, the pair's duplicateContact) is kept unless the user swaps.
    setSurvivorId(pair?.duplicateContact.documentId ?? '');
  }, [pair]);

  const duplicateOf = (survivor: string) =>
    pair && pair.contact.documentId === survivor ? pair.duplicateContact : pair?.contact;

  // The dry run of the chosen direction; by default a blank value of the kept contact is filled from the other.
  React.useEffect(() => {
    if (!pair || mode !== 'merge' || !survivorId) return;
    let cancelled = false;
    setDryRun(null);
    setDryRunError(null);
    post<{ data: DryRun }>(`${API}/contacts/${survivorId}/merge`, {
      duplicate: duplicateOf(survivorId)?.documentId,
      dryRun: true,
    })
      .then(({ data }) => {
        if (cancelled) return;
        setDryRun(data.data);
        setTaken(
          new Set(
            data.data.differences
              .filter((d) => valueText(d.survivor) === null && valueText(d.duplicate) !== null)
              .map((d) => d.field),
          ),
        );
      })
      .catch((err) => !cancelled && setDryRunError(problemOf(err).message));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pair, mode, survivorId]);

  if (!pair) return null;

  const separate = async () => {
    setBusy('separate');
    try {
      await post(`${API}/duplicates/${pair.pairDocumentId}/separate`, {});
      toggleNotification({
        type: 'success',
        message: t('dup.separated', '{a} and {b} are no longer reported as duplicates.', {
          a: contactTitle(pair.contact),
          b: contactTitle(pair.duplicateContact),
        }),
      });
      onDone();
    } catch (err) {
      toggleNotification({ type: 'danger', message: problemOf(err).message });
    } finally {
      setBusy(null);
    }
  };

  const merge = async () => {
    if (!dryRun) return;
    setBusy('merge');
    try {
      const { data } = await post<{ data: MergeResult }>(`${API}/contacts/${survivorId}/merge`, {
        duplicate: dryRun.duplicate.documentId,
        fields: [...taken],
      });
      toggleNotification({
        type: 'success',
        message: t('merge.done', '{duplicate} was merged into {survivor}.', {
          duplicate: contactTitle(dryRun.duplicate),
          survivor: contactTitle(data.data.survivor),
        }),
      });
      onDone();
    } catch (err) {
      const problem = problemOf(err);
      type ConflictBody = { response?: { data?: { error?: { details?: { conflicts?: unknown } } } } };
      const conflicts = (err as ConflictBody | null)?.response?.data?.error?.details?.conflicts;
      if (Array.isArray(conflicts)) setDryRun({ ...dryRun, conflicts });
      toggleNotification({ type: 'danger', message: problem.message });
    } finally {
      setBusy(null);
    }
  };

  const blocked = !dryRun || dryRun.survivor.documentId !== survivorId || dryRun.conflicts.length > 0;

  return (
    <Modal.Root open onOpenChange={(o) => !o && onClose()}>
      <Modal.Content style={{ width: 'min(960px, 94vw)', maxWidth: 'none' }}>
        <Modal.Header closeLabel={t('action.close', 'Close')}>
          <Modal.Title>
            {mode === 'review'
              ? t('dup.pair.title', 'Possible duplicate: {a} and {b}', {
                  a: contactTitle(pair.contact),
                  b: contactTitle(pair.duplicateContact),
                })
              : t('merge.title', 'Merge {a} and {b}', {
                  a: contactTitle(pair.duplicateContact),
                  b: contactTitle(pair.contact),
                })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {mode === 'review' ? (
            <Review pair={pair} />
          ) : (
            <Merge
              pair={pair}
              survivorId={survivorId}
              onSurvivor={setSurvivorId}
              dryRun={dryRun}
              dryRunError={dryRunError}
              taken={taken}
              onTake={(field, fromDuplicate) =>
                setTaken((prev) => {
                  const next = new Set(prev);
                  if (fromDuplicate) next.add(field);
                  else next.delete(field);
                  return next;
                })
              }
            />
          )}
        </Modal.Body>
        <Modal.Footer>
          {mode === 'review' ? (
            <>
              <Button
                variant="danger-light"
                startIcon={<Cross />}
                onClick={separate}
                loading={busy === 'separate'}
                data-testid="pair-separate"
              >
                {t('dup.separate', 'Not a duplicate')}
              </Button>
              <Button onClick={() => setMode('merge')} disabled={!canMerge} data-testid="pair-merge-open">
                {t('merge.open', 'Merge…')}
              </Button>
            </>
          ) : (
            <>
              <Button variant="tertiary" startIcon={<ArrowLeft />} onClick={() => setMode('review')}>
                {t('merge.back', 'Back')}
              </Button>
              <Button
                variant="danger"
                onClick={merge}
                disabled={blocked || !canMerge}
                loading={busy === 'merge'}
                data-testid="merge-submit"
              >
                {dryRun && dryRun.survivor.documentId === survivorId
                  ? t('merge.submit', 'Merge into {contact}', {
                      contact: dryRun.survivor.no ?? dryRun.survivor.name ?? '',
                    })
                  : t('merge.submitShort', 'Merge')}
              </Button>
            </>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
