// Set env to your cloud environment ID (云开发控制台 → 环境 ID).
App({
  onLaunch() {
    wx.cloud.init({ env: wx.cloud.DYNAMIC_CURRENT_ENV, traceUser: false });
  },
});
