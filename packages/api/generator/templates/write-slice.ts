import { type Contract, type ContractField, exampleValue, fieldTypeText } from '../contracts';
import { kebabFromPascal, sentenceFromPascal } from '../names';
import type { GeneratedFile } from '../plan';
import type { WriteSlice } from '../write-slice';

export function writeSliceFiles(slice: WriteSlice): GeneratedFile[] {
  const domain = `${slice.folder}/domain/${slice.decideFile}`;
  return [
    { path: `${domain}.ts`, content: decide(slice) },
    { path: `${domain}.spec.ts`, content: decideSpec(slice) },
    { path: slice.handlerFile, content: handler(slice) },
    { path: slice.controllerFile, content: controller(slice) },
    { path: `${slice.folder}/presentation/rest/${slice.decideFile}.request.ts`, content: requestDto(slice) },
  ];
}

const contractImport = (contract: Contract, up: string) => `${up}shared/${contract.kind}s/${kebabFromPascal(contract.type)}.${contract.kind}`;

function eventData(slice: WriteSlice, value: (field: ContractField) => string): string {
  return `{ ${slice.eventData.map(({ target, source }) => `${target.name}: ${value(source)}`).join(', ')} }`;
}

function commandData(slice: WriteSlice, value: (field: ContractField) => string): string {
  return `{ ${slice.command.fields.map((field) => `${field.name}: ${value(field)}`).join(', ')} }`;
}

/** Stream, events and decision of the slice in one file, as the SDK's deciding command handler takes them. */
function decide(slice: WriteSlice): string {
  return `import { StreamName } from '@coderscamp/event-sourcing';
import type { ${slice.command.type} } from '${contractImport(slice.command, '../../../')}';
import type { ${slice.event.type} } from '${contractImport(slice.event, '../../../')}';

export type ${slice.domainEventType} = ${slice.event.type};

export function ${slice.streamFunction}(${slice.streamIdField}: string): StreamName {
  return StreamName.of('${slice.category}', ${slice.streamIdField});
}

// TODO: the rules. Fold from the past events only what they need; throw a DomainRuleViolation subclass (its code in RuleCode) for each broken one.
export function ${slice.decide}(_pastEvents: ${slice.domainEventType}[], command: ${slice.command.type}): ${slice.domainEventType}[] {
  return [{ type: '${slice.event.type}', data: ${eventData(slice, (field) => `command.data.${field.name}`)} }];
}
`;
}

function decideSpec(slice: WriteSlice): string {
  return `import { DeciderSpecification } from '@coderscamp/event-sourcing/testing';
import { describe, it } from 'vitest';
import { ${slice.decide} } from './${slice.decideFile}';

const given = DeciderSpecification.for(${slice.decide});

describe('${sentenceFromPascal(slice.command.type)}', () => {
  // TODO: one case per rule: given the past events, when the command, then the new events or .thenThrows(TheRuleViolation).
  it('given nothing happened, when asked to ${sentenceFromPascal(slice.command.type)}, then ${sentenceFromPascal(slice.event.type)}', () => {
    given([])
      .when({ type: '${slice.command.type}', data: ${commandData(slice, exampleValue)} })
      .then([{ type: '${slice.event.type}', data: ${eventData(slice, exampleValue)} }]);
  });
});
`;
}

function handler(slice: WriteSlice): string {
  return `import { decidingCommandHandler } from '@coderscamp/event-sourcing/nestjs';
import { ${slice.command.type}ApplicationCommand } from '${contractImport(slice.command, '../../../')}';
import { ${slice.decide}, ${slice.streamFunction} } from '../domain/${slice.decideFile}';

export const ${slice.handlerClass} = decidingCommandHandler(${slice.command.type}ApplicationCommand, {
  stream: (command) => ${slice.streamFunction}(command.data.${slice.streamIdField}),
  decide: ${slice.decide},
});
`;
}

