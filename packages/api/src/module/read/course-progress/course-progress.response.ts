import { ApiProperty } from '@nestjs/swagger';

export class LearningMaterialsProgressResponse {
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Tasks of the learning materials completed now', example: 2, minimum: 0 })
  completedTasks!: number;
}

export class CourseProgressResponse {
  @ApiProperty({ type: LearningMaterialsProgressResponse })
  learningMaterials!: LearningMaterialsProgressResponse;
}
