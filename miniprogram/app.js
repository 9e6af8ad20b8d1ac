// Your cloud environment ID (云开发控制台 → 设置 → 环境 ID), where getDailyRetainRange is
// deployed. Left empty, wx.cloud.init uses the default environment: the first one created.
const CLOUD_ENV = '';

App({
  onLaunch() {
    if (!wx.cloud) {
      console.error('wx.cloud is missing: use base library 2.2.3 or newer, with cloud development (云开发) turned on');
      return;
    }
    wx.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: false } : { traceUser: false });
  },
});
