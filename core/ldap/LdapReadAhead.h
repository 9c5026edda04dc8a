#pragma once

#include <lber.h>

// A read buffer between libldap's TLS layer and its TCP socket.
//
// slapd and Active Directory write every search entry in a message — and so a TLS record — of
// its own: a few hundred bytes. GnuTLS reads each record with two read(2) calls (header, then
// body) and libldap polls the socket before each message, so a read of 55,000 entries costs
// about 135,000 reads and 55,000 polls, a quarter of the reader's CPU. With this layer one
// read(2) takes up to 64 KiB, and the records already in it are served from memory (and
// libldap asks it, not the socket, whether data is ready). Bytes pass through unchanged: TLS
// still verifies and decrypts every record.
class LdapReadAhead
{
public:
    static constexpr ber_len_t kBufferBytes = 64 * 1024;
    // Between the TCP layer (LBER_SBIOD_LEVEL_PROVIDER) and TLS (LBER_SBIOD_LEVEL_TRANSPORT),
    // whichever is added first: libldap keeps a socket's layers ordered by level.
    static constexpr int kLevel = (LBER_SBIOD_LEVEL_PROVIDER + LBER_SBIOD_LEVEL_TRANSPORT) / 2;

    // Adds the layer to a connection's socket buffer (from libldap's connect callback). When
    // it cannot (out of memory), the connection simply reads unbuffered.
    static bool install(Sockbuf* socket);
};
