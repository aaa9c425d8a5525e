/** The one error shape every endpoint answers with; clients match on `code`, never on `message`. */
export type HttpErrorBody = Readonly<{
  statusCode: number;
  code: string;
  message: string;
  /** One entry per rejected field, for request validation failures only (VALIDATION_FAILED, WEAK_PASSWORD). */
  details?: readonly string[];
}>;
