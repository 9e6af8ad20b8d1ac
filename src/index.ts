// The public API. Everything else in src/ is internal and may change without notice.
export { createClient, DAILY_RETAIN_PATH, MONTHLY_RETAIN_PATH, WEEKLY_RETAIN_PATH } from './client';
export type { CallOptions, RetainClient } from './client';
export type { ClientOptions, Logger } from './options';
export { DEFAULTS } from './options';
export type { DailyRetainInput, DailyRetainQuery, RetainInput, RetainQuery } from './daily-retain/query';
export type {
  DailyRetainData,
  DailyRetainDay,
  DailyRetainResult,
  MonthlyRetainResult,
  RetainData,
  RetainEntry,
  RetainResult,
  WeeklyRetainResult,
} from './daily-retain/response';
export { isDailyRetainDay, isRetainData } from './daily-retain/response';
export type { PeriodId, RetainApi } from './period/period';
export { ErrorCode, OpenApiError, isOpenApiError } from './errors';
export { SecurityErrorCode } from './security/security-error-codes';
export { createSecurityContext } from './security/security-config';
export type { SecurityConfig, SecurityContext } from './security/security-config';
export type { SecuritySettings } from './security/security-env';
export type { AccessToken, IssuedToken, TokenSource, TokenStore } from './token/access-token';
export { MemoryTokenStore } from './token/memory-token-store';
export { CloudDatabaseTokenStore } from './token/cloud-database-token-store';
export type { CloudDatabase } from './token/cloud-database-token-store';
export { RETRY_DEFAULTS } from './retry';
export { beijingYesterday } from './beijing-date';
export type { MissingDay, MissingPeriod, RangeDay, RangeItem, RangeOptions, RangeProgress, RangeResult } from './range/fetch-range';
export type { RangeInput } from './range/range-query';
export { MemoryRetainCache, retainCacheKey } from './range/retain-cache';
export type { RetainCache } from './range/retain-cache';
export { FileRetainCache, defaultCacheDir } from './range/file-retain-cache';
export { CloudDatabaseRetainCache } from './range/cloud-database-retain-cache';
export { dayCompleteness, isDayFinal } from './range/day-completeness';
export { dayRetention, periodRetention, retentionRate, retentionRows } from './range/retention-rates';
export type { CellState, CohortRetention, DayRetention, PeriodRetention, RetentionCell } from './range/retention-rates';
export { formatCsv } from './range/format-csv';
export { formatTable } from './range/format-table';
export { renderReport } from './report/html-report';
export type { ReportOptions, ReportSource } from './report/html-report';
export type { ReportInput, ReportPeriods, ReportRange, ReportViews } from './report/report-input';
export type { ReportLang } from './report/report-text';
