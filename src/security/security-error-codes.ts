/**
 * Codes of API-security failures on our side (-90101 … -90112; up to -90120 is kept for
 * later checks). A response that fails any check is never returned as data: it becomes a `SecurityError` with one of these codes.
 * Configuration mistakes (missing or unreadable WECHAT_API_* values) are `ConfigError`
 * (-90001) instead, like every other configuration mistake.
 * Spec: https://developers.weixin.qq.com/miniprogram/dev/server/getting_started/api_signature.html
 */
export const SecurityErrorCode = {
  /** SM4_GCM or SM2withSM3 is configured, which Node's crypto cannot do here. Switch the console to AES256_GCM + RSAwithSHA256. */
  UNSUPPORTED_ALGORITHM: -90101,
  /** The request parameters use a reserved name (`_n`, `_appid`, `_timestamp`). A bug in the caller: rename the parameter. */
  RESERVED_PARAM: -90102,
  /** The response has no `Wechatmp-Signature` and is not a plain error. Check that nothing between you and WeChat rewrites responses. */
  RESPONSE_UNSIGNED: -90103,
  /** No `Wechatmp-Serial` (nor `-Deprecated`) matches a configured certificate SN. Download the current platform certificate and add it with its SN. */
  RESPONSE_UNKNOWN_SERIAL: -90104,
  /** The signature does not verify over the raw body. The response was altered, or the certificate configured for that SN is wrong. */
  RESPONSE_BAD_SIGNATURE: -90105,
  /** `Wechatmp-Appid` is missing or is not our AppID. Check WECHAT_APPID; otherwise the response was meant for another app. */
  RESPONSE_APPID_MISMATCH: -90106,
  /** `Wechatmp-TimeStamp` is missing, malformed or outside ±maxClockSkewSeconds (a replay, or a wrong server clock: sync it). */
  RESPONSE_TIMESTAMP: -90107,
  /** The signed body is not `{"iv","data","authtag"}` with a 12-byte IV and a 16-byte tag. Report it: WeChat changed its format. */
  RESPONSE_MALFORMED: -90108,
  /** AES-GCM decryption failed. WECHAT_API_SYM_KEY or WECHAT_API_SYM_SN does not match the console, or the ciphertext was altered. */
  RESPONSE_DECRYPT_FAILED: -90109,
  /** The decrypted text is not a JSON object. Report it: WeChat changed its format. */
  RESPONSE_PLAINTEXT_MALFORMED: -90110,
  /** `_appid` inside the plaintext is not our AppID. Refused: the response was meant for another app. */
  RESPONSE_PLAINTEXT_APPID: -90111,
  /** `_timestamp` inside the plaintext differs from `Wechatmp-TimeStamp`. Refused: the response was spliced together. */
  RESPONSE_PLAINTEXT_TIMESTAMP: -90112,
} as const;

export type SecurityErrorCodeValue = (typeof SecurityErrorCode)[keyof typeof SecurityErrorCode];
