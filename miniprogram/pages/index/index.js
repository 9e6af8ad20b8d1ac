// The retention dashboard. Built with Component() so that miniprogram-simulate can test the
// page too; its page events (onPullDownRefresh) live in `methods`.
Component({
  methods: {
    onPullDownRefresh() {
      const dashboard = this.selectComponent('#dashboard');
      const done = () => wx.stopPullDownRefresh();
      return (dashboard ? dashboard.refresh() : Promise.resolve()).then(done, done);
    },
  },
});
