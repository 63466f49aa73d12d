#include "base/conf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char config_usage[] =
    "  --db URL             database: sqlite:PATH (default sqlite:var/rosc.db)\n"
    "                       or postgres://USER@HOST:PORT/NAME\n"
    "                       [ROSC_DB]\n";


/* Without --base-url, the public address is where rosc listens, so that
 * what it prints (invitation links, the demo's sign-in address) is true.
 * A wildcard address is reached through loopback on this machine. */
static void
listen_base_url(struct config *c)
{
	const char *h = c->listen_host;

	if (c->base_url_given)
		return;
	if (strcmp(h, "0.0.0.0") == 0 || strcmp(h, "*") == 0)
		h = "127.0.0.1";
	else if (strcmp(h, "::") == 0 || strcmp(h, "[::]") == 0)
		h = "[::1]";
	snprintf(c->base_url_buf, sizeof(c->base_url_buf),
	    strchr(h, ':') != NULL && h[0] != '[' ? "http://[%s]:%u" : "http://%s:%u",
	    h, c->listen_port);
	c->base_url = c->base_url_buf;
	c->https = false;
}

void
config_bound_port(struct config *c, unsigned port)
{
	c->listen_port = port;
	listen_base_url(c);
}

static int
set_listen(struct config *c, const char *v)
{
	const char *colon = strrchr(v, ':');
	char *end;
	unsigned long port;
	size_t hl;

	if (colon == NULL)
		goto bad;
	hl = (size_t)(colon - v);
	if (hl == 0 || hl >= sizeof(c->listen_host))
		goto bad;
	port = strtoul(colon + 1, &end, 10);
	if (*end != '\0' || colon[1] == '\0' || port > 65535)
		goto bad;
	memcpy(c->listen_host, v, hl);
	c->listen_host[hl] = '\0';
	c->listen_port = (unsigned)port;
	listen_base_url(c);
	return 0;
bad:
	fprintf(stderr, "rosc: --listen wants HOST:PORT, such as 127.0.0.1:8080 (got \"%s\")\n", v);
	return -1;
}

static int
set_base_url(struct config *c, const char *v)
{
	if (strncmp(v, "https://", 8) == 0)
		c->https = true;
	else if (strncmp(v, "http://", 7) == 0)
		c->https = false;
	else {
		fprintf(stderr, "rosc: --base-url wants an http:// or https:// URL (got \"%s\")\n", v);
		return -1;
	}
	c->base_url = v;
	c->base_url_given = true;
	return 0;
}

static int
set_threads(struct config *c, const char *v)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);

	if (*end != '\0' || n < 1 || n > 64) {
		fprintf(stderr, "rosc: --threads wants a number from 1 to 64 (got \"%s\")\n", v);
		return -1;
	}
	c->threads = (unsigned)n;
	return 0;
}

