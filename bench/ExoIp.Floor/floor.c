/* The floor of the footprint benchmark in C: the same input and output as exoip-floor (Program.cs) and an idle
   watchdog, with nothing else. Every interval a 24-byte advert signed with HMAC-SHA256 (OpenSSL) to each peer;
   every advert received read and its signature computed; one thread asleep in one poll between them.
   What it costs is what the kernel and OpenSSL cost for this work on this machine.

     exoip-floor-c INTERVAL ADDRESS PORT PEER...   (the same arguments as exoip-floor) */
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

enum { MaxPeers = 16 };

static long long monotonic_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 5 || argc - 4 > MaxPeers) {
        fprintf(stderr, "usage: exoip-floor-c INTERVAL ADDRESS PORT PEER... (at most %d peers)\n", MaxPeers);
        return 2;
    }
    const long long interval = (long long)(atof(argv[1]) * 1e9);
    struct sockaddr_in self = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[3])) };
    struct sockaddr_in peers[MaxPeers];
    int count = argc - 4;
    if (interval <= 0 || inet_pton(AF_INET, argv[2], &self.sin_addr) != 1) { fprintf(stderr, "exoip-floor-c: bad interval or address\n"); return 2; }
    for (int i = 0; i < count; i++) {
        peers[i] = self;
        if (inet_pton(AF_INET, argv[4 + i], &peers[i].sin_addr) != 1) { fprintf(stderr, "exoip-floor-c: bad peer %s\n", argv[4 + i]); return 2; }
    }
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0 || bind(s, (struct sockaddr *)&self, sizeof self) != 0) { perror("exoip-floor-c"); return 1; }
    unsigned char key[32] = { 1 }, advert[24] = { 0 }, mac[EVP_MAX_MD_SIZE], received[128];
    unsigned int length;
    long long next = monotonic_ns();
    printf("exoip-floor-c: %s:%s, %d peers, every %s s\n", argv[2], argv[3], count, argv[1]);
    fflush(stdout);
    for (;;) {
        long long now = monotonic_ns();
        if (now >= next) {
            memcpy(advert, &now, sizeof now);
            HMAC(EVP_sha256(), key, sizeof key, advert, sizeof advert, mac, &length);
            for (int i = 0; i < count; i++) sendto(s, advert, sizeof advert, 0, (struct sockaddr *)&peers[i], sizeof peers[i]);
            next += interval;
        }
        /* poll waits whole milliseconds: rounded up, so a round never ends in a string of 0 ms polls. */
        int ms = (int)((next - monotonic_ns() + 999999) / 1000000);
        struct pollfd wait = { .fd = s, .events = POLLIN };
        if (ms > 0 && poll(&wait, 1, ms) <= 0) continue;
        ssize_t n = recv(s, received, sizeof received, MSG_DONTWAIT);
        if (n > 0) HMAC(EVP_sha256(), key, sizeof key, received, n < 24 ? (size_t)n : 24, mac, &length);
    }
}
