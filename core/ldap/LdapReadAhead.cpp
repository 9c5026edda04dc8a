#include "LdapReadAhead.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace {

struct Buffer
{
    char bytes[LdapReadAhead::kBufferBytes];
    ber_len_t begin = 0;
    ber_len_t end = 0;
};

Buffer* bufferOf(Sockbuf_IO_Desc* layer)
{
    return static_cast<Buffer*>(layer->sbiod_pvt);
}

int setup(Sockbuf_IO_Desc* layer, void*)
{
    layer->sbiod_pvt = new (std::nothrow) Buffer;
    return layer->sbiod_pvt ? 0 : -1;
}

// Frees the buffer even when bytes are left in it (a search abandoned while the server still
// sent): the connection is being closed, nobody will read them.
int remove(Sockbuf_IO_Desc* layer)
{
    delete bufferOf(layer);
    layer->sbiod_pvt = nullptr;
    return 0;
}

int control(Sockbuf_IO_Desc* layer, int option, void* argument)
{
    const Buffer* buffer = bufferOf(layer);
    if (option == LBER_SB_OPT_DATA_READY && buffer->begin != buffer->end) {
        return 1;
    }
    return LBER_SBIOD_CTRL_NEXT(layer, option, argument);
}

ber_slen_t read(Sockbuf_IO_Desc* layer, void* into, ber_len_t length)
{
    Buffer* buffer = bufferOf(layer);
    if (buffer->begin == buffer->end) {
        if (length >= sizeof buffer->bytes) {
            return LBER_SBIOD_READ_NEXT(layer, into, length);
        }
        // errno of a failed read (EAGAIN, EINTR, ECONNRESET) reaches the TLS layer untouched.
        const ber_slen_t got = LBER_SBIOD_READ_NEXT(layer, buffer->bytes, sizeof buffer->bytes);
        if (got <= 0) {
            return got;
        }
        buffer->begin = 0;
        buffer->end = ber_len_t(got);
    }
    const ber_len_t taken = std::min(length, buffer->end - buffer->begin);
    std::memcpy(into, buffer->bytes + buffer->begin, taken);
    buffer->begin += taken;
    return ber_slen_t(taken);
}

ber_slen_t write(Sockbuf_IO_Desc* layer, void* from, ber_len_t length)
{
    return LBER_SBIOD_WRITE_NEXT(layer, from, length);
}

Sockbuf_IO readAheadLayer = {setup, remove, control, read, write, nullptr};

} // namespace

bool LdapReadAhead::install(Sockbuf* socket)
{
    return ber_sockbuf_add_io(socket, &readAheadLayer, kLevel, nullptr) == 0;
}
