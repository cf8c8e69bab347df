/* The disk's own cost of the WAL benchmark's pattern: per sync, `batch` records of
 * the same size as ours (frame, batch and entry headers plus the payload) written with
 * one pwrite and made durable with one fdatasync; a new 64 MiB segment file
 * (preallocated with posix_fallocate, synced, directory synced) when the current one is
 * full, as ours does. No encoding and no checksum: this is the floor our WAL sits on,
 * not a competing log.
 *
 *   cc -O2 -o wal_peer wal_peer.c
 *   wal_peer --batch N --payload BYTES [--seconds S] [--dir PATH]   -> one JSON line
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SEGMENT_BYTES (64L << 20)

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static int start_segment(const char *dir, int sequence) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%016x.seg", dir, sequence);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die("open");
    char header[23] = {0};
    if (pwrite(fd, header, sizeof header, 0) != sizeof header) die("pwrite");
    posix_fallocate(fd, 0, SEGMENT_BYTES);
    if (fsync(fd) != 0) die("fsync");
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dirfd < 0 || fsync(dirfd) != 0) die("fsync dir");
    close(dirfd);
    return fd;
}

int main(int argc, char **argv) {
    int batch = 16, payload = 16;
    double seconds = 1.0;
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--batch")) batch = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--payload")) payload = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--seconds")) seconds = atof(argv[i + 1]);
        else if (!strcmp(argv[i], "--dir")) base = argv[i + 1];
    }
    char dir[2048];
    snprintf(dir, sizeof dir, "%s/wal-peer-%d", base, (int)getpid());
    if (mkdir(dir, 0755) != 0) die("mkdir");

    long record = 9 + 20 + 13 + payload;
    long chunk = record * batch;
    unsigned char *buffer = malloc(chunk);
    memset(buffer, 0xA5, chunk);
    int sequence = 1;
    int fd = start_segment(dir, sequence);
    long offset = 23, entries = 0, syncs = 0;
    double start = now(), deadline = start + seconds;
    do {
        if (offset + chunk > SEGMENT_BYTES && offset > 23) {
            if (fdatasync(fd) != 0) die("fdatasync");
            close(fd);
            fd = start_segment(dir, ++sequence);
            offset = 23;
        }
        buffer[0] = (unsigned char)entries;
        if (pwrite(fd, buffer, chunk, offset) != chunk) die("pwrite");
        if (fdatasync(fd) != 0) die("fdatasync");
        offset += chunk;
        entries += batch;
        syncs += 1;
    } while (now() < deadline);
    double elapsed = now() - start;
    close(fd);
    for (int s = 1; s <= sequence; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%016x.seg", dir, s);
        unlink(path);
    }
    rmdir(dir);
    printf("{\"name\": \"wal.batch%d.payload%d\", \"impl\": \"peer\", \"batch\": %d, \"payload_bytes\": %d, "
           "\"record_bytes\": %ld, \"entries\": %ld, \"syncs\": %ld, \"segments\": %d, \"seconds\": %.3f, "
           "\"entries_per_s\": %.1f, \"syncs_per_s\": %.1f}\n",
           batch, payload, batch, payload, record, entries, syncs, sequence, elapsed, entries / elapsed,
           syncs / elapsed);
    return 0;
}
