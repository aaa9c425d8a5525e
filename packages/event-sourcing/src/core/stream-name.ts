import { StreamNameError } from './errors';

const CATEGORY_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
const MAX_STREAM_NAME_LENGTH = 512;

/**
 * `<Category>_<id>`. The category has no `_`, so the first `_` splits the two; the id may contain
 * more. A stream is always addressed by the whole name, so two categories can share an id.
 */
export class StreamName {
  private constructor(
    readonly category: string,
    readonly id: string,
  ) {}

  static of(category: string, id: string): StreamName {
    if (!CATEGORY_PATTERN.test(category)) {
      throw new StreamNameError(`${category}_${id}`, 'category must be letters and digits, starting with a letter');
    }
    if (id.length === 0) {
      throw new StreamNameError(`${category}_`, 'id must not be empty');
    }
    if (category.length + 1 + id.length > MAX_STREAM_NAME_LENGTH) {
      throw new StreamNameError(`${category}_${id.slice(0, 32)}…`, `longer than ${MAX_STREAM_NAME_LENGTH} characters`);
    }
    return new StreamName(category, id);
  }

  static parse(value: string): StreamName {
    const separator = value.indexOf('_');
    if (separator < 0) throw new StreamNameError(value, 'expected <Category>_<id>');
    return StreamName.of(value.slice(0, separator), value.slice(separator + 1));
  }

  static from(value: StreamName | string): StreamName {
    return value instanceof StreamName ? value : StreamName.parse(value);
  }

  equals(other: StreamName): boolean {
    return this.category === other.category && this.id === other.id;
  }

  toString(): string {
    return `${this.category}_${this.id}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
