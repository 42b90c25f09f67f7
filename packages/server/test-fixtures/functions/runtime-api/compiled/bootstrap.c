/*
 * A compiled custom runtime: C and POSIX sockets only, speaking HTTP/1.1 to the Lambda
 * Runtime API at AWS_LAMBDA_RUNTIME_API (one connection per request, `Connection: close`).
 * _HANDLER picks the behaviour: echo, throws, sleeps, loops, exits, counter, noop; any other
 * name is reported as an init error.
 *
 * Build: cc -std=c11 -O2 -o bootstrap bootstrap.c
 */
#define _POSIX_C_SOURCE 200809L
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct buffer {
  char *data;
  size_t length;
  size_t capacity;
};

struct response {
  int status;
  struct buffer raw;
  size_t body;
};

static char host[256];
static char port[16];

static void append(struct buffer *b, const char *data, size_t length) {
  if (b->length + length + 1 > b->capacity) {
    size_t capacity = b->capacity == 0 ? 4096 : b->capacity;
    while (capacity < b->length + length + 1) capacity *= 2;
    b->data = realloc(b->data, capacity);
    if (b->data == NULL) exit(70);
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, data, length);
  b->length += length;
  b->data[b->length] = '\0';
}

static void appendf(struct buffer *b, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int length = vsnprintf(NULL, 0, format, args);
  va_end(args);
  char *text = malloc((size_t)length + 1);
  if (text == NULL) exit(70);
  va_start(args, format);
  vsnprintf(text, (size_t)length + 1, format, args);
  va_end(args);
  append(b, text, (size_t)length);
  free(text);
}

static int connect_api(void) {
  struct addrinfo hints = {0};
  struct addrinfo *found;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &found) != 0) return -1;
  int fd = -1;
  for (struct addrinfo *a = found; a != NULL && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  return fd;
}

/* Sends one request and reads the whole answer; a runtime whose API is gone exits. */
static void request(const char *method, const char *path, const char *headers, const char *body, size_t length, struct response *out) {
  int fd = connect_api();
  if (fd < 0) {
    fprintf(stderr, "cannot reach the Runtime API at %s:%s\n", host, port);
    exit(1);
  }
  struct buffer message = {0};
  appendf(&message, "%s /2018-06-01/runtime/%s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\nContent-Length: %zu\r\n%s\r\n", method, path, host,
          port, length, headers);
  append(&message, body, length);
  for (size_t sent = 0; sent < message.length;) {
    ssize_t n = send(fd, message.data + sent, message.length - sent, 0);
    if (n <= 0) exit(1);
    sent += (size_t)n;
  }
  free(message.data);
  memset(out, 0, sizeof *out);
  char chunk[65536];
  for (ssize_t n; (n = recv(fd, chunk, sizeof chunk, 0)) > 0;) append(&out->raw, chunk, (size_t)n);
  close(fd);
  if (out->raw.data == NULL || sscanf(out->raw.data, "HTTP/1.%*d %d", &out->status) != 1) exit(1);
  char *end = strstr(out->raw.data, "\r\n\r\n");
  out->body = end == NULL ? out->raw.length : (size_t)(end - out->raw.data) + 4;
}

/* Copies the value of header `name` (case-insensitive) into `value`, or "" when absent. */
static void header(const struct response *r, const char *name, char *value, size_t size) {
  size_t name_length = strlen(name);
  value[0] = '\0';
  for (const char *line = strstr(r->raw.data, "\r\n"); line != NULL && (size_t)(line - r->raw.data) < r->body; line = strstr(line + 2, "\r\n")) {
    const char *start = line + 2;
    if (strncasecmp(start, name, name_length) != 0 || start[name_length] != ':') continue;
    start += name_length + 1;
    while (*start == ' ') start++;
    size_t length = strcspn(start, "\r");
    if (length >= size) length = size - 1;
    memcpy(value, start, length);
    value[length] = '\0';
    return;
  }
}

static long long now_ms(void) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static const char *env_or(const char *name, const char *fallback) {
  const char *value = getenv(name);
  return value == NULL ? fallback : value;
}

int main(void) {
  const char *api = env_or("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
  const char *colon = strrchr(api, ':');
  if (colon == NULL || (size_t)(colon - api) >= sizeof host) return 1;
  memcpy(host, api, (size_t)(colon - api));
  snprintf(port, sizeof port, "%s", colon + 1);

  const char *handler = env_or("_HANDLER", "");
  const char *known[] = {"echo", "throws", "sleeps", "loops", "exits", "counter", "noop"};
  int found = 0;
  for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) found |= strcmp(handler, known[i]) == 0;
  if (!found) {
    struct buffer error = {0};
    struct response answer;
    appendf(&error, "{\"errorType\":\"Runtime.HandlerNotFound\",\"errorMessage\":\"Unknown handler '%s'\"}", handler);
    request("POST", "init/error", "Lambda-Runtime-Function-Error-Type: Runtime.HandlerNotFound\r\n", error.data, error.length, &answer);
    return 1;
  }

  int count = 0;
  for (;;) {
    struct response next;
    request("GET", "invocation/next", "", "", 0, &next);
    if (next.status != 200) return 1;
    char id[128], deadline[32], arn[512], trace[512];
    header(&next, "Lambda-Runtime-Aws-Request-Id", id, sizeof id);
    header(&next, "Lambda-Runtime-Deadline-Ms", deadline, sizeof deadline);
    header(&next, "Lambda-Runtime-Invoked-Function-Arn", arn, sizeof arn);
    header(&next, "Lambda-Runtime-Trace-Id", trace, sizeof trace);

    struct buffer answer = {0};
    int failed = 0;
    if (strcmp(handler, "echo") == 0) {
      append(&answer, "{\"event\":", 9);
      append(&answer, next.raw.data + next.body, next.raw.length - next.body);
      appendf(&answer,
              ",\"context\":{\"requestId\":\"%s\",\"functionName\":\"%s\",\"invokedFunctionArn\":\"%s\",\"remainingMs\":%lld,"
              "\"traceId\":\"%s\",\"memoryLimitMb\":%s},\"env\":\"%s\"}",
              id, env_or("AWS_LAMBDA_FUNCTION_NAME", ""), arn, atoll(deadline) - now_ms(), trace, env_or("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"),
              env_or("FLOWGATE_TEST_VALUE", ""));
    } else if (strcmp(handler, "throws") == 0) {
      failed = 1;
      appendf(&answer, "{\"errorType\":\"CustomError\",\"errorMessage\":\"boom\"}");
    } else if (strcmp(handler, "sleeps") == 0) {
      sleep(30);
      appendf(&answer, "{}");
    } else if (strcmp(handler, "loops") == 0) {
      for (volatile unsigned long spins = 0;; spins++) {
      }
    } else if (strcmp(handler, "exits") == 0) {
      exit(3);
    } else if (strcmp(handler, "counter") == 0) {
      appendf(&answer, "{\"count\":%d,\"pid\":%d}", ++count, (int)getpid());
    } else {
      appendf(&answer, "{}");
    }

    char path[256];
    snprintf(path, sizeof path, "invocation/%s/%s", id, failed ? "error" : "response");
    struct response posted;
    request("POST", path, failed ? "Lambda-Runtime-Function-Error-Type: Unhandled\r\n" : "Content-Type: application/json\r\n", answer.data, answer.length,
            &posted);
    free(answer.data);
    free(posted.raw.data);
    free(next.raw.data);
  }
}
