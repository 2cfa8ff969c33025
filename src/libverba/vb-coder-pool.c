#include "vb-coder-pool.h"
#include "vb-error.h"

#include <errno.h>

/* A batch is pushed once about this many segments have gathered: enough
 * to make the hand-over between threads cheap, small enough that the
 * batches in flight stay small. */
#define BATCH_SEGMENTS 256
#define IN_FLIGHT_PER_THREAD 4

typedef struct {
  GPtrArray *docs;   /* GPtrArray* of segments */
  guint      n_segments;
  GString   *out;
  guint      n_coded;
  GError    *error;  /* a rule that could not be judged: the batch is not written */
  gboolean   done;   /* under the pool's lock */
} Batch;

struct _VbCoderPool {
  VbDocFormatFunc format;
  gpointer        user_data;
  FILE           *fp;
  guint           n_threads;
  VbCoder        *coder;      /* for n_threads == 1 */
  GPtrArray      *threads;
  GAsyncQueue    *todo;       /* Batch*, or the pool itself to stop a worker */
  GQueue          pending;    /* Batch*, in push order (calling thread only) */
  GMutex          lock;
  GCond           cond;
  Batch          *cur;
  GPtrArray      *spare;      /* Batch*, written and ready for reuse */
  guint           n_coded;
  gboolean        failed;
};

typedef struct {
  VbCoderPool *pool;
  VbCoder     *coder;
} Worker;

/* Batches are reused, so their output buffers keep their size: growing a
 * fresh buffer for every batch costs page faults and copies. */
static Batch *
batch_new (VbCoderPool *pool)
{
  if (pool->spare->len > 0)
    {
      Batch *b = g_ptr_array_steal_index_fast (pool->spare, pool->spare->len - 1);
      b->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      return b;
    }
  Batch *b = g_new0 (Batch, 1);
  b->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  b->out = g_string_sized_new (BATCH_SEGMENTS * 256);
  return b;
}

static void
batch_recycle (VbCoderPool *pool, Batch *b)
{
  g_clear_pointer (&b->docs, g_ptr_array_unref);
  g_string_truncate (b->out, 0);
  b->n_segments = 0;
  b->n_coded = 0;
  g_clear_error (&b->error);
  b->done = FALSE;
  g_ptr_array_add (pool->spare, b);
}

static void
batch_free (Batch *b)
{
  if (b->docs != NULL)
    g_ptr_array_unref (b->docs);
  g_string_free (b->out, TRUE);
  g_clear_error (&b->error);
  g_free (b);
}

/* Codes and renders a batch, then frees its segments: freeing them here
 * rather than in the reading thread keeps that thread, which all the
 * others wait for, short (perf: 22% of the work instead of 33% at -j 2). */
static void
batch_run (VbCoderPool *pool, VbCoder *coder, Batch *b)
{
  for (guint i = 0; i < b->docs->len; i++)
    {
      GPtrArray *doc = b->docs->pdata[i];
      vb_coder_code_document (coder, doc);
      b->error = vb_coder_take_error (coder);
      if (b->error != NULL)
        break;
      for (guint k = 0; k < doc->len; k++)
        {
          const VbSegment *seg = doc->pdata[k];
          if (seg->codings != NULL && seg->codings->len > 0)
            b->n_coded++;
        }
      pool->format (doc, b->out, pool->user_data);
    }
  g_clear_pointer (&b->docs, g_ptr_array_unref);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  VbCoderPool *pool = w->pool;
  for (;;)
    {
      gpointer item = g_async_queue_pop (pool->todo);
      if (item == pool)
        break;
      Batch *b = item;
      batch_run (pool, w->coder, b);
      g_mutex_lock (&pool->lock);
      b->done = TRUE;
      g_cond_broadcast (&pool->cond);
      g_mutex_unlock (&pool->lock);
    }
  vb_coder_free (w->coder);
  g_free (w);
  return NULL;
}

