/** An unknown sweep or trial id: answered 404 with the message. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** A malformed request (a query parameter out of range): answered 400 with the message. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}
