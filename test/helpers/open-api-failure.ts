import { isOpenApiError, type OpenApiError } from '../../src';

/** The OpenApiError a library call rejects with; fails the test if it resolves or throws anything else. */
export async function openApiFailure(promise: Promise<unknown>): Promise<OpenApiError> {
  try {
    await promise;
  } catch (error) {
    if (isOpenApiError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection with an OpenApiError');
}
