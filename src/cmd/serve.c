/* rosc serve: answer HTTP until SIGTERM or SIGINT, then finish the
 * requests in flight and stop. */
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/i18n.h"
#include "base/log.h"
#include "cmd/commands.h"
#include "http/server.h"
#include "store/store.h"

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
	    "  --threads N          worker threads (default 2) [ROSC_THREADS]\n"));
}

int
cmd_serve(int argc, char **argv)
{
	int64_t t0 = clock_mono_us();
	struct config cfg;
	struct store *store;
	struct server *srv;
	sigset_t set;
	int i, sig, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
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
	/* Signals are taken by sigwait below; block them before any thread
	 * starts so every thread inherits the mask. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	store = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (store == NULL)
		return 1;
	srv = server_start(&cfg, store);
	if (srv == NULL) {
		store_close(store);
		return 1;
	}
	log_info("msg=listening url=http://%s%s%s:%u db=\"%s\" threads=%u ready_ms=%.1f",
	    strchr(cfg.listen_host, ':') ? "[" : "", cfg.listen_host,
	    strchr(cfg.listen_host, ':') ? "]" : "", server_port(srv),
	    store_describe(store), cfg.threads, (double)(clock_mono_us() - t0) / 1000.0);

	if (sigwait(&set, &sig) != 0)
		sig = SIGTERM;
	log_info("msg=\"stopping\" signal=%s", sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(srv, 10000);
	store_close(store);
	log_info("msg=stopped");
	return 0;
}
