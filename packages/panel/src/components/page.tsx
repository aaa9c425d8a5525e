import { type ReactNode, useEffect, useRef } from 'react';
import { takeHeadingFocus } from '../router';

/** One page: its title in the tab and as the heading, which takes the focus after a navigation. */
export function Page({ title, children }: Readonly<{ title: string; children: ReactNode }>) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · CodersCamp`;
    if (takeHeadingFocus()) heading.current?.focus();
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
