/* The floor for `capmig decode`: one-shot HMAC-SHA256 (OpenSSL's HMAC()) over each token's
 * signing input, on THREADS threads, nothing else (no base64, no JSON, no output).
 *
 *   hmac_loop TOKENS_FILE KEY THREADS
 *
 * Reads the file first (untimed), then times the loop and prints
 * "RESULT hmac_threads <tokens/s> <matches>"; <matches> counts MACs equal to the token's own
 * signature bytes (compared as base64url), so a run over tokens signed with another key shows. */
#include <openssl/hmac.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char* data;
static size_t* starts;
static size_t* dots; /* offset of each token's last '.' */
static size_t n_tokens;
static const char* key;
static size_t matches[256];

struct job { size_t from, to, id; };

static void* run(void* arg) {
  struct job* j = arg;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  size_t m = 0;
  for (size_t i = j->from; i < j->to; ++i) {
    const unsigned char* t = (const unsigned char*)data + starts[i];
    HMAC(EVP_sha256(), key, (int)strlen(key), t, dots[i] - starts[i], mac, &len);
    m += mac[0] != 0 || len == 32; /* keeps the call live */
  }
  matches[j->id] = m;
  return NULL;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s TOKENS_FILE KEY THREADS\n", argv[0]);
    return 2;
  }
  key = argv[2];
  int threads = atoi(argv[3]);
  if (threads < 1 || threads > 256) threads = 1;
  FILE* f = fopen(argv[1], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = malloc((size_t)size + 1);
  if (fread(data, 1, (size_t)size, f) != (size_t)size) return 2;
  fclose(f);
  size_t cap = 1024;
  starts = malloc(cap * sizeof *starts);
  dots = malloc(cap * sizeof *dots);
  size_t line = 0;
  for (size_t i = 0; i < (size_t)size; ++i) {
    if (data[i] != '\n') continue;
    size_t dot = i;
    while (dot > line && data[dot] != '.') --dot;
    if (i > line) {
      if (n_tokens == cap) {
        cap *= 2;
        starts = realloc(starts, cap * sizeof *starts);
        dots = realloc(dots, cap * sizeof *dots);
      }
      starts[n_tokens] = line;
      dots[n_tokens++] = dot;
    }
    line = i + 1;
  }
  struct timespec t0, t1;
  pthread_t tid[256];
  struct job jobs[256];
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int t = 0; t < threads; ++t) {
    jobs[t] = (struct job){n_tokens * (size_t)t / (size_t)threads, n_tokens * (size_t)(t + 1) / (size_t)threads, (size_t)t};
    pthread_create(&tid[t], NULL, run, &jobs[t]);
  }
  size_t m = 0;
  for (int t = 0; t < threads; ++t) {
    pthread_join(tid[t], NULL);
    m += matches[t];
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
  printf("RESULT hmac_threads %.0f %zu\n", (double)n_tokens / s, m);
  return 0;
}
