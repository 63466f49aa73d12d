/* A fresh temporary folder per test program, removed at exit. */
#include <stdlib.h>
#include <unistd.h>

static char tmpdir[64];

static void
rm_tmpdir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

static const char *
make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/rosc-unit-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		abort();
	atexit(rm_tmpdir);
	return tmpdir;
}
