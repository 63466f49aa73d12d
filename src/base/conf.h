/* The running configuration: read once at start-up from ROSC_* environment
 * variables and then command-line flags (flags win), const afterwards. */
#ifndef ROSC_CONF_H
#define ROSC_CONF_H

#include <stdbool.h>

/* How SMTP asks for TLS on a smtp:// connection (smtps:// always has it). */
enum smtp_starttls {
	SMTP_STARTTLS_REQUIRE,    /* STARTTLS or nothing is sent (the default) */
	SMTP_STARTTLS_TRY,        /* STARTTLS when the server offers it */
	SMTP_STARTTLS_OFF,        /* plain text: a server on this machine */
};

struct config {
	char listen_host[64];     /* --listen HOST:PORT, ROSC_LISTEN */
	unsigned listen_port;
	const char *db_url;       /* --db URL, ROSC_DB */
	const char *base_url;     /* --base-url URL, ROSC_BASE_URL; without it,
	                           * http://HOST:PORT of --listen */
	bool base_url_given;
	char base_url_buf[96];    /* the base URL made from --listen */
	bool https;               /* base_url starts with https: */
	const char *trusted_proxy;/* --trusted-proxy ADDR, ROSC_TRUSTED_PROXY */
	unsigned threads;         /* --threads N, ROSC_THREADS */
	/* Writes (POST, PUT, PATCH, DELETE) a minute per account, and how many
	 * at once after a quiet spell; signed out, per client address, ten
	 * times both (http/ratelimit.h). A limit of 0 turns them off. */
	unsigned write_limit;     /* --write-limit N, ROSC_WRITE_LIMIT (60) */
	unsigned write_burst;     /* --write-burst N, ROSC_WRITE_BURST (30) */
	/* The outbox (jobs/outbox.h); without an SMTP URL e-mail goes to the
	 * log, without an SMS URL text messages fail. */
	const char *smtp_url;     /* --smtp-url, ROSC_SMTP_URL: smtp:// or smtps:// */
	enum smtp_starttls smtp_starttls; /* --smtp-starttls, ROSC_SMTP_STARTTLS */
	const char *smtp_user;    /* --smtp-user, ROSC_SMTP_USER */
	const char *smtp_password; /* --smtp-password, ROSC_SMTP_PASSWORD */
	const char *smtp_password_file; /* --smtp-password-file, ROSC_SMTP_PASSWORD_FILE */
	const char *mail_from;    /* --mail-from, ROSC_MAIL_FROM */
	const char *sms_url;      /* --sms-url, ROSC_SMS_URL: http:// or https:// */
	const char *sms_token;    /* --sms-token, ROSC_SMS_TOKEN: a bearer token */
};

/* Fills in the defaults and the ROSC_* environment. Returns 0, or -1 after
 * printing what is wrong. */
int config_init(struct config *c);

/* If argv[*i] is one of the options above, consumes it (and its value) and
 * returns 1; returns 0 if it is not; -1 after printing a message if its
 * value is missing or wrong. Accepts "--opt value" and "--opt=value". */
int config_option(struct config *c, int argc, char **argv, int *i);

/* Sets the port rosc really listens on (after binding "HOST:0", the one
 * the system chose), and the base URL made from it unless one was given. */
void config_bound_port(struct config *c, unsigned port);

/* The usage text for the options above. */
extern const char config_usage[];

#endif
