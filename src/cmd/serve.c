/* rosc serve: answer HTTP until SIGTERM or SIGINT, then finish the
 * requests in flight and stop. */
#include <pthread.h>
#include <errno.h>
#include <grp.h>
#include <malloc.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "access/door.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "app/routes.h"
#include "base/log.h"
#include "cmd/commands.h"
#include "http/server.h"
#include "jobs/outbox.h"
#include "jobs/runner.h"
#include "store/access_chain.h"
#include "store/store.h"
#include "web/denied.h"

static void
usage(FILE *f)
{
	fprintf(f, "%s%s%s", _("Usage: rosc serve [OPTIONS]\n"
	    "Serves rosc over HTTP until stopped with SIGTERM or Ctrl-C.\n\n"
	    "Options (each also as an environment variable):\n"
	    "  --listen HOST:PORT   where to listen (default 127.0.0.1:8080) [ROSC_LISTEN]\n"),
	    config_usage,
	    _("  --base-url URL       the public address; https:// turns on Secure cookies\n"
	    "                       and HSTS [ROSC_BASE_URL]\n"
	    "  --trusted-proxy ADDR believe X-Forwarded-For only from this address\n"
	    "                       [ROSC_TRUSTED_PROXY]\n"
	    "  --threads N          worker threads (default 2) [ROSC_THREADS]\n"
	    "  --user NAME          the account to run as after binding; needed when\n"
	    "                       started as root [ROSC_USER]\n"));
	/* A block of its own, so the options above keep their translations. */
	fputs(_("\nThe outbox (rosc outbox):\n"
	    "  --smtp-url URL       the mail server: smtp://HOST:PORT or smtps://HOST:PORT;\n"
	    "                       without it e-mail is written to the log [ROSC_SMTP_URL]\n"
	    "  --smtp-starttls WHEN on smtp://: require (default), try or off\n"
	    "                       [ROSC_SMTP_STARTTLS]\n"
	    "  --smtp-user NAME     sign in to the mail server as NAME [ROSC_SMTP_USER]\n"
	    "  --smtp-password PW   its password [ROSC_SMTP_PASSWORD]\n"
	    "  --smtp-password-file FILE  the password, from the first line of FILE\n"
	    "                       [ROSC_SMTP_PASSWORD_FILE]\n"
	    "  --mail-from ADDRESS  the sender, such as \"rosc <rosc@example.org>\"\n"
	    "                       [ROSC_MAIL_FROM]\n"
	    "  --sms-url URL        the SMS provider's hook, posted JSON {to, body, id};\n"
	    "                       without it text messages fail [ROSC_SMS_URL]\n"
	    "  --sms-token TOKEN    sent as a bearer token to the hook [ROSC_SMS_TOKEN]\n"), f);
	fputs(_("\nWrite limits (every form and API write; over it, 429 and Retry-After):\n"
	    "  --write-limit N      writes a minute per account (default 60; 0: no limit);\n"
	    "                       signed out, per address, ten times as many\n"
	    "                       [ROSC_WRITE_LIMIT]\n"
	    "  --write-burst N      writes at once after a quiet spell (default 30)\n"
	    "                       [ROSC_WRITE_BURST]\n"), f);
}

/* Becomes the account `name` (when root), and checks that it can write
 * the database and its folder, and read the audit key. Returns 0, or an
 * exit status after saying what is wrong. */
