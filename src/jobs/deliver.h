/* Handing one outbox message to the world, with libcurl: e-mail by SMTP
 * (jobs/mail.h builds it), a text message by an HTTP POST to the SMS
 * provider's hook. Says what became of it, and in the one uncertain case
 * says so: after the whole message went to the server, a broken
 * connection or a time-out may hide that the server accepted it. */
#ifndef ROSC_JOBS_DELIVER_H
#define ROSC_JOBS_DELIVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct outbox_conf;
struct outbox_msg;

enum delivery {
	DELIVERY_SENT,            /* the server took it */
	DELIVERY_RETRY,           /* nothing was accepted: try again later */
	DELIVERY_FAILED,          /* refused for good */
	DELIVERY_UNSURE,          /* it may have been accepted: not again */
};

/* What an SMTP exchange that ended with curl's result rc means. code is
 * the last SMTP reply code (CURLINFO_RESPONSE_CODE); body_sent says curl
 * had read the whole message, so the end of the DATA may have reached the
 * server. Before that only a 5xx refusal of the sender, a recipient or the
 * DATA is final; everything else (no connection, TLS, sign-in, 4xx,
 * time-outs) is tried again. After it the reply to the DATA decides: 4xx
 * again, 5xx failed, and no reply at all is unsure. */
enum delivery deliver_smtp_outcome(int rc, long code, bool body_sent);

/* The same for the SMS hook's HTTP POST: 2xx sent; 5xx, 408 and 429
 * again; any other answer failed; no answer again when the request was
 * not all sent, else unsure. */
enum delivery deliver_http_outcome(int rc, long code, bool body_sent);

/* Sends an e-mail message through the configured SMTP server, dated now.
 * why (whylen bytes) says what went wrong. When *stopping turns true
 * before the whole message went out, it gives up (DELIVERY_RETRY); after
 * that it waits for the server's answer. */
enum delivery deliver_email(const struct outbox_conf *c, const struct outbox_msg *m,
    int64_t now, atomic_int *stopping, char *why, size_t whylen);

/* Posts a text message to the SMS provider's hook as JSON
 * {"to":…,"body":…,"id":…}, with the message id as Idempotency-Key too.
 * Without a hook configured it fails for good, saying so. */
enum delivery deliver_sms(const struct outbox_conf *c, const struct outbox_msg *m,
    atomic_int *stopping, char *why, size_t whylen);

#endif
