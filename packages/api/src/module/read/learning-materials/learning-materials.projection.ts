import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventsSubscriptionsFactory } from '@coderscamp/event-sourcing';
import type { SqlExecutor } from '@coderscamp/event-sourcing/postgres';
import type { LearningMaterialsUrlWasGenerated } from '../../shared/events/learning-materials-url-was-generated.event';
import { readModelDatabaseOver } from '../../../shared/database/read-model-database';
import { learningMaterials } from '../shared/learning-materials.table';

/** Named for reads that report the feed position they reflect. */
export const LEARNING_MATERIALS_SUBSCRIPTION_ID = 'LearningMaterialsReadModel_v1';

@Injectable()
export class LearningMaterialsProjection implements OnModuleInit {
  constructor(private readonly subscriptionsFactory: EventsSubscriptionsFactory<SqlExecutor>) {}

  onModuleInit(): void {
    this.subscriptionsFactory
      .subscription(LEARNING_MATERIALS_SUBSCRIPTION_ID)
      .onInitialPosition(async (tx) => {
        await readModelDatabaseOver(tx).delete(learningMaterials);
      })
      .onEvent<LearningMaterialsUrlWasGenerated>('LearningMaterialsUrlWasGenerated', async (event, tx) => {
        const { learningMaterialsId, courseUserId, materialsUrl } = event.data;
        // Generated at most once per course user, so a row that exists is this very event redelivered.
        await readModelDatabaseOver(tx)
          .insert(learningMaterials)
          .values({ id: learningMaterialsId, courseUserId, url: materialsUrl })
          .onConflictDoNothing();
      })
      .build();
  }
}