static int
drop_to(const char *name, const char *db_url)
{
	struct passwd *pw = getpwnam(name);
	const char *path = strncmp(db_url, "sqlite:", 7) == 0 ? db_url + 7 : NULL;
	char dir[4096], key[4200];
	char *slash;

	if (pw == NULL) {
		fprintf(stderr, _("rosc serve: there is no account called %s on this machine.\n"),
		    name);
		return 2;
	}
	if (geteuid() == 0) {
		if (initgroups(name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
		    setuid(pw->pw_uid) != 0) {
			fprintf(stderr, _("rosc serve: cannot become %s.\n"), name);
			return 1;
		}
		if (setuid(0) == 0) {
			fputs("rosc serve: could become root again; refusing to go on\n", stderr);
			return 1;
		}
	} else if (getuid() != pw->pw_uid) {
		fprintf(stderr, _("rosc serve: only root can become %s; start rosc as %s instead.\n"),
		    name, name);
		return 2;
	}
	if (path == NULL || (access(path, F_OK) != 0 && errno == ENOENT))
		return 0;          /* opening it will say what is wrong */
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	snprintf(key, sizeof(key), "%s.audit-key", path);
	if (access(path, R_OK | W_OK) != 0 || access(dir, W_OK | X_OK) != 0 ||
	    (getenv("ROSC_AUDIT_KEY") == NULL && access(key, R_OK) != 0 && errno != ENOENT)) {
		fprintf(stderr, _("rosc serve: the account %s cannot write the database %s "
		    "(and its folder and key file). Give it the folder, for example: "
		    "chown -R %s %s\n"), name, path, name, dir);
		return 1;
	}
	return 0;
}

int
cmd_serve(int argc, char **argv)
{
	int64_t t0 = clock_mono_us();
	struct config cfg;
	struct store *store;
	struct server *srv;
	struct jobs_runner *jobs;
	struct outbox_sender *outbox;
	struct outbox_conf mail;
	const char *user = getenv("ROSC_USER");
	unsigned port;
	sigset_t set;
	int i, sig, rc, fd;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--user") == 0 && i + 1 < argc) {
			user = argv[++i];
			continue;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			fprintf(stderr, _("rosc serve: unknown option %s\n"), argv[i]);
			usage(stderr);
			return 2;
		}
	}
	/* Each request's arena grows in doubling chunks and is freed when the
	 * answer is sent. With glibc's defaults the bigger chunks come from
	 * mmap and go back with munmap, and freed heap tops are handed back
	 * with madvise: under load that was ~15% of the CPU in page faults
	 * and TLB flushes (perf, caseload page). Keeping up to a few MB per
	 * thread's heap costs little against the RSS budget. */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	/* Signals are taken by sigwait below; block them before any thread
	 * starts so every thread inherits the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (geteuid() == 0 && (user == NULL || *user == '\0')) {
		fputs(_("rosc serve: do not serve as root. Add --user NAME (an account that "
		    "owns the database folder); rosc binds the port, then becomes NAME.\n"), stderr);
		return 2;
	}
	fd = server_bind(&cfg, &port);
	if (fd < 0)
		return 1;
	config_bound_port(&cfg, port);
	/* Before becoming --user: the password file may be root's alone. */
	if (outbox_configure(&cfg, &mail) != 0) {
		close(fd);
		return 2;
	}
	if (user != NULL && *user != '\0' && (rc = drop_to(user, cfg.db_url)) != 0) {
		close(fd);
		return rc;
	}
	store = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (store == NULL) {
		close(fd);
		return 1;
	}
	/* The access log's chain begins (link 1 over older entries) before
	 * the first request, not during it. */
	if ((rc = store_access_chain_start(store)) != 0) {
		fprintf(stderr, _("rosc serve: cannot start the access log's chain (%s).\n"),
		    err_str(rc));
		close(fd);
		store_close(store);
		return 1;
	}
	/* The door decides; the pages say it. */
	door_set_refusal_page(web_not_shared);
	srv = server_start(&cfg, store, fd, port, &app_server);
	if (srv == NULL) {
		close(fd);
		store_close(store);
		return 1;
	}
	jobs = jobs_start(store);
	outbox = outbox_start(store, &mail);
	sodium_memzero(mail.password, sizeof(mail.password));
	log_info("msg=listening url=http://%s%s%s:%u db=\"%s\" threads=%u ready_ms=%.1f",
	    strchr(cfg.listen_host, ':') ? "[" : "", cfg.listen_host,
	    strchr(cfg.listen_host, ':') ? "]" : "", server_port(srv),
	    store_describe(store), cfg.threads, (double)(clock_mono_us() - t0) / 1000.0);

	if (sigwait(&set, &sig) != 0)
		sig = SIGTERM;
	log_info("msg=\"stopping\" signal=%s", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(srv, 10000);
	jobs_stop(jobs);           /* the job in hand finishes first */
	outbox_stop(outbox);       /* and the message in hand */
	store_close(store);
	log_info("msg=stopped");
	return 0;
}
