import type { ReactNode } from 'react';
import { Link } from '../router';
import { CausationPage } from './causation-page';
import { ModelPage } from './model-page';
import { StreamsPage } from './streams-page';
import { SubscriptionsPage } from './subscriptions-page';
import './console.css';

/**
 * The developer console: administrators' view of the Event Model and the running system. Loaded
 * on demand as a chunk of its own, so participants never download it.
 */
const CONSOLE_PAGES: Readonly<Record<string, { title: string; render: () => ReactNode }>> = {
  '/console/model': { title: 'Event Model', render: () => <ModelPage /> },
  '/console/causation': { title: 'Causation', render: () => <CausationPage /> },
  '/console/streams': { title: 'Streams', render: () => <StreamsPage /> },
  '/console/subscriptions': { title: 'Subscriptions', render: () => <SubscriptionsPage /> },
};

export default function Console({ path }: Readonly<{ path: string }>) {
  // `/console` itself opens the board.
  const current = CONSOLE_PAGES[path] ?? CONSOLE_PAGES['/console/model']!;
  return (
    <div className="console">
      <nav aria-label="Developer console" className="console-nav">
        <ul>
          {Object.entries(CONSOLE_PAGES).map(([to, page]) => (
            <li key={to}>
              <Link to={to} aria-current={page === current ? 'page' : undefined}>
                {page.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.render()}
    </div>
  );
}