/* A count from 0 to 1,000,000, for the write limits. */
static int
set_count(const char *flag, const char *v, unsigned min, unsigned *out)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);

	if (*v < '0' || *v > '9' || *end != '\0' || n < min || n > 1000000) {
		fprintf(stderr, "rosc: %s wants a number from %u to 1000000 (got \"%s\")\n",
		    flag, min, v);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

static int
set_write_limit(struct config *c, const char *v)
{
	return set_count("--write-limit", v, 0, &c->write_limit);
}

static int
set_write_burst(struct config *c, const char *v)
{
	return set_count("--write-burst", v, 1, &c->write_burst);
}

static int
set_db(struct config *c, const char *v)
{
	if ((strncmp(v, "sqlite:", 7) != 0 || v[7] == '\0') &&
	    strncmp(v, "postgres://", 11) != 0 && strncmp(v, "postgresql://", 13) != 0) {
		fprintf(stderr, "rosc: --db wants sqlite:PATH or postgres://... (got \"%s\")\n", v);
		return -1;
	}
	c->db_url = v;
	return 0;
}

static int
set_proxy(struct config *c, const char *v)
{
	c->trusted_proxy = v;
	return 0;
}

static int
set_smtp_url(struct config *c, const char *v)
{
	if ((strncmp(v, "smtp://", 7) != 0 || v[7] == '\0') &&
	    (strncmp(v, "smtps://", 8) != 0 || v[8] == '\0')) {
		fprintf(stderr, "rosc: --smtp-url wants smtp://HOST:PORT or smtps://HOST:PORT "
		    "(got \"%s\")\n", v);
		return -1;
	}
	c->smtp_url = v;
	return 0;
}

static int
set_smtp_starttls(struct config *c, const char *v)
{
	if (strcmp(v, "require") == 0)
		c->smtp_starttls = SMTP_STARTTLS_REQUIRE;
	else if (strcmp(v, "try") == 0)
		c->smtp_starttls = SMTP_STARTTLS_TRY;
	else if (strcmp(v, "off") == 0)
		c->smtp_starttls = SMTP_STARTTLS_OFF;
	else {
		fprintf(stderr, "rosc: --smtp-starttls wants require, try or off (got \"%s\")\n", v);
		return -1;
	}
	return 0;
}

static int
set_smtp_user(struct config *c, const char *v)
{
	c->smtp_user = v;
	return 0;
}

static int
set_smtp_password(struct config *c, const char *v)
{
	c->smtp_password = v;
	return 0;
}

static int
set_smtp_password_file(struct config *c, const char *v)
{
	c->smtp_password_file = v;
	return 0;
}

static int
set_mail_from(struct config *c, const char *v)
{
	/* A header: no line breaks. jobs/outbox.c checks the address. */
	if (strchr(v, '@') == NULL || strpbrk(v, "\r\n") != NULL) {
		fprintf(stderr, "rosc: --mail-from wants an address, such as "
		    "\"rosc <rosc@example.org>\" (got \"%s\")\n", v);
		return -1;
	}
	c->mail_from = v;
	return 0;
}

static int
set_sms_url(struct config *c, const char *v)
{
	if ((strncmp(v, "http://", 7) != 0 || v[7] == '\0') &&
	    (strncmp(v, "https://", 8) != 0 || v[8] == '\0')) {
		fprintf(stderr, "rosc: --sms-url wants an http:// or https:// URL (got \"%s\")\n", v);
		return -1;
	}
	c->sms_url = v;
	return 0;
}

static int
set_sms_token(struct config *c, const char *v)
{
	c->sms_token = v;
	return 0;
}

static const struct {
	const char *flag, *env;
	int (*set)(struct config *, const char *);
} options[] = {
	{"--base-url", "ROSC_BASE_URL", set_base_url},
	{"--db", "ROSC_DB", set_db},
	{"--listen", "ROSC_LISTEN", set_listen},
	{"--mail-from", "ROSC_MAIL_FROM", set_mail_from},
	{"--sms-token", "ROSC_SMS_TOKEN", set_sms_token},
	{"--sms-url", "ROSC_SMS_URL", set_sms_url},
	{"--smtp-password", "ROSC_SMTP_PASSWORD", set_smtp_password},
	{"--smtp-password-file", "ROSC_SMTP_PASSWORD_FILE", set_smtp_password_file},
	{"--smtp-starttls", "ROSC_SMTP_STARTTLS", set_smtp_starttls},
	{"--smtp-url", "ROSC_SMTP_URL", set_smtp_url},
	{"--smtp-user", "ROSC_SMTP_USER", set_smtp_user},
	{"--threads", "ROSC_THREADS", set_threads},
	{"--trusted-proxy", "ROSC_TRUSTED_PROXY", set_proxy},
	{"--write-burst", "ROSC_WRITE_BURST", set_write_burst},
	{"--write-limit", "ROSC_WRITE_LIMIT", set_write_limit},
};

int
config_init(struct config *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	strcpy(c->listen_host, "127.0.0.1");
	c->listen_port = 8080;
	c->db_url = "sqlite:var/rosc.db";
	c->base_url = "http://127.0.0.1:8080";
	c->threads = 2;
	c->write_limit = 60;
	c->write_burst = 30;
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		const char *v = getenv(options[i].env);

		if (v != NULL && *v != '\0' && options[i].set(c, v) != 0) {
			fprintf(stderr, "rosc: (from the environment variable %s)\n", options[i].env);
			return -1;
		}
	}
	return 0;
}

int
config_option(struct config *c, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg), k;

	for (k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
		if (strlen(options[k].flag) != n || strncmp(arg, options[k].flag, n) != 0)
			continue;
		if (eq != NULL)
			return options[k].set(c, eq + 1) == 0 ? 1 : -1;
		if (*i + 1 >= argc) {
			fprintf(stderr, "rosc: %s needs a value\n", options[k].flag);
			return -1;
		}
		(*i)++;
		return options[k].set(c, argv[*i]) == 0 ? 1 : -1;
	}
	return 0;
}
