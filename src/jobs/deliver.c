/* Delivery by libcurl (jobs/deliver.h). */
#include "jobs/deliver.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "jobs/mail.h"
#include "jobs/outbox.h"
#include "store/outbox.h"

enum delivery
deliver_smtp_outcome(int rc, long code, bool body_sent)
{
	if (rc == CURLE_OK)
		return DELIVERY_SENT;
	if (body_sent) {
		/* The only reply after the message is the one to its end. */
		if (code >= 400 && code < 500)
			return DELIVERY_RETRY;
		if (code >= 500 && code < 600)
			return DELIVERY_FAILED;
		return DELIVERY_UNSURE;
	}
	/* curl says CURLE_SEND_ERROR when MAIL FROM, RCPT TO or DATA is
	 * refused; its code says for how long. */
	if (rc == CURLE_SEND_ERROR && code >= 500 && code < 600)
		return DELIVERY_FAILED;
	return DELIVERY_RETRY;
}

enum delivery
deliver_http_outcome(int rc, long code, bool body_sent)
{
	if (rc != CURLE_OK && code == 0)
		return body_sent ? DELIVERY_UNSURE : DELIVERY_RETRY;
	if (code >= 200 && code < 300)
		return DELIVERY_SENT;
	if (code >= 500 || code == 408 || code == 429)
		return DELIVERY_RETRY;
	return DELIVERY_FAILED;
}

/* The upload: curl reads the message from here. */
struct upload {
	const char *data;
	size_t len, off;
	bool done;                /* curl has read it all */
	atomic_int *stopping;
};

static size_t
read_cb(char *out, size_t size, size_t nitems, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nitems;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(out, u->data + u->off, n);
	u->off += n;
	/* With the size known curl may not ask again for the end. */
	u->done = u->off == u->len;
	return n;
}

/* Gives up a send that has not handed over the whole message when rosc
 * stops; once it has, waits for the answer (to know what happened). */
static int
progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	struct upload *u = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return u->stopping != NULL && atomic_load(u->stopping) && !u->done;
}

/* An SMS provider's answer: its first bytes, for the error. */
struct answer {
	char text[160];
	size_t len;
};

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct answer *a = arg;
	size_t n = size * nmemb, i;

	for (i = 0; i < n && a->len + 1 < sizeof(a->text); i++)
		a->text[a->len++] = data[i] >= ' ' && data[i] < 127 ? data[i] : ' ';
	a->text[a->len] = '\0';
	return n;
}

/* The settings every transfer shares. */
static void
common_options(CURL *h, struct upload *u, char *errbuf)
{
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)OUTBOX_SEND_TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, u);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, u);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

/* Says why in why: curl's words, and the server's code if it answered. */
static void
explain(char *why, size_t whylen, const char *what, int rc, long code, const char *errbuf)
{
	const char *words = errbuf[0] != '\0' ? errbuf : curl_easy_strerror((CURLcode)rc);

	if (code > 0)
		snprintf(why, whylen, "%s %ld: %s", what, code, words);
	else
		snprintf(why, whylen, "%s: %s", what, words);
}

enum delivery
deliver_email(const struct outbox_conf *c, const struct outbox_msg *m, int64_t now,
    atomic_int *stopping, char *why, size_t whylen)
{
	struct arena a = ARENA_INIT;
	struct buf msg;
	struct mail_head head;
	struct upload u = {0};
	struct curl_slist *rcpt = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", envelope[300];
	enum delivery d;
	long code = 0;
	CURL *h;
	int rc;

	buf_init(&msg, &a);
	head.from = c->mail_from;
	head.to = m->recipient;
	head.subject = m->subject;
	head.message_id = arena_printf(&a, "%s@%s", m->id, c->msgid_host);
	head.date_us = now;
	head.lang = m->lang;
	if (mail_build(&msg, &head, m->body) != 0) {
		snprintf(why, whylen, "not a valid message: the address or the subject "
		    "cannot go in a mail header");
		arena_free(&a);
		return DELIVERY_FAILED;
	}
	h = curl_easy_init();
	if (h == NULL) {
		snprintf(why, whylen, "curl: cannot start a transfer");
		arena_free(&a);
		return DELIVERY_RETRY;
	}
	u.data = msg.data;
	u.len = msg.len;
	u.stopping = stopping;
	common_options(h, &u, errbuf);
	curl_easy_setopt(h, CURLOPT_URL, c->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_USE_SSL, c->starttls == SMTP_STARTTLS_OFF ? (long)CURLUSESSL_NONE :
	    c->starttls == SMTP_STARTTLS_TRY ? (long)CURLUSESSL_TRY : (long)CURLUSESSL_ALL);
	if (c->smtp_user != NULL) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp_password ? c->smtp_password : "");
	}
	snprintf(envelope, sizeof(envelope), "<%s>", c->from_addr);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, envelope);
	snprintf(envelope, sizeof(envelope), "<%s>", m->recipient);
	rcpt = curl_slist_append(NULL, envelope);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)msg.len);
	rc = (int)curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	d = deliver_smtp_outcome(rc, code, u.done);
	if (d != DELIVERY_SENT)
		explain(why, whylen, "smtp", rc, code, errbuf);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	arena_free(&a);
	return d;
}

enum delivery
deliver_sms(const struct outbox_conf *c, const struct outbox_msg *m,
    atomic_int *stopping, char *why, size_t whylen)
{
	struct upload u = {0};
	struct answer ans = {"", 0};
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", line[600];
	enum delivery d;
	long code = 0;
	json_t *j;
	char *json;
	CURL *h;
	int rc;

	if (c->sms_url == NULL) {
		snprintf(why, whylen, "no SMS provider is configured (ROSC_SMS_URL)");
		return DELIVERY_FAILED;
	}
	j = json_pack("{s:s, s:s, s:s}", "to", m->recipient, "body", m->body, "id", m->id);
	json = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (json == NULL) {
		snprintf(why, whylen, "not a valid message: its text is not UTF-8");
		return DELIVERY_FAILED;
	}
	h = curl_easy_init();
	if (h == NULL) {
		free(json);
		snprintf(why, whylen, "curl: cannot start a transfer");
		return DELIVERY_RETRY;
	}
	u.data = json;
	u.len = strlen(json);
	u.stopping = stopping;
	common_options(h, &u, errbuf);
	curl_easy_setopt(h, CURLOPT_URL, c->sms_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_POST, 1L);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)u.len);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &ans);
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, "Expect:");
	snprintf(line, sizeof(line), "Idempotency-Key: %s", m->id);
	hdrs = curl_slist_append(hdrs, line);
	if (c->sms_token != NULL) {
		snprintf(line, sizeof(line), "Authorization: Bearer %s", c->sms_token);
		hdrs = curl_slist_append(hdrs, line);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	rc = (int)curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	d = deliver_http_outcome(rc, code, u.done);
	if (d != DELIVERY_SENT && rc == CURLE_OK)
		snprintf(why, whylen, "sms provider answered %ld: %s", code, ans.text);
	else if (d != DELIVERY_SENT)
		explain(why, whylen, "sms", rc, code, errbuf);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(h);
	free(json);
	return d;
}
