import { useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../api/client';
import { useSubmit } from '../components/use-request';

type KeysetPage = Readonly<{ items: readonly unknown[]; next: unknown }>;

/**
 * "Load more" over a keyset-paged list: the pages loaded so far, and the next one on request. After
 * each load the first new item's link (or summary) takes the focus, so a keyboard user reads on
 * where the new items start, and does not lose the focus with the button that goes after the last
 * page. `container` goes on the element whose children are the items.
 */
export function useMorePages<P extends KeysetPage, E extends HTMLElement>(first: P, loadAfter: (next: NonNullable<P['next']>) => Promise<ApiResult<P>>) {
  const [pages, setPages] = useState<readonly P[]>([first]);
  const next = pages.at(-1)!.next;
  const { submit, pending, failure } = useSubmit(
    () => loadAfter(next as NonNullable<P['next']>),
    (page) => setPages((loaded) => [...loaded, page]),
  );
  const items = pages.flatMap((page) => page.items as P['items'][number][]);
  const firstNewIndex = items.length - pages.at(-1)!.items.length;
  const container = useRef<E>(null);
  useEffect(() => {
    if (pages.length > 1) container.current?.children[firstNewIndex]?.querySelector<HTMLElement>('a, summary')?.focus();
  }, [pages.length, firstNewIndex]);
  return { items, container, hasMore: next !== null, loadMore: submit, pending, failure };
}
