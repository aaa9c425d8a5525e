import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { READ_MODEL_DATABASE, type ReadModelDatabase } from '../../../../shared/database/read-model-database';
import { learningMaterials } from '../../../read/shared/learning-materials.table';
import type { KnownLearningMaterials } from '../application/known-learning-materials.port';

/** One entry per participant's materials; far above a course's size, it only bounds memory. */
const MAX_REMEMBERED = 100_000;

@Injectable()
export class LearningMaterialsReadModelKnownLearningMaterials implements KnownLearningMaterials {
  /** Learning materials are never removed, so once known, an id stays known: every webhook call after the first skips the query. */
  private readonly known = new Set<string>();

  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: ReadModelDatabase) {}

  async exists(learningMaterialsId: string): Promise<boolean> {
    if (this.known.has(learningMaterialsId)) return true;
    const [row] = await this.db.select({ id: learningMaterials.id }).from(learningMaterials).where(eq(learningMaterials.id, learningMaterialsId));
    if (row === undefined) return false;
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.add(learningMaterialsId);
    return true;
  }
}