VbCoderPool *
vb_coder_pool_new (VbCoder *coder, guint n_threads, VbDocFormatFunc format,
                   gpointer user_data, FILE *fp)
{
  VbCoderPool *pool = g_new0 (VbCoderPool, 1);
  pool->format = format;
  pool->user_data = user_data;
  pool->fp = fp;
  pool->n_threads = n_threads > 0 ? n_threads : MAX (g_get_num_processors (), 1);
  pool->coder = coder;
  g_mutex_init (&pool->lock);
  g_cond_init (&pool->cond);
  g_queue_init (&pool->pending);
  pool->threads = g_ptr_array_new ();
  pool->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  if (pool->n_threads > 1)
    {
      pool->todo = g_async_queue_new ();
      for (guint i = 0; i < pool->n_threads; i++)
        {
          Worker *w = g_new0 (Worker, 1);
          w->pool = pool;
          w->coder = vb_coder_clone (coder);
          g_ptr_array_add (pool->threads, g_thread_new ("verba-code", worker_main, w));
        }
    }
  return pool;
}

static gboolean
write_batch (VbCoderPool *pool, Batch *b, GError **error)
{
  if (b->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&b->error));
      pool->failed = TRUE;
      return FALSE;
    }
  pool->n_coded += b->n_coded;
  if (fwrite (b->out->str, 1, b->out->len, pool->fp) != b->out->len)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "cannot write output: %s",
                   g_strerror (errno));
      pool->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Writes the oldest batch, waiting for it when wait; FALSE (without error)
 * when not waiting and it is not done yet. */
static gboolean
write_oldest (VbCoderPool *pool, gboolean wait, GError **error)
{
  Batch *b = g_queue_peek_head (&pool->pending);
  g_mutex_lock (&pool->lock);
  while (wait && !b->done)
    g_cond_wait (&pool->cond, &pool->lock);
  gboolean done = b->done;
  g_mutex_unlock (&pool->lock);
  if (!done)
    return FALSE;
  g_queue_pop_head (&pool->pending);
  gboolean ok = write_batch (pool, b, error);
  batch_recycle (pool, b);
  return ok;
}

static gboolean
submit (VbCoderPool *pool, GError **error)
{
  Batch *b = pool->cur;
  pool->cur = NULL;
  if (pool->n_threads == 1)
    {
      batch_run (pool, pool->coder, b);
      gboolean ok = write_batch (pool, b, error);
      batch_recycle (pool, b);
      return ok;
    }
  g_queue_push_tail (&pool->pending, b);
  g_async_queue_push (pool->todo, b);
  while (pool->pending.length > pool->n_threads * IN_FLIGHT_PER_THREAD)
    if (!write_oldest (pool, TRUE, error))
      return FALSE;
  GError *err = NULL;
  while (pool->pending.length > 0 && write_oldest (pool, FALSE, &err))
    ;
  if (err != NULL)
    {
      g_propagate_error (error, err);
      return FALSE;
    }
  return TRUE;
}

gboolean
vb_coder_pool_push (VbCoderPool *pool, GPtrArray *doc, GError **error)
{
  g_return_val_if_fail (!pool->failed, FALSE);
  if (pool->cur == NULL)
    pool->cur = batch_new (pool);
  pool->cur->n_segments += doc->len;
  g_ptr_array_add (pool->cur->docs, doc);
  if (pool->cur->n_segments < BATCH_SEGMENTS)
    return TRUE;
  return submit (pool, error);
}

gboolean
vb_coder_pool_finish (VbCoderPool *pool, GError **error)
{
  g_return_val_if_fail (!pool->failed, FALSE);
  if (pool->cur != NULL && !submit (pool, error))
    return FALSE;
  while (pool->pending.length > 0)
    if (!write_oldest (pool, TRUE, error))
      return FALSE;
  return TRUE;
}

guint
vb_coder_pool_n_coded (const VbCoderPool *pool)
{
  return pool->n_coded;
}

void
vb_coder_pool_free (VbCoderPool *pool)
{
  if (pool == NULL)
    return;
  for (guint i = 0; i < pool->threads->len; i++)
    g_async_queue_push (pool->todo, pool);
  for (guint i = 0; i < pool->threads->len; i++)
    g_thread_join (pool->threads->pdata[i]);
  g_ptr_array_unref (pool->threads);
  /* Workers have stopped: whatever is still pending is theirs no more. */
  Batch *b;
  while ((b = g_queue_pop_head (&pool->pending)) != NULL)
    batch_free (b);
  if (pool->cur != NULL)
    batch_free (pool->cur);
  g_ptr_array_unref (pool->spare);
  if (pool->todo != NULL)
    g_async_queue_unref (pool->todo);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->cond);
  g_free (pool);
}
