/** A mini program's AppID: "wx" and 16 letters or digits. */
export const APPID_PATTERN = /^wx[0-9A-Za-z]{16}$/;