const VALIDATORS: Record<ContractField['type'], { check: string; schema: string; decorators: string[] }> = {
  string: { check: 'IsString', schema: 'minLength: 1, maxLength: 200', decorators: ['@IsString()', '@Length(1, 200)'] },
  number: { check: 'IsNumber', schema: "type: 'number'", decorators: ['@IsNumber()'] },
  boolean: { check: 'IsBoolean', schema: "type: 'boolean'", decorators: ['@IsBoolean()'] },
};

function requestDto(slice: WriteSlice): string {
  const fields = slice.command.fields;
  const validators = new Set(fields.flatMap((field) => [VALIDATORS[field.type].check, ...(field.type === 'string' ? ['Length'] : []), ...(mayBeLeftOut(field) ? ['IsOptional'] : [])]));
  const swagger = [...new Set(fields.map((field) => (mayBeLeftOut(field) ? 'ApiPropertyOptional' : 'ApiProperty')))];
  const properties = fields.map((field) => {
    const validator = VALIDATORS[field.type];
    const schema = field.nullable ? `${validator.schema}, nullable: true` : validator.schema;
    const decorators = [`@${mayBeLeftOut(field) ? 'ApiPropertyOptional' : 'ApiProperty'}({ ${schema} })`, ...(mayBeLeftOut(field) ? ['@IsOptional()'] : []), ...validator.decorators];
    return `  ${decorators.join('\n  ')}\n  ${field.name}${mayBeLeftOut(field) ? '?' : '!'}: ${fieldTypeText(field)};`;
  });
  return `import { ${swagger.sort().join(', ')} } from '@nestjs/swagger';
import { ${[...validators].sort().join(', ')} } from 'class-validator';

// TODO: the limits each field really has (the OpenAPI lint wants every string and number bounded).
export class ${slice.requestClass} {
${properties.join('\n\n')}
}
`;
}

/** class-validator's IsOptional lets null through as well as a missing field. */
const mayBeLeftOut = (field: ContractField): boolean => field.optional || field.nullable;

function controller(slice: WriteSlice): string {
  const up = '../../../../';
  const value = (field: ContractField) => (field.nullable && !field.optional ? `request.${field.name} ?? null` : `request.${field.name}`);
  return `import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationCommandFactory } from '@coderscamp/event-sourcing';
import { ApplicationCommandBus } from '@coderscamp/event-sourcing/nestjs';
import { ${slice.command.type}ApplicationCommand } from '${contractImport(slice.command, up)}';
import { ApiAccessTokenAuth } from '${up}../shared/api-docs/api-security.decorators';
import { JwtAuthGuard } from '${up}../shared/auth/jwt-auth.guard';
import { RequestCorrelationId } from '${up}../shared/observability/correlation-id.decorator';
import { ${slice.requestClass} } from './${slice.decideFile}.request';

// TODO: the route and who may call it; take the subject's id from the token (@JwtUserId) or the path when it is not the caller's to choose;
// declare the tag in shared/api-docs/setup-api-docs.ts and document each rule violation with @ApiErrorResponse.
@ApiTags('${slice.slice}')
@ApiAccessTokenAuth()
@Controller('${slice.slice}')
@UseGuards(JwtAuthGuard)
export class ${slice.controllerClass} {
  constructor(
    private readonly commandBus: ApplicationCommandBus,
    private readonly commandFactory: ApplicationCommandFactory,
  ) {}

  @Post()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '${capitalised(sentenceFromPascal(slice.command.type))}' })
  @ApiNoContentResponse({ description: '${capitalised(sentenceFromPascal(slice.event.type))}' })
  async ${slice.decide}(@Body() request: ${slice.requestClass}, @RequestCorrelationId() correlationId: string): Promise<void> {
    const command = this.commandFactory.applicationCommand(() => ({
      class: ${slice.command.type}ApplicationCommand,
      type: '${slice.command.type}',
      data: ${commandData(slice, value)},
      metadata: { correlationId },
    }));
    await this.commandBus.execute(command);
  }
}
`;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
