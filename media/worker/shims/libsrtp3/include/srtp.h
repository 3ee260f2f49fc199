/*
 * mediasoup 3.27 is written against its libsrtp 3 fork; Debian 12 ships libsrtp 2.5.
 * This header gives the worker the few 3.x calls it makes, built on the 2.x ones:
 * - 3.x's opaque srtp_policy_t handle (create / set_* / add_key / destroy) over 2.x's struct;
 * - 3.x's protect/unprotect with separate in and out buffers over 2.x's in-place calls;
 * - the two error codes 3.x added, and srtp_stream_remove's new name.
 */
#ifndef NAMESTI_SRTP3_SHIM_H
#define NAMESTI_SRTP3_SHIM_H

#include <stdlib.h>
#include <string.h>

/* 2.x's struct keeps its layout under another name; the 3.x name becomes a pointer to it. */
#define srtp_policy_t ms_srtp2_policy_t
#include <srtp2/srtp.h>
#undef srtp_policy_t

typedef ms_srtp2_policy_t *srtp_policy_t;

#define srtp_err_status_buffer_small ((srtp_err_status_t)28)
#define srtp_err_status_cryptex_err ((srtp_err_status_t)29)

/* 2.x keeps a pointer to the key, so the handle owns a copy of key and salt. */
typedef struct {
  ms_srtp2_policy_t policy;
  unsigned char key_and_salt[SRTP_MAX_KEY_LEN];
} ms_srtp3_policy_holder;

static inline srtp_err_status_t ms_srtp3_policy_create(srtp_policy_t *out) {
  ms_srtp3_policy_holder *holder = (ms_srtp3_policy_holder *)calloc(1, sizeof *holder);
  if (!holder) return srtp_err_status_alloc_fail;
  holder->policy.next = NULL;
  *out = &holder->policy;
  return srtp_err_status_ok;
}

static inline void ms_srtp3_policy_destroy(srtp_policy_t policy) { free(policy); }

static inline srtp_err_status_t ms_srtp3_policy_set_ssrc(srtp_policy_t policy, srtp_ssrc_t ssrc) {
  policy->ssrc = ssrc;
  return srtp_err_status_ok;
}

static inline srtp_err_status_t ms_srtp3_policy_set_profile(srtp_policy_t policy,
                                                            srtp_profile_t profile) {
  srtp_err_status_t err = srtp_crypto_policy_set_from_profile_for_rtp(&policy->rtp, profile);
  if (err != srtp_err_status_ok) return err;
  return srtp_crypto_policy_set_from_profile_for_rtcp(&policy->rtcp, profile);
}

static inline srtp_err_status_t ms_srtp3_policy_add_key(srtp_policy_t policy,
                                                        const unsigned char *key, size_t key_len,
                                                        const unsigned char *salt, size_t salt_len,
                                                        const unsigned char *mki, size_t mki_len) {
  ms_srtp3_policy_holder *holder = (ms_srtp3_policy_holder *)policy;
  (void)mki;
  if (mki_len != 0 || key_len + salt_len > sizeof holder->key_and_salt)
    return srtp_err_status_bad_param;
  memcpy(holder->key_and_salt, key, key_len);
  memcpy(holder->key_and_salt + key_len, salt, salt_len);
  policy->key = holder->key_and_salt;
  return srtp_err_status_ok;
}

static inline srtp_err_status_t ms_srtp3_policy_set_allow_repeat_tx(srtp_policy_t policy,
                                                                    int allow) {
  policy->allow_repeat_tx = allow ? 1 : 0;
  return srtp_err_status_ok;
}

static inline srtp_err_status_t ms_srtp3_policy_set_window_size(srtp_policy_t policy,
                                                                size_t size) {
  policy->window_size = (unsigned long)size;
  return srtp_err_status_ok;
}

/* 2.x works in place and may append up to `trailer` bytes, so the packet is copied to out. */
typedef srtp_err_status_t (*ms_srtp2_in_place_fn)(srtp_t, void *, int *);

static inline srtp_err_status_t ms_srtp3_copy_then(ms_srtp2_in_place_fn fn, srtp_t ctx,
                                                   const uint8_t *in, size_t in_len,
                                                   uint8_t *out, size_t *out_len,
                                                   size_t trailer) {
  int len = (int)in_len;
  srtp_err_status_t err;
  if (in_len + trailer > *out_len) return srtp_err_status_buffer_small;
  if (in != out) memmove(out, in, in_len);
  err = fn(ctx, out, &len);
  if (err != srtp_err_status_ok) return err;
  *out_len = (size_t)len;
  return srtp_err_status_ok;
}

static inline srtp_err_status_t ms_srtp3_protect(srtp_t ctx, const uint8_t *rtp, size_t rtp_len,
                                                 uint8_t *srtp, size_t *srtp_len,
                                                 size_t mki_index) {
  (void)mki_index;
  return ms_srtp3_copy_then(srtp_protect, ctx, rtp, rtp_len, srtp, srtp_len,
                            SRTP_MAX_TRAILER_LEN);
}

static inline srtp_err_status_t ms_srtp3_protect_rtcp(srtp_t ctx, const uint8_t *rtcp,
                                                      size_t rtcp_len, uint8_t *srtcp,
                                                      size_t *srtcp_len, size_t mki_index) {
  (void)mki_index;
  return ms_srtp3_copy_then(srtp_protect_rtcp, ctx, rtcp, rtcp_len, srtcp, srtcp_len,
                            SRTP_MAX_TRAILER_LEN + 4);
}

static inline srtp_err_status_t ms_srtp3_unprotect(srtp_t ctx, const uint8_t *srtp,
                                                   size_t srtp_len, uint8_t *rtp,
                                                   size_t *rtp_len) {
  return ms_srtp3_copy_then(srtp_unprotect, ctx, srtp, srtp_len, rtp, rtp_len, 0);
}

static inline srtp_err_status_t ms_srtp3_unprotect_rtcp(srtp_t ctx, const uint8_t *srtcp,
                                                        size_t srtcp_len, uint8_t *rtcp,
                                                        size_t *rtcp_len) {
  return ms_srtp3_copy_then(srtp_unprotect_rtcp, ctx, srtcp, srtcp_len, rtcp, rtcp_len, 0);
}

#define srtp_policy_create ms_srtp3_policy_create
#define srtp_policy_destroy ms_srtp3_policy_destroy
#define srtp_policy_set_ssrc ms_srtp3_policy_set_ssrc
#define srtp_policy_set_profile ms_srtp3_policy_set_profile
#define srtp_policy_add_key ms_srtp3_policy_add_key
#define srtp_policy_set_allow_repeat_tx ms_srtp3_policy_set_allow_repeat_tx
#define srtp_policy_set_window_size ms_srtp3_policy_set_window_size
#define srtp_protect ms_srtp3_protect
#define srtp_protect_rtcp ms_srtp3_protect_rtcp
#define srtp_unprotect ms_srtp3_unprotect
#define srtp_unprotect_rtcp ms_srtp3_unprotect_rtcp
/* Renamed in 3.x; both take the SSRC in network byte order. */
#define srtp_stream_remove srtp_remove_stream

#endif
