import { ApiProperty } from '@nestjs/swagger';

export class LearningMaterialsResponse {
  @ApiProperty({ description: 'Learning materials id (the process.st run id when process.st is configured)', example: 'sbAPITNMsl2wW6j2cg1H2A' })
  id!: string;

  @ApiProperty({ description: 'Where the participant works through the materials', example: 'https://app.process.st/runs/sbAPITNMsl2wW6j2cg1H2A' })
  url!: string;
}
