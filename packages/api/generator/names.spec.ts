import { describe, expect, it } from 'vitest';
import {
  automationFolderName,
  camelFromKebab,
  categoryOfIdField,
  constantFromKebab,
  exampleTextFor,
  idFieldOf,
  isKebabCase,
  isPascalCase,
  kebabFromPascal,
  pascalFromKebab,
  sentenceFromPascal,
  snakeFromCamel,
} from './names';

describe('generator names', () => {
  it('given a type name, then its file, test and folder names follow the house naming', () => {
    expect(kebabFromPascal('FullNameWasChanged')).toBe('full-name-was-changed');
    expect(sentenceFromPascal('ChangeFullName')).toBe('change full name');
    expect(automationFolderName('UserRegistrationWasStarted', 'RequestEmailConfirmation')).toBe(
      'when-user-registration-was-started-then-request-email-confirmation',
    );
  });

  it('given a slice name, then its class, table and code names', () => {
    expect(pascalFromKebab('participant-full-names')).toBe('ParticipantFullNames');
    expect(camelFromKebab('participant-full-names')).toBe('participantFullNames');
    expect(constantFromKebab('participant-full-names')).toBe('PARTICIPANT_FULL_NAMES');
  });

  it('given a field, then its column name and an example value that names it', () => {
    expect(snakeFromCamel('learningMaterialsId')).toBe('learning_materials_id');
    expect(exampleTextFor('participantId')).toBe('participant-id-1');
  });

  it('given a stream category, then its id field, and back: a bare id names no category', () => {
    expect(idFieldOf('LearningMaterials')).toBe('learningMaterialsId');
    expect(categoryOfIdField('learningMaterialsId')).toBe('LearningMaterials');
    expect(categoryOfIdField('id')).toBe('Subject');
  });

  it('given names in the wrong case, then they are not taken for type or slice names', () => {
    expect(isPascalCase('FullNameWasChanged')).toBe(true);
    for (const wrong of ['fullNameWasChanged', 'URLWasSet', 'Full_Name', 'full-name', 'Full Name', '']) expect(isPascalCase(wrong)).toBe(false);
    expect(isKebabCase('participant-full-name2')).toBe(true);
    for (const wrong of ['ParticipantFullName', 'participant--name', '-name', 'name-', 'participant_name', '2name']) expect(isKebabCase(wrong)).toBe(false);
  });
});
