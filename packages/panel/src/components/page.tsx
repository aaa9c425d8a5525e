import { type ReactNode, useEffect, useRef } from 'react';

let firstPageShown = false;

/**
 * One page: its title in the tab and as the heading. After a navigation the heading takes the
 * focus, so keyboard and screen reader users start on the new page rather than on the old link.
 */
export function Page({ title, children }: Readonly<{ title: string; children: ReactNode }>) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · CodersCamp`;
    if (firstPageShown) heading.current?.focus();
    firstPageShown = true;
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}
