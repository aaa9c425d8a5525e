import { eventStoreContract } from '../testing/event-store-contract';
import { snapshotStoreContract } from '../testing/snapshot-store-contract';
import { InMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', async () => ({ store: new InMemoryEventStore(), dispose: async () => undefined }));

snapshotStoreContract('in-memory', async () => ({ store: new InMemoryEventStore(), dispose: async () => undefined }));
