import type { CohortRetention, DayRetention } from '../range/retention-rates';

/** The two cohorts a report shows, with the words each uses. */
export interface CohortView {
  id: 'new' | 'active';
  /** "New users" */
  title: string;
  /** "new users", inside sentences. */
  noun: string;
  pick: (day: DayRetention) => CohortRetention;
}

export const COHORTS: readonly CohortView[] = [
  { id: 'new', title: 'New users', noun: 'new users', pick: (day) => day.newUsers },
  { id: 'active', title: 'Active users', noun: 'active users', pick: (day) => day.activeUsers },
];
