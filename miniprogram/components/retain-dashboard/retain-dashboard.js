// <retain-dashboard>: retention by day, week or month from the getDailyRetainRange cloud
// function. Plain CommonJS so that DevTools and miniprogram-simulate run the same file.
const { PERIODS, PERIOD_IDS, periodOf } = require('./periods');
const dates = require('./date-range');
const { missingSpan, mergeRetry, readResult } = require('./range-result');
const { cellDetail, curve, heatmap, summaryCards } = require('./retain-view');
const { adviceForFailure, adviceForRejection } = require('./error-advice');
const { drawRetentionChart } = require('./retention-chart');

const FUNCTION_NAME = 'getDailyRetainRange';
/** The earliest day the pickers offer: WeChat's analysis APIs start in 2017. */
const PICKER_START = '2017-01-01';

/**
 * Calls the range function. Resolves (never rejects) to `readResult`'s answer, or to
 * `{ ok: false, rejected }` when the call itself failed: the function reports its own
 * failures as a result with a non-zero errCode, the platform and the network by rejecting.
 */
function callRange(data) {
  if (typeof wx === 'undefined' || !wx.cloud || typeof wx.cloud.callFunction !== 'function') {
    return Promise.resolve({ ok: false, rejected: 'no-cloud' });
  }
  return new Promise((resolve) => resolve(wx.cloud.callFunction({ name: FUNCTION_NAME, data }))).then(
    (response) => readResult(response?.result, data),
    (error) => ({ ok: false, rejected: error || 'unknown' }),
  );
}

function pixelRatio() {
  try {
    return (wx.getWindowInfo ? wx.getWindowInfo() : wx.getSystemInfoSync()).pixelRatio || 2;
  } catch (_error) {
    return 2;
  }
}

/** hh:mm in Beijing time, the clock WeChat's days follow. */
function beijingTime(now) {
  return new Date(now + 8 * 3600000).toISOString().slice(11, 16);
}

