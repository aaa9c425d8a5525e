/** The body claimed to be JSON but could not be parsed. */
export class MalformedJsonError extends Error {
  constructor() {
    super('Request body is not valid JSON');
    this.name = 'MalformedJsonError';
  }
}
