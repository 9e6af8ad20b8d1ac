import type { CohortRetention, PeriodRetention } from '../range/retention-rates';

/** The two cohorts a report shows; their words are in report-text.ts under `cohorts[id]`. */
export interface CohortView {
  id: 'new' | 'active';
  pick: (day: PeriodRetention) => CohortRetention;
}

export const COHORTS: readonly CohortView[] = [
  { id: 'new', pick: (day) => day.newUsers },
  { id: 'active', pick: (day) => day.activeUsers },
];