Component({
  properties: {
    /** 'day' | 'week' | 'month': the tab to open with. */
    period: { type: String, value: 'day', observer: 'onPeriodProperty' },
    /** How far back the tabs look, in days (weeks and months: at least 12 of them). */
    days: { type: Number, value: 30, observer: 'onDaysProperty' },
  },

  data: {
    tabs: PERIOD_IDS.map((id) => ({ id, label: PERIODS[id].tab })),
    active: 'day',
    picker: { begin: '', end: '', start: PICKER_START, last: '', fields: 'day' },
    spanText: '',
    status: 'loading',
    refreshing: false,
    updatedAt: '',
    cards: [],
    chart: { labels: [], rows: [], note: '' },
    chartFallback: false,
    cohort: 'new',
    heat: { head: [], rows: [] },
    openCount: 0,
    unit: '天',
    partial: null,
    advice: null,
  },

  lifetimes: {
    attached() {
      this._ranges = {};
      this._seq = 0;
      this._attached = true;
      this.show(periodOf(this.data.period).id);
    },
    detached() {
      this._attached = false;
      this._seq += 1;
    },
  },

  methods: {
    /** Pull-down refresh: fetches the current range again, keeping what is shown until it arrives. */
    refresh() {
      return this.load(true);
    },

    onPeriodProperty(value) {
      if (this._attached && periodOf(value).id !== this.data.active) this.show(periodOf(value).id);
    },

    onDaysProperty() {
      if (!this._attached) return;
      this._ranges = {};
      this.show(this.data.active);
    },

    onTab(event) {
      const id = periodOf(event.currentTarget.dataset.period).id;
      if (id === this.data.active) return;
      this.show(id);
      this.triggerEvent('periodchange', { period: id });
    },

    onPick(event) {
      const day = dates.fromPicker(event.detail.value);
      if (!day) return;
      const id = this.data.active;
      this._ranges[id] = dates.pickDay(id, this.rangeOf(id), event.currentTarget.dataset.end ? 'end' : 'begin', day, Date.now());
      this.show(id);
    },

    onCohort(event) {
      const cohort = event.currentTarget.dataset.cohort === 'active' ? 'active' : 'new';
      if (cohort === this.data.cohort || !this._result) return;
      this.setData({ cohort, heat: heatmap(this._result, cohort) });
    },

    onCell(event) {
      const { refdate, key } = event.currentTarget.dataset;
      const text = this._result && cellDetail(this._result, refdate, this.data.cohort, Number(key));
      if (text) wx.showToast({ title: text, icon: 'none', duration: 2500 });
    },

    onCopyOpenid() {
      const openid = this.data.advice?.openid;
      if (openid) wx.setClipboardData({ data: openid });
    },

    onRetry() {
      return this.load(false);
    },

    /** Fetches the periods a partial result lacks, and adds them to what is shown. */
    onContinue() {
      const previous = this._result;
      const span = previous && missingSpan(previous.missing);
      if (!span || this.data.partial?.busy) return Promise.resolve();
      const seq = ++this._seq;
      this.setData({ 'partial.busy': true });
      return callRange({ beginDate: span.beginDate, endDate: span.endDate, period: previous.period }).then((outcome) => {
        if (seq !== this._seq) return;
        if (outcome.ok) {
          this._result = mergeRetry(previous, outcome);
          this.render();
        } else {
          this.setData({ partial: this.partialOf(previous.missing, this.adviceOf(outcome)) });
        }
      });
    },

    rangeOf(id) {
      if (!this._ranges[id]) this._ranges[id] = dates.defaultRange(id, this.data.days, Date.now());
      return this._ranges[id];
    },

    /** Opens tab `id` on its range and fetches it. */
    show(id) {
      const range = this.rangeOf(id);
      const period = periodOf(id);
      this.setData({
        active: id,
        unit: period.unit,
        picker: {
          begin: dates.pickerValue(range.beginDate, id),
          end: dates.pickerValue(range.endDate, id),
          start: PICKER_START,
          last: dates.pickerValue(dates.lastCompleteDay(id, Date.now()), id),
          fields: id === 'month' ? 'month' : 'day',
        },
        spanText: `${dates.spanOf(id, range.beginDate, range.endDate)} ${period.unit}`,
      });
      return this.load(false);
    },

    /** Fetches the active tab's range. `keep`: leave the current view up meanwhile (refresh). */
    load(keep) {
      const id = this.data.active;
      const range = this.rangeOf(id);
      const seq = ++this._seq;
      if (keep && this.data.status === 'ready') this.setData({ refreshing: true });
      else this.setData({ status: 'loading', advice: null, partial: null, refreshing: false });
      return callRange({ beginDate: range.beginDate, endDate: range.endDate, period: id }).then((outcome) => {
        if (seq !== this._seq) return;
        if (!outcome.ok) {
          this._result = null;
          this.setData({ status: 'error', refreshing: false, advice: this.adviceOf(outcome) });
          return;
        }
        this._ranges[id] = { beginDate: outcome.beginDate, endDate: outcome.endDate };
        this._result = outcome;
        this.render();
      });
    },

    adviceOf(outcome) {
      return outcome.rejected ? adviceForRejection(outcome.rejected) : adviceForFailure(outcome);
    },

    partialOf(missing, advice) {
      if (missing.length === 0) return null;
      return { count: missing.length, reason: advice.title, code: advice.code, timeout: advice.kind === 'timeout', busy: false };
    },

    render() {
      const result = this._result;
      const id = result.period;
      const period = periodOf(id);
      const [firstMissing] = result.missing;
      if (result.list.length === 0 && firstMissing) {
        this.setData({ status: 'error', refreshing: false, advice: adviceForFailure(firstMissing) });
        return;
      }
      const chart = curve(result);
      this._chart = chart;
      this.setData(
        {
          status: result.list.length === 0 ? 'empty' : 'ready',
          refreshing: false,
          updatedAt: beijingTime(Date.now()),
          'picker.begin': dates.pickerValue(result.beginDate, id),
          'picker.end': dates.pickerValue(result.endDate, id),
          spanText: `${dates.spanOf(id, result.beginDate, result.endDate)} ${period.unit}`,
          cards: summaryCards(result),
          chart: { labels: chart.labels, rows: chart.rows, note: chart.note },
          heat: heatmap(result, this.data.cohort),
          openCount: result.list.filter((item) => item.pendingKeys.length > 0).length,
          partial: firstMissing ? this.partialOf(result.missing, adviceForFailure(firstMissing)) : null,
          advice: null,
        },
        () => this.drawChart(),
      );
    },

    /** Draws the curve on the canvas; where there is no canvas 2D (the simulator), shows the rates as text instead. */
    drawChart() {
      if (this.data.status !== 'ready' || !this._chart) return;
      const fallback = () => {
        if (!this.data.chartFallback) this.setData({ chartFallback: true });
      };
      this.createSelectorQuery()
        .select('#retain-curve')
        .fields({ node: true, size: true })
        .exec((res) => {
          const hit = res?.[0];
          const canvas = hit?.node;
          let ctx = null;
          try {
            ctx = canvas && typeof canvas.getContext === 'function' ? canvas.getContext('2d') : null;
          } catch (_error) {
            ctx = null;
          }
          if (!ctx || typeof ctx.fillText !== 'function' || !hit.width || !hit.height) {
            fallback();
            return;
          }
          const ratio = pixelRatio();
          canvas.width = hit.width * ratio;
          canvas.height = hit.height * ratio;
          ctx.scale(ratio, ratio);
          drawRetentionChart(ctx, hit.width, hit.height, this._chart);
        });
    },
  },
});
