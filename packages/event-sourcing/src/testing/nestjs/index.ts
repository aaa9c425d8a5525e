export { AutomationSpecification } from '../automation-specification';
export type { SliceTestingOptions } from '../nest-testing-module';
export { ProjectionSpecification } from '../projection-specification';
export type { ProjectionSpecificationOptions } from '../projection-specification';
export { WriteModuleSpecification } from '../write-module-specification';
