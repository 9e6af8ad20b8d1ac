/**
 * What to do about each security-layer errcode. WeChat sends these as plain
 * `{errcode, errmsg}` JSON, with no signature (spec §3.7).
 * https://developers.weixin.qq.com/miniprogram/dev/server/getting_started/api_signature.html
 */
export const SECURITY_LAYER_HINTS: Readonly<Record<number, string>> = {
  40230: 'WeChat wants a Wechatmp-Serial request header, which the guide does not document and this package does not send: please report it',
  40231: 'the Wechatmp-TimeStamp header did not arrive: check that no proxy strips Wechatmp-* headers',
  40232: 'the Wechatmp-Signature header did not arrive: check that no proxy strips Wechatmp-* headers',
  40233: 'the Wechatmp-Appid header did not arrive: check that no proxy strips Wechatmp-* headers',
  40234: "the signature was rejected: WECHAT_API_ASYM_KEY must be the private key of the public key uploaded in API安全, with its SN in WECHAT_API_ASYM_SN",
  40235: 'the encryption was rejected: WECHAT_API_SYM_KEY and WECHAT_API_SYM_SN must be the symmetric key and SN shown in API安全',
  40236: 'WeChat does not know this AppID: check WECHAT_APPID',
  40237: 'Wechatmp-Appid is not the account of the access token: WECHAT_APPID and WECHAT_APPSECRET must belong to the same mini program',
  40238: 'no symmetric key is configured for this mini program: create one in 开发管理 → 开发设置 → API安全, or unset the WECHAT_API_* variables',
  40239: "no public key is configured for this mini program: upload the app's public key in 开发管理 → 开发设置 → API安全",
  40240: "WeChat found the request's timestamp too old: sync this server's clock (NTP)",
};
