import { Link } from '../router';

export const STREAMS_ADDRESS = '/console/streams';

export const categoryAddress = (category: string, search = '') =>
  `${STREAMS_ADDRESS}?${new URLSearchParams({ category, ...(search === '' ? {} : { search }) })}`;

export const streamAddress = (streamName: string) => `${STREAMS_ADDRESS}?${new URLSearchParams({ stream: streamName })}`;

/** The category of `<Category>_<id>`; undefined for a name without one (the API refuses it). */
export function categoryOf(streamName: string): string | undefined {
  const separator = streamName.indexOf('_');
  return separator > 0 ? streamName.slice(0, separator) : undefined;
}

/** Streams › Category › Stream: each level above the current one is a link back. */
export function StreamsBreadcrumbs({ category, streamName }: Readonly<{ category?: string | undefined; streamName?: string }>) {
  const levels = [
    { label: 'Streams', to: STREAMS_ADDRESS },
    ...(category === undefined ? [] : [{ label: category, to: categoryAddress(category) }]),
    ...(streamName === undefined ? [] : [{ label: streamName.slice(streamName.indexOf('_') + 1), to: streamAddress(streamName) }]),
  ];
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {levels.map((level, index) =>
          index === levels.length - 1 ? (
            <li key={level.to} aria-current="page">
              {level.label}
            </li>
          ) : (
            <li key={level.to}>
              <Link to={level.to}>{level.label}</Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
