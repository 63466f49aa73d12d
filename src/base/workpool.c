#include "base/workpool.h"

#include <pthread.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/err.h"

struct job {
	work_fn fn;
	void *arg;
	work_done_fn done;
	void *done_arg;
	struct job *next;
};

struct workpool {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct job *head, **tail;
	int stopping;
	unsigned n;
	pthread_t threads[];
};

static void *
pool_main(void *p)
{
	struct workpool *wp = p;
	struct job *j;
	int rc;

	for (;;) {
		pthread_mutex_lock(&wp->lock);
		while (wp->head == NULL && !wp->stopping)
			pthread_cond_wait(&wp->cond, &wp->lock);
		j = wp->head;
		if (j != NULL) {
			wp->head = j->next;
			if (wp->head == NULL)
				wp->tail = &wp->head;
		}
		pthread_mutex_unlock(&wp->lock);
		if (j == NULL)
			return NULL;
		rc = j->fn(j->arg);
		if (j->done)
			j->done(j->done_arg, rc);
		free(j);
	}
}

struct workpool *
workpool_start(unsigned n)
{
	struct workpool *wp = calloc(1, sizeof(*wp) + n * sizeof(pthread_t));
	unsigned i;

	if (wp == NULL)
		die("out of memory");
	pthread_mutex_init(&wp->lock, NULL);
	pthread_cond_init(&wp->cond, NULL);
	wp->tail = &wp->head;
	wp->n = n;
	for (i = 0; i < n; i++)
		if (pthread_create(&wp->threads[i], NULL, pool_main, wp) != 0)
			die("cannot start a worker thread");
	return wp;
}

int
workpool_submit(struct workpool *wp, work_fn fn, void *arg, work_done_fn done,
    void *done_arg)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j == NULL)
		die("out of memory");
	j->fn = fn;
	j->arg = arg;
	j->done = done;
	j->done_arg = done_arg;
	pthread_mutex_lock(&wp->lock);
	if (wp->stopping) {
		pthread_mutex_unlock(&wp->lock);
		free(j);
		return ERR_UNAVAILABLE;
	}
	*wp->tail = j;
	wp->tail = &j->next;
	pthread_cond_signal(&wp->cond);
	pthread_mutex_unlock(&wp->lock);
	return 0;
}

void
workpool_stop(struct workpool *wp)
{
	unsigned i;

	if (wp == NULL)
		return;
	pthread_mutex_lock(&wp->lock);
	wp->stopping = 1;
	pthread_cond_broadcast(&wp->cond);
	pthread_mutex_unlock(&wp->lock);
	for (i = 0; i < wp->n; i++)
		pthread_join(wp->threads[i], NULL);
	pthread_mutex_destroy(&wp->lock);
	pthread_cond_destroy(&wp->cond);
	free(wp);
}
