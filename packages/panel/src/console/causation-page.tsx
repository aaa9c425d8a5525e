import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { Page } from '../components/page';
import { navigate, useLocation } from '../router';
import { CausationFlows } from './causation-flows';
import { causationAddress, type CausationEntry, entryOf } from './causation-format';
import { CausationTree } from './causation-tree';
import './causation.css';

const ENTRY_LABELS: Readonly<Record<CausationEntry['kind'], { label: string; hint: string }>> = {
  correlationId: { label: 'Correlation id', hint: 'The X-Correlation-Id of a response: what that request set in motion.' },
  streamName: { label: 'Stream name', hint: '<Category>_<id>, e.g. UserRegistration_…: the flows that appended to it.' },
  userId: { label: 'User id', hint: 'A user\'s id: their registration\'s flows and every later one about them.' },
};

/**
 * What a request set in motion, found three ways: by its correlation id (the tree), or by a stream
 * or a user (their flows, each leading to its tree). The entry point lives in the query string, so
 * other pages link here and a view can be shared.
 */
export function CausationPage() {
  const { query } = useLocation();
  const entry = entryOf(query);
  return (
    <Page title="Causation">
      <EntryForm entry={entry} />
      {entry === undefined ? (
        <p>Look up a correlation id to see its tree, or a stream or a user to list their flows.</p>
      ) : entry.kind === 'correlationId' ? (
        <CausationTree key={entry.value} correlationId={entry.value} />
      ) : (
        <CausationFlows key={causationAddress(entry)} entry={entry} />
      )}
    </Page>
  );
}

/**
 * Follows the address (a followed link fills it in) without being remounted: the field or button
 * that looked something up keeps the keyboard's focus.
 */
function EntryForm({ entry }: Readonly<{ entry: CausationEntry | undefined }>) {
  const [kind, setKind] = useState<CausationEntry['kind']>(entry?.kind ?? 'correlationId');
  const [value, setValue] = useState(entry?.value ?? '');
  const [error, setError] = useState<string | undefined>();
  const [shownAddress, setShownAddress] = useState(addressOf(entry));
  if (addressOf(entry) !== shownAddress) {
    setShownAddress(addressOf(entry));
    setKind(entry?.kind ?? 'correlationId');
    setValue(entry?.value ?? '');
    setError(undefined);
  }
  const { label, hint } = ENTRY_LABELS[kind];
  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed === '') {
      setError(`Enter a ${label.toLowerCase()}.`);
      return;
    }
    setError(undefined);
    navigate(causationAddress({ kind, value: trimmed }));
  };
  return (
    <form role="search" aria-label="Causation" className="causation-form" onSubmit={lookUp} noValidate>
      <fieldset>
        <legend>Look up by</legend>
        {(Object.keys(ENTRY_LABELS) as CausationEntry['kind'][]).map((option) => (
          <label key={option} className="causation-choice">
            <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
            {ENTRY_LABELS[option].label}
          </label>
        ))}
      </fieldset>
      <Field label={label} hint={hint} value={value} onChange={setValue} error={error} autoComplete="off" spellCheck={false} />
      <button type="submit">Look up</button>
    </form>
  );
}

function addressOf(entry: CausationEntry | undefined): string {
  return entry === undefined ? '' : causationAddress(entry);
}
