import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the e2e tier's global setup built the web app (`web-app-global-setup.ts`). */
    webAppDirectory: string;
    /** The Event Model's source facts of the current sources, written by the same setup. */
    eventModelSourcesFile: string;
  }
}

/**
 * The web app the e2e tier's global setup built from the current sources, once for every browser
 * test file (served as WEB_APP_DIR): Vite refuses a second build of one project while another runs,
 * and test files run in parallel.
 */
export function builtWebAppDirectory(): string {
  return inject('webAppDirectory');
}

/** What an app serving the console needs: the built web app and the Event Model's source facts. */
export function consoleAppEnv(): Readonly<{ WEB_APP_DIR: string; EVENT_MODEL_SOURCES_FILE: string }> {
  return { WEB_APP_DIR: inject('webAppDirectory'), EVENT_MODEL_SOURCES_FILE: inject('eventModelSourcesFile') };
}
