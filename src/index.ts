// The public API. Everything else in src/ is internal and may change without notice.
export { createClient, DAILY_RETAIN_PATH } from './client';
export type { CallOptions, RetainClient } from './client';
export type { ClientOptions, Logger } from './options';
export { DEFAULTS } from './options';
export type { DailyRetainInput, DailyRetainQuery } from './daily-retain/query';
export type { DailyRetainData, DailyRetainResult, RetainEntry } from './daily-retain/response';
export { ErrorCode, OpenApiError, isOpenApiError } from './errors';
export type { AccessToken, IssuedToken, TokenSource, TokenStore } from './token/access-token';
export { MemoryTokenStore } from './token/memory-token-store';
export { CloudDatabaseTokenStore } from './token/cloud-database-token-store';
export type { CloudDatabase } from './token/cloud-database-token-store';
export { RETRY_DEFAULTS } from './retry';
export { beijingYesterday } from './beijing-date';
