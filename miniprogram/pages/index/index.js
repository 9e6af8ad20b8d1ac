// Calls the getDailyRetain cloud function. Your OPENID must be in RETAIN_ALLOWED_OPENIDS.
Page({
  data: { result: '' },
  async onLoad() {
    const { result } = await wx.cloud.callFunction({ name: 'getDailyRetain', data: {} });
    this.setData({ result: JSON.stringify(result, null, 2) });
  },
});
