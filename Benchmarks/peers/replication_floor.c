// The least a replicated write can cost on this machine: the message chain of a three-node
// Raft write with nothing else. One client process sends a request to a leader process over
// loopback TCP; the leader sends it to two follower processes, appends it to its own file and
// fdatasyncs (as a leader with parallel writes does), waits for the first follower's answer
// (its own copy and one follower are a majority) and answers the client. Each follower appends
// to its file, fdatasyncs and answers. Files are preallocated (posix_fallocate), sockets are
// blocking with TCP_NODELAY; no event loop, no parsing, no checksums, no state machine.
//
// scripts/bench kv runs it at one client beside ours and etcd: at one client a write is a
// chain of wake-ups and syncs, and this says how much of a write's time is the machine's.
//
//   replication_floor --value-size 128 --seconds 5 --dir /tmp/x
// prints one JSON line in kvstore bench's form (target "floor").
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { HEADER = 40, ANSWER = 8 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static int listen_loopback(int *port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof a;
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, 4) || getsockname(s, (struct sockaddr *)&a, &length))
        fail("listen");
    *port = ntohs(a.sin_port);
    return s;
}

static int no_delay(int s) {
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return s;
}

static int dial(int port) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a)) fail("connect");
    return no_delay(s);
}

static void read_exactly(int fd, char *buffer, size_t count) {
    while (count > 0) {
        ssize_t n = read(fd, buffer, count);
        if (n <= 0) exit(0);  // the peer went away: the run is over
        buffer += n;
        count -= (size_t)n;
    }
}

static void write_all(int fd, const char *buffer, size_t count) {
    while (count > 0) {
        ssize_t n = write(fd, buffer, count);
        if (n <= 0) exit(0);
        buffer += n;
        count -= (size_t)n;
    }
}

/// A preallocated log file and its append position.
struct log_file {
    int fd;
    off_t end;
};

static struct log_file open_log(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct log_file log = {open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), 0};
    if (log.fd < 0 || posix_fallocate(log.fd, 0, 256 << 20) || fsync(log.fd)) fail(path);
    return log;
}

static void append_durably(struct log_file *log, const char *record, size_t count) {
    if (pwrite(log->fd, record, count, log->end) != (ssize_t)count || fdatasync(log->fd)) fail("append");
    log->end += (off_t)count;
}

static void follower(int listener, const char *dir, const char *name, size_t record) {
    int leader = no_delay(accept(listener, NULL, NULL));
    struct log_file log = open_log(dir, name);
    char *buffer = malloc(record);
    for (;;) {
        read_exactly(leader, buffer, record);
        append_durably(&log, buffer, record);
        write_all(leader, buffer, ANSWER);
    }
}

static void leader(int listener, int port1, int port2, const char *dir, size_t request, size_t record) {
    int followers[2] = {dial(port1), dial(port2)};
    int unanswered[2] = {0, 0};  // answers still to read from the follower that was slower
    struct log_file log = open_log(dir, "leader.log");
    int client = no_delay(accept(listener, NULL, NULL));
    char *buffer = malloc(request > record ? request : record);
    for (;;) {
        read_exactly(client, buffer, request);
        write_all(followers[0], buffer, record);
        write_all(followers[1], buffer, record);
        append_durably(&log, buffer, record);
        unanswered[0]++;
        unanswered[1]++;
        struct pollfd ready[2] = {{followers[0], POLLIN, 0}, {followers[1], POLLIN, 0}};
        if (poll(ready, 2, -1) < 0) fail("poll");
        int first = ready[0].revents ? 0 : 1;
        read_exactly(followers[first], buffer, ANSWER);
        unanswered[first]--;
        for (int f = 0; f < 2; f++) {  // take the other's answers that are already in
            struct pollfd other = {followers[f], POLLIN, 0};
            while (unanswered[f] > 0 && poll(&other, 1, 0) == 1) {
                read_exactly(followers[f], buffer, ANSWER);
                unanswered[f]--;
            }
        }
        write_all(client, buffer, ANSWER);
    }
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    size_t value = 128;
    double seconds = 5;
    const char *dir = "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--value-size")) value = strtoul(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "--seconds")) seconds = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--dir")) dir = argv[i + 1];
        else {
            fprintf(stderr, "usage: replication_floor [--value-size N] [--seconds S] [--dir DIR]\n");
            return 2;
        }
    }
    size_t request = 16 + value + HEADER, record = request + HEADER;  // a key, the value, framing
    setpgid(0, 0);
    int leader_port, port1, port2;
    int leader_listener = listen_loopback(&leader_port);
    int listener1 = listen_loopback(&port1), listener2 = listen_loopback(&port2);
    if (fork() == 0) follower(listener1, dir, "follower1.log", record);
    if (fork() == 0) follower(listener2, dir, "follower2.log", record);
    if (fork() == 0) leader(leader_listener, port1, port2, dir, request, record);

    int server = dial(leader_port);
    char *buffer = calloc(1, request);
    size_t capacity = 1 << 20, count = 0;
    double *latencies = malloc(capacity * sizeof *latencies);
    double start = now(), end = start + seconds;
    while (now() < end) {
        double sent = now();
        write_all(server, buffer, request);
        read_exactly(server, buffer, ANSWER);
        if (count == capacity) latencies = realloc(latencies, (capacity *= 2) * sizeof *latencies);
        latencies[count++] = now() - sent;
    }
    double elapsed = now() - start;
    signal(SIGTERM, SIG_IGN);
    kill(0, SIGTERM);
    while (wait(NULL) > 0) {}
    qsort(latencies, count, sizeof *latencies, by_value);
    printf("{\"target\":\"floor\",\"client\":\"replication_floor.c\",\"clients\":1,\"conns\":1,\"value_size\":%zu,"
           "\"ops\":%zu,\"seconds\":%.3f,\"ops_per_s\":%.1f,\"p50_us\":%.0f,\"p99_us\":%.0f,\"p999_us\":%.0f,\"errors\":0}\n",
           value, count, elapsed, count / elapsed, latencies[count / 2] * 1e6, latencies[count * 99 / 100] * 1e6,
           latencies[count * 999 / 1000] * 1e6);
    return 0;
}
