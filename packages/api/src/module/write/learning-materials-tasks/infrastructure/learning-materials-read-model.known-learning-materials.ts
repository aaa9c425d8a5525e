import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { learningMaterials } from '../../../read/shared/learning-materials.table';
import type { KnownLearningMaterials } from '../application/known-learning-materials.port';

@Injectable()
export class LearningMaterialsReadModelKnownLearningMaterials implements KnownLearningMaterials {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  async exists(learningMaterialsId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: learningMaterials.id }).from(learningMaterials).where(eq(learningMaterials.id, learningMaterialsId));
    return row !== undefined;
  }
}
