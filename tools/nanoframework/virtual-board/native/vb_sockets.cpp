// Virtual board: nanoFramework's SOCK_* socket layer (src/PAL/Include/nanoPAL_Sockets.h) on Linux sockets, for
// nanoCLR's POSIX host. On an ESP32, System.Net's natives (src/DeviceInterfaces/System.Net, compiled here as they
// are) call SOCK_* -> sockets_lwip.cpp -> LWIP_SOCKETS_Driver -> lwIP; this file takes the place of the last three
// and follows LWIP_SOCKETS_Driver (src/PAL/Lwip/lwIP_Sockets.cpp) where the managed side can tell the difference:
// - every socket is non-blocking (the interpreter is one OS thread: a blocking call would stall every managed
//   thread); a call that would block reports SOCK_EWOULDBLOCK and the natives wait on Event_Socket and retry;
// - a watcher thread (epoll, edge-triggered) raises SYSTEM_EVENT_FLAG_SOCKET when any socket changes state, as
//   lwIP's event callback does on the board;
// - errno -> the WSA codes (100xx) SocketException carries; a non-blocking connect reports SOCK_EWOULDBLOCK (lwIP
//   maps EINPROGRESS so); a connection's failure (refused, reset), which Linux reports once (POLLERR, SO_ERROR), is
//   kept for the socket until it closes, in select's except set and from every send and receive, as lwIP keeps it;
// - a datagram socket is readable only when a datagram waits, and a call that would block raises the socket event
//   again, so the natives' wait-and-retry never waits for an edge that does not come;
// - socket options by lwIP's mapping (SOL_SOCKET 0xFFFF, linger as an int, SO_EXCLUSIVEADDRUSE inverted);
// - the board has one address (VIRTUAL_BOARD_ADDRESS, then whatever the managed side configures): a bind to any
//   address binds to it, and an outgoing socket is bound to it first, so its peers see the board's address and
//   several boards can share a host's loopback (127.0.0.x);
// - raw sockets are bound to the board's address, so the kernel hands them only packets sent to the board, as lwIP's
//   raw_input does (on loopback a raw socket otherwise sees both directions), and a loopback sender's unfinished
//   checksum is completed as its NIC would have (CompleteOffloadedChecksum);
// - a socket budget (VIRTUAL_BOARD_SOCKETS, the firmware's CONFIG_LWIP_MAX_SOCKETS; default 16) past which
//   socket() and accept() fail as lwIP's do.
// What differs from lwIP (buffer sizes, TIME_WAIT, backlog behaviour, the 6-packet raw queue) is listed in the
// README of this folder.
#include <nanoCLR_Runtime.h>
#include <nanoHAL_ConfigurationManager.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

void Network_PostEvent(unsigned int eventType, unsigned int flags, unsigned int index);
void VirtualBoard_ServeProfileRequest();   // vb_profile.cpp

namespace
{
    constexpr int c_MaxFd = 4096;            // handles are Linux descriptors; more than any board's budget
    constexpr int c_DefaultSockets = 16;     // CONFIG_LWIP_MAX_SOCKETS of targets/ESP32/_IDF/sdkconfig.default
    constexpr int c_RawReceiveBytes = 4096;  // a small raw queue, as lwIP's 6 packets (Linux doubles it)

    enum SocketKind : uint8_t
    {
        Kind_None = 0,
        Kind_Stream,
        Kind_Datagram,
        Kind_Raw
    };

    // The table is the interpreter thread's alone (the watcher only waits on epoll and raises the event).
    SocketKind s_kind[c_MaxFd];
    bool s_bound[c_MaxFd];
    int s_socketError[c_MaxFd];        // the last error of each socket, as SOCK_getsocklasterror reports it
    int s_pendingError[c_MaxFd];       // a connection's failure (refused, reset), reported until close as lwIP's errevent
    int s_lastError = 0;               // the last error of any call (the interpreter is one thread)
    int s_openSockets = 0;
    int s_maxSockets = -1;
    int s_epoll = -1;

    // The board's one network interface, as its configuration block says (addresses in network byte order).
    HAL_Configuration_NetworkInterface s_interface;
    bool s_interfaceReady = false;

    int MaxSockets()
    {
        if (s_maxSockets < 0)
        {
            const char *text = std::getenv("VIRTUAL_BOARD_SOCKETS");
            int n = text != nullptr ? std::atoi(text) : 0;
            s_maxSockets = n > 0 && n < c_MaxFd ? n : c_DefaultSockets;
        }
        return s_maxSockets;
    }

    void EnsureInterface()
    {
        if (s_interfaceReady)
        {
            return;
        }
        s_interfaceReady = true;
        memset(&s_interface, 0, sizeof(s_interface));
        memcpy(s_interface.Marker, "CN1", 4);
        // a locally administered MAC (02:...), as no board has this one
        const uint8_t mac[6] = {0x02, 0x6E, 0x66, 0x76, 0x62, 0x01};
        memcpy(s_interface.MacAddress, mac, sizeof(mac));
        // the address a DHCP server would give the board: VIRTUAL_BOARD_ADDRESS (default 127.0.0.1)
        const char *text = std::getenv("VIRTUAL_BOARD_ADDRESS");
        in_addr address;
        if (text == nullptr || inet_pton(AF_INET, text, &address) != 1)
        {
            address.s_addr = htonl(INADDR_LOOPBACK);
        }
        s_interface.IPv4Address = address.s_addr;
        s_interface.IPv4NetMask = htonl(0xFF000000u);
        s_interface.InterfaceType = NetworkInterfaceType_Ethernet;
        s_interface.StartupAddressMode = AddressMode_DHCP;
        s_interface.AutomaticDNS = 1;
    }

    uint32_t BoardAddress()
    {
        EnsureInterface();
        return s_interface.IPv4Address;
    }

    // errno -> the WSA code System.Net's SocketException carries (LWIP_SOCKETS_Driver::GetNativeError's table).
    int WsaError(int error)
    {
        switch (error)
        {
            case EAGAIN:
            case EINPROGRESS:
                return SOCK_EWOULDBLOCK;
            case EINTR:
                return SOCK_EINTR;
            case EBADF:
                return SOCK_EBADF;
            case EACCES:
            case EPERM:
                return SOCK_EACCES;
            case EFAULT:
                return SOCK_EFAULT;
            case EINVAL:
                return SOCK_EINVAL;
            case EMFILE:
            case ENFILE:
                return SOCK_EMFILE;
            case EALREADY:
                return SOCK_EALREADY;
            case ENOTSOCK:
                return SOCK_ENOTSOCK;
            case EDESTADDRREQ:
                return SOCK_EDESTADDRREQ;
            case EMSGSIZE:
                return SOCK_EMSGSIZE;
            case EPROTOTYPE:
                return SOCK_EPROTOTYPE;
            case ENOPROTOOPT:
                return SOCK_ENOPROTOOPT;
            case EPROTONOSUPPORT:
                return SOCK_EPROTONOSUPPORT;
            case EOPNOTSUPP:
                return SOCK_EOPNOTSUPP;
            case EAFNOSUPPORT:
                return SOCK_EAFNOSUPPORT;
            case EADDRINUSE:
                return SOCK_EADDRINUSE;
            case EADDRNOTAVAIL:
                return SOCK_EADDRNOTAVAIL;
            case ENETDOWN:
                return SOCK_ENETDOWN;
            case ENETUNREACH:
                return SOCK_ENETUNREACH;
            case ECONNABORTED:
                return SOCK_ECONNABORTED;
            case ECONNRESET:
            case EPIPE:
                return SOCK_ECONNRESET;
            case ENOBUFS:
            case ENOMEM:
                return SOCK_ENOBUFS;
            case EISCONN:
                return SOCK_EISCONN;
            case ENOTCONN:
                return SOCK_ENOTCONN;
            case ETIMEDOUT:
                return SOCK_ETIMEDOUT;
            case ECONNREFUSED:
                return SOCK_ECONNREFUSED;
            case EHOSTUNREACH:
                return SOCK_EHOSTUNREACH;
            default:
                return SOCK_EINVAL;
        }
    }

    bool Valid(int socket)
    {
        return socket >= 0 && socket < c_MaxFd && s_kind[socket] != Kind_None;
    }

    // Records a failure for the socket and the call; always returns SOCK_SOCKET_ERROR.
    int Fail(int socket, int wsaError)
    {
        s_lastError = wsaError;
        if (socket >= 0 && socket < c_MaxFd)
        {
            s_socketError[socket] = wsaError;
        }
        return SOCK_SOCKET_ERROR;
    }

    int FailErrno(int socket)
    {
        return Fail(socket, WsaError(errno));
    }

    // The watcher: any readiness change of any socket wakes the interpreter's waits on Event_Socket.
    void Watch()
    {
        epoll_event events[32];
        while (true)
        {
            int n = epoll_wait(s_epoll, events, 32, -1);
            if (n > 0)
            {
                Events_Set(SYSTEM_EVENT_FLAG_SOCKET);
            }
            else if (n < 0 && errno != EINTR)
            {
                return;
            }
        }
    }

    void StartWatcher()
    {
        if (s_epoll >= 0)
        {
            return;
        }
        s_epoll = epoll_create1(EPOLL_CLOEXEC);
        std::thread(Watch).detach();
    }

    // A new descriptor becomes a board socket: non-blocking, watched, counted.
    int Adopt(int fd, SocketKind kind)
    {
        if (fd >= c_MaxFd)
        {
            close(fd);
            return Fail(-1, SOCK_EMFILE);
        }
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        s_kind[fd] = kind;
        s_bound[fd] = false;
        s_socketError[fd] = 0;
        s_pendingError[fd] = 0;
        s_openSockets++;
        StartWatcher();
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
        ev.data.fd = fd;
        epoll_ctl(s_epoll, EPOLL_CTL_ADD, fd, &ev);
        return fd;
    }

    void ToLinux(const SOCK_sockaddr *from, sockaddr_in &to)
    {
        const SOCK_sockaddr_in *in = reinterpret_cast<const SOCK_sockaddr_in *>(from);
        memset(&to, 0, sizeof(to));
        to.sin_family = AF_INET;
        to.sin_port = in->sin_port;
        to.sin_addr.s_addr = in->sin_addr.S_un.S_addr;
    }

    void FromLinux(const sockaddr_in &from, SOCK_sockaddr *to, int *toLength)
    {
        SOCK_sockaddr_in *out = reinterpret_cast<SOCK_sockaddr_in *>(to);
        memset(out, 0, sizeof(*out));
        out->sin_family = SOCK_AF_INET;
        out->sin_port = from.sin_port;
        out->sin_addr.S_un.S_addr = from.sin_addr.s_addr;
        if (toLength != nullptr)
        {
            *toLength = sizeof(SOCK_sockaddr_in);
        }
    }

    // An outgoing socket leaves from the board's address, as the board's has no other.
    bool BindToBoard(int socket)
    {
        if (s_bound[socket])
        {
            return true;
        }
        sockaddr_in local{};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = BoardAddress();
        if (bind(socket, reinterpret_cast<sockaddr *>(&local), sizeof(local)) != 0)
        {
            FailErrno(socket);
            return false;
        }
        s_bound[socket] = true;
        return true;
    }

    int NativeSocketOption(int optname)
    {
        switch (optname)
        {
            case SOCK_SOCKO_DONTLINGER:
            case SOCK_SOCKO_LINGER:
                return SO_LINGER;
            case SOCK_SOCKO_SENDTIMEOUT:
                return SO_SNDTIMEO;
            case SOCK_SOCKO_RECEIVETIMEOUT:
                return SO_RCVTIMEO;
            case SOCK_SOCKO_EXCLUSIVEADDRESSUSE:
            case SOCK_SOCKO_REUSEADDRESS:
                return SO_REUSEADDR;
            case SOCK_SOCKO_KEEPALIVE:
                return SO_KEEPALIVE;
            case SOCK_SOCKO_ERROR:
                return SO_ERROR;
            case SOCK_SOCKO_BROADCAST:
                return SO_BROADCAST;
            case SOCK_SOCKO_RECEIVEBUFFER:
                return SO_RCVBUF;
            case SOCK_SOCKO_SENDBUFFER:
                return SO_SNDBUF;
            case SOCK_SOCKO_ACCEPTCONNECTION:
                return SO_ACCEPTCONN;
            case SOCK_SOCKO_DONTROUTE:
                return SO_DONTROUTE;
            case SOCK_SOCKO_OUTOFBANDINLINE:
                return SO_OOBINLINE;
            default:
                return -1;
        }
    }

    int NativeIpOption(int optname)
    {
        switch (optname)
        {
            case SOCK_IPO_TTL:
                return IP_TTL;
            case SOCK_IPO_TOS:
                return IP_TOS;
            case SOCK_IPO_MULTICAST_IF:
                return IP_MULTICAST_IF;
            case SOCK_IPO_MULTICAST_TTL:
                return IP_MULTICAST_TTL;
            case SOCK_IPO_MULTICAST_LOOP:
                return IP_MULTICAST_LOOP;
            case SOCK_IPO_ADD_MEMBERSHIP:
                return IP_ADD_MEMBERSHIP;
            case SOCK_IPO_DROP_MEMBERSHIP:
                return IP_DROP_MEMBERSHIP;
            default:
                return -1;
        }
    }

    // The level and option a managed (level, name) pair stands for, as lwIP maps them; false when unsupported.
    bool NativeOption(int level, int optname, int &nativeLevel, int &nativeName)
    {
        switch (level)
        {
            case SOCK_IPPROTO_IP:
                nativeLevel = IPPROTO_IP;
                nativeName = NativeIpOption(optname);
                break;
            case SOCK_IPPROTO_TCP:
                nativeLevel = IPPROTO_TCP;
                nativeName = optname == SOCK_TCP_NODELAY ? TCP_NODELAY : -1;
                break;
            case SOCK_IPPROTO_UDP:
            case SOCK_IPPROTO_ICMP:
            case SOCK_IPPROTO_IGMP:
            case SOCK_IPPROTO_IPV4:
            case SOCK_SOL_SOCKET:
                nativeLevel = SOL_SOCKET;
                nativeName = NativeSocketOption(optname);
                break;
            default:
                nativeName = -1;
                break;
        }
        return nativeName >= 0;
    }

    // Loopback has no NIC to finish checksums: Linux hands a local sender's TCP and UDP packets over with the
    // checksum field holding only the pseudo-header's sum (CHECKSUM_PARTIAL), which a board on a wire never sees.
    // A raw packet whose field holds exactly that, and whose real checksum differs, gets the checksum its sender's
    // NIC would have written; any other checksum, a forged bad one included, is left as it came.
    uint32_t SumWords(const uint8_t *bytes, size_t length, uint32_t sum)
    {
        for (size_t i = 0; i + 1 < length; i += 2)
        {
            sum += (uint32_t)(bytes[i] << 8 | bytes[i + 1]);
        }
        if (length & 1)
        {
            sum += (uint32_t)(bytes[length - 1] << 8);
        }
        return sum;
    }

    uint16_t Fold(uint32_t sum)
    {
        while (sum >> 16)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (uint16_t)sum;
    }

    void CompleteOffloadedChecksum(uint8_t *packet, size_t length)
    {
        if (length < 20 || (packet[0] >> 4) != 4)
        {
            return;
        }
        size_t header = (size_t)(packet[0] & 0x0F) * 4;
        size_t total = (size_t)(packet[2] << 8 | packet[3]);
        uint8_t protocol = packet[9];
        if (header < 20 || total > length || total <= header || ((packet[6] & 0x3F) | packet[7]) != 0)
        {
            return;   // truncated, or a fragment: nothing to complete
        }
        size_t field = protocol == IPPROTO_TCP ? 16 : protocol == IPPROTO_UDP ? 6 : 0;
        size_t segment = total - header;
        if (field == 0 || segment < field + 2)
        {
            return;
        }
        uint8_t *transport = packet + header;
        uint32_t pseudo = SumWords(packet + 12, 8, 0) + protocol + (uint32_t)segment;
        uint16_t partial = Fold(pseudo);
        uint16_t stored = (uint16_t)(transport[field] << 8 | transport[field + 1]);
        if (stored != partial)
        {
            return;
        }
        transport[field] = 0;
        transport[field + 1] = 0;
        uint16_t checksum = (uint16_t)~Fold(SumWords(transport, segment, pseudo));
        if (protocol == IPPROTO_UDP && checksum == 0)
        {
            checksum = 0xFFFF;
        }
        transport[field] = (uint8_t)(checksum >> 8);
        transport[field + 1] = (uint8_t)checksum;
    }

    // A raw receive: the whole packet into a scratch buffer (its checksum needs every byte), completed, then as much
    // as the caller's buffer holds, as lwIP cuts a datagram to the buffer.
    ssize_t ReceiveRaw(int socket, char *buffer, size_t length, int flags, sockaddr *from, socklen_t *fromLength)
    {
        static uint8_t packet[65536];
        ssize_t n = recvfrom(socket, packet, sizeof(packet), flags, from, fromLength);
        if (n <= 0)
        {
            return n;
        }
        CompleteOffloadedChecksum(packet, (size_t)n);
        size_t copied = (size_t)n < length ? (size_t)n : length;
        memcpy(buffer, packet, copied);
        return (ssize_t)copied;
    }

    // A call that would block makes the natives wait on Event_Socket; raising it again makes them look once more
    // instead of waiting for an edge that may never come (a datagram dropped after poll said readable, a bad
    // checksum on Linux, which lwIP drops before select sees it).
    int FailWouldBlockOr(int socket)
    {
        int result = FailErrno(socket);
        if (s_lastError == SOCK_EWOULDBLOCK)
        {
            Events_Set(SYSTEM_EVENT_FLAG_SOCKET);
        }
        return result;
    }

    // A datagram socket is readable only when a datagram is there to take: Linux's poll may count one that the
    // receive then drops.
    bool DatagramWaiting(int fd)
    {
        char byte;
        return recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
    }

    // A failure the kernel reported once (SO_ERROR clears it), kept for the socket as lwIP keeps its errevent.
    int PendingError(int fd, short revents)
    {
        if (s_pendingError[fd] == 0 && (revents & POLLERR) != 0)
        {
            int error = 0;
            socklen_t length = sizeof(error);
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0)
            {
                s_pendingError[fd] = WsaError(error);
            }
        }
        return s_pendingError[fd];
    }
} // namespace

// ---- sockets ------------------------------------------------------------------------------------------------

int SOCK_socket(int family, int type, int protocol)
{
    if (family != SOCK_AF_INET)
    {
        return Fail(-1, SOCK_EAFNOSUPPORT);   // the board's lwIP is built without IPv6 (LWIP_IPV6 off)
    }
    SocketKind kind;
    int linuxType;
    switch (type)
    {
        case SOCK_SOCK_STREAM:
            kind = Kind_Stream;
            linuxType = SOCK_STREAM;
            break;
        case SOCK_SOCK_DGRAM:
            kind = Kind_Datagram;
            linuxType = SOCK_DGRAM;
            break;
        case SOCK_SOCK_RAW:
            kind = Kind_Raw;
            linuxType = SOCK_RAW;
            break;
        default:
            return Fail(-1, SOCK_ESOCKTNOSUPPORT);
    }
    if (s_openSockets >= MaxSockets())
    {
        return Fail(-1, SOCK_EMFILE);   // lwIP: ENFILE when every netconn is in use
    }
    int fd = socket(AF_INET, linuxType, protocol);
    if (fd < 0)
    {
        return FailErrno(-1);
    }
    if (kind == Kind_Raw)
    {
        int bytes = c_RawReceiveBytes;
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes));
    }
    return Adopt(fd, kind);
}

int SOCK_bind(int socket, const struct SOCK_sockaddr *address, int addressLen)
{
    (void)addressLen;
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    sockaddr_in local;
    ToLinux(address, local);
    if (local.sin_addr.s_addr == htonl(INADDR_ANY))
    {
        local.sin_addr.s_addr = BoardAddress();   // the board's only address
    }
    if (s_kind[socket] == Kind_Stream)
    {
        // A board that restarts has no TIME_WAIT from before: its listeners bind again at once.
        int on = 1;
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    }
    if (bind(socket, reinterpret_cast<sockaddr *>(&local), sizeof(local)) != 0)
    {
        return FailErrno(socket);
    }
    s_bound[socket] = true;
    return 0;
}

int SOCK_connect(int socket, const struct SOCK_sockaddr *address, int addressLen)
{
    (void)addressLen;
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    if (!BindToBoard(socket))
    {
        return SOCK_SOCKET_ERROR;
    }
    sockaddr_in remote;
    ToLinux(address, remote);
    if (connect(socket, reinterpret_cast<sockaddr *>(&remote), sizeof(remote)) != 0)
    {
        return FailErrno(socket);   // EINPROGRESS -> SOCK_EWOULDBLOCK, what the natives wait on
    }
    s_socketError[socket] = 0;
    return 0;
}

int SOCK_send(int socket, const char *buf, int len, int flags)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    if (s_pendingError[socket] != 0)
    {
        return Fail(socket, s_pendingError[socket]);
    }
    ssize_t n = send(socket, buf, (size_t)len, (flags & MSG_OOB) | MSG_NOSIGNAL);
    return n < 0 ? FailWouldBlockOr(socket) : (int)n;
}

int SOCK_recv(int socket, char *buf, int len, int flags)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    if (s_pendingError[socket] != 0)
    {
        return Fail(socket, s_pendingError[socket]);
    }
    int linuxFlags = flags & (MSG_OOB | MSG_PEEK);
    ssize_t n = s_kind[socket] == Kind_Raw ? ReceiveRaw(socket, buf, (size_t)len, linuxFlags, nullptr, nullptr)
                                            : recv(socket, buf, (size_t)len, linuxFlags);
    return n < 0 ? FailWouldBlockOr(socket) : (int)n;
}

int SOCK_close(int socket)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    if (s_epoll >= 0)
    {
        epoll_ctl(s_epoll, EPOLL_CTL_DEL, socket, nullptr);
    }
    s_kind[socket] = Kind_None;
    s_bound[socket] = false;
    s_socketError[socket] = 0;
    s_pendingError[socket] = 0;
    s_openSockets--;
    close(socket);
    return 0;
}

int SOCK_listen(int socket, int backlog)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    return listen(socket, backlog) != 0 ? FailErrno(socket) : 0;
}

int SOCK_accept(int socket, struct SOCK_sockaddr *address, int *addressLen)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    sockaddr_in peer{};
    socklen_t length = sizeof(peer);
    int fd = accept4(socket, reinterpret_cast<sockaddr *>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0)
    {
        return FailErrno(socket);
    }
    if (s_openSockets >= MaxSockets())
    {
        // lwIP refuses the connection when no netconn is free; the peer sees a reset
        linger reset = {1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset));
        close(fd);
        return Fail(socket, SOCK_EMFILE);
    }
    if (address != nullptr)
    {
        FromLinux(peer, address, addressLen);
    }
    int accepted = Adopt(fd, Kind_Stream);
    if (accepted >= 0)
    {
        s_bound[accepted] = true;
    }
    return accepted;
}

int SOCK_shutdown(int socket, int how)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    return shutdown(socket, how) != 0 ? FailErrno(socket) : 0;
}

// Names are never resolved on the board's loop; a dotted IPv4 literal is answered without blocking, anything
// else is "host not found" (the gateway itself never calls Dns).
int SOCK_getaddrinfo(
    const char *nodename,
    char *servname,
    const struct SOCK_addrinfo *hints,
    struct SOCK_addrinfo **res)
{
    (void)servname;
    (void)hints;
    in_addr address;
    if (nodename == nullptr || inet_pton(AF_INET, nodename, &address) != 1)
    {
        s_lastError = SOCK_HOST_NOT_FOUND;
        return SOCK_SOCKET_ERROR;
    }
    SOCK_addrinfo *info = static_cast<SOCK_addrinfo *>(calloc(1, sizeof(SOCK_addrinfo) + sizeof(SOCK_sockaddr_in)));
    if (info == nullptr)
    {
        s_lastError = SOCK_ENOBUFS;
        return SOCK_SOCKET_ERROR;
    }
    SOCK_sockaddr_in *in = reinterpret_cast<SOCK_sockaddr_in *>(info + 1);
    in->sin_family = SOCK_AF_INET;
    in->sin_addr.S_un.S_addr = address.s_addr;
    info->ai_family = SOCK_AF_INET;
    info->ai_addrlen = sizeof(SOCK_sockaddr_in);
    info->ai_addr = reinterpret_cast<SOCK_sockaddr *>(static_cast<void *>(in));
    *res = info;
    return 0;
}

void SOCK_freeaddrinfo(struct SOCK_addrinfo *ai)
{
    free(ai);
}

int SOCK_ioctl(int socket, int cmd, int *data)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    if (cmd == (int)SOCK_FIONBIO)
    {
        return 0;   // always non-blocking underneath; the managed side's Blocking is its own wait-and-retry
    }
    if (cmd == (int)SOCK_FIONREAD)
    {
        int available = 0;
        if (ioctl(socket, FIONREAD, &available) != 0)
        {
            return FailErrno(socket);
        }
        *data = available;
        return 0;
    }
    return Fail(socket, SOCK_EINVAL);
}

int SOCK_getlasterror()
{
    return s_lastError;
}

int SOCK_getsocklasterror(int socket)
{
    return socket >= 0 && socket < c_MaxFd ? s_socketError[socket] : SOCK_ENOTSOCK;
}

// select as lwIP's: each set keeps the sockets that are ready; a socket with a pending error (a refused connect,
// a reset) is in the except set, its error kept for SOCK_getsocklasterror and SOCK_getlasterror.
int SOCK_select(int nfds, SOCK_fd_set *readfds, SOCK_fd_set *writefds, SOCK_fd_set *exceptfds, const struct SOCK_timeval *timeout)
{
    (void)nfds;
    VirtualBoard_ServeProfileRequest();
    pollfd polls[SOCK_FD_SETSIZE];
    int count = 0;
    SOCK_fd_set *sets[3] = {readfds, writefds, exceptfds};
    for (int s = 0; s < 3; s++)
    {
        if (sets[s] == nullptr)
        {
            continue;
        }
        for (unsigned int i = 0; i < sets[s]->fd_count; i++)
        {
            int fd = sets[s]->fd_array[i];
            int k = 0;
            while (k < count && polls[k].fd != fd)
            {
                k++;
            }
            if (k == count)
            {
                if (count == SOCK_FD_SETSIZE)
                {
                    break;
                }
                polls[count].fd = fd;
                polls[count].events = 0;
                polls[count].revents = 0;
                count++;
            }
            polls[k].events |= s == 0 ? (POLLIN | POLLRDHUP) : s == 1 ? POLLOUT : 0;
        }
    }
    int waitMs = timeout == nullptr ? -1 : (int)(timeout->tv_sec * 1000 + timeout->tv_usec / 1000);
    if (poll(polls, (nfds_t)count, waitMs) < 0)
    {
        return FailErrno(-1);
    }
    int ready = 0;
    for (int s = 0; s < 3; s++)
    {
        if (sets[s] == nullptr)
        {
            continue;
        }
        unsigned int kept = 0;
        for (unsigned int i = 0; i < sets[s]->fd_count; i++)
        {
            int fd = sets[s]->fd_array[i];
            short revents = 0;
            for (int k = 0; k < count; k++)
            {
                if (polls[k].fd == fd)
                {
                    revents = polls[k].revents;
                }
            }
            bool set = false;
            bool valid = fd >= 0 && fd < c_MaxFd && (revents & POLLNVAL) == 0;
            int pending = valid ? PendingError(fd, revents) : SOCK_EBADF;
            if (s == 0)
            {
                // readable: data, a peer's close, or a failure the receive will report
                set = pending != 0 || (revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0 ||
                      ((revents & POLLIN) != 0 && (s_kind[fd] != Kind_Datagram || DatagramWaiting(fd)));
            }
            else if (s == 1)
            {
                set = pending == 0 && (revents & POLLOUT) != 0;
            }
            else if (pending != 0)
            {
                Fail(fd, pending);
                set = true;
            }
            if (set)
            {
                sets[s]->fd_array[kept++] = fd;
                ready++;
            }
        }
        sets[s]->fd_count = kept;
    }
    return ready;
}

int SOCK_setsockopt(int socket, int level, int optname, const char *optval, int optlen)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    int nativeLevel = 0;
    int nativeName = 0;
    if (!NativeOption(level, optname, nativeLevel, nativeName))
    {
        return Fail(socket, SOCK_ENOPROTOOPT);
    }
    int value = optlen >= 4 ? *reinterpret_cast<const int *>(optval) : 0;
    if (nativeName == SO_SNDTIMEO || nativeName == SO_RCVTIMEO)
    {
        return 0;   // the natives time their own waits (send/recv take the managed timeout); the fd never blocks
    }
    if (level == SOCK_SOL_SOCKET && optname == SOCK_SOCKO_LINGER)
    {
        if (value < 0)
        {
            return Fail(socket, SOCK_EINVAL);
        }
        linger on = {1, value};   // lwIP: linger on, for VALUE seconds (0: close sends a reset)
        return setsockopt(socket, SOL_SOCKET, SO_LINGER, &on, sizeof(on)) != 0 ? FailErrno(socket) : 0;
    }
    if (level == SOCK_SOL_SOCKET && optname == (int)SOCK_SOCKO_DONTLINGER)
    {
        linger off = {0, 0};
        return setsockopt(socket, SOL_SOCKET, SO_LINGER, &off, sizeof(off)) != 0 ? FailErrno(socket) : 0;
    }
    if (level == SOCK_SOL_SOCKET && optname == (int)SOCK_SOCKO_EXCLUSIVEADDRESSUSE)
    {
        value = !value;
    }
    return setsockopt(socket, nativeLevel, nativeName, &value, sizeof(value)) != 0 ? FailErrno(socket) : 0;
}

int SOCK_getsockopt(int socket, int level, int optname, char *optval, int *optlen)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    int nativeLevel = 0;
    int nativeName = 0;
    if (!NativeOption(level, optname, nativeLevel, nativeName) || *optlen < 4)
    {
        return Fail(socket, SOCK_ENOPROTOOPT);
    }
    int value = 0;
    if (nativeName == SO_ERROR)
    {
        value = s_pendingError[socket] != 0 ? s_pendingError[socket] : s_socketError[socket];
        s_socketError[socket] = 0;
    }
    else if (nativeName == SO_LINGER)
    {
        linger l{};
        socklen_t length = sizeof(l);
        if (getsockopt(socket, SOL_SOCKET, SO_LINGER, &l, &length) != 0)
        {
            return FailErrno(socket);
        }
        value = l.l_onoff ? l.l_linger : -1;
    }
    else if (nativeName == SO_SNDTIMEO || nativeName == SO_RCVTIMEO)
    {
        value = 0;
    }
    else
    {
        socklen_t length = sizeof(value);
        if (getsockopt(socket, nativeLevel, nativeName, &value, &length) != 0)
        {
            return FailErrno(socket);
        }
        if (level == SOCK_SOL_SOCKET && optname == (int)SOCK_SOCKO_EXCLUSIVEADDRESSUSE)
        {
            value = !value;   // as lwIP's driver: exclusive use is reuse turned off
        }
    }
    memcpy(optval, &value, 4);
    *optlen = 4;
    return 0;
}

int SOCK_getpeername(int socket, struct SOCK_sockaddr *name, int *namelen)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    sockaddr_in peer{};
    socklen_t length = sizeof(peer);
    if (getpeername(socket, reinterpret_cast<sockaddr *>(&peer), &length) != 0)
    {
        return FailErrno(socket);
    }
    FromLinux(peer, name, namelen);
    return 0;
}

int SOCK_getsockname(int socket, struct SOCK_sockaddr *name, int *namelen)
{
    if (!Valid(socket))
    {
        return Fail(socket, SOCK_ENOTSOCK);
    }
    sockaddr_in local{};
    socklen_t length = sizeof(local);
    if (getsockname(socket, reinterpret_cast<sockaddr *>(&local), &length) != 0)
    {
        return FailErrno(socket);
    }
    FromLinux(local, name, namelen);
    return 0;
}

int SOCK_recvfrom(int s, char *buf, int len, int flags, struct SOCK_sockaddr *from, int *fromlen)
{
    if (!Valid(s))
    {
        return Fail(s, SOCK_ENOTSOCK);
    }
    sockaddr_in peer{};
    socklen_t length = sizeof(peer);
    int linuxFlags = flags & (MSG_OOB | MSG_PEEK);
    ssize_t n = s_kind[s] == Kind_Raw ? ReceiveRaw(s, buf, (size_t)len, linuxFlags, reinterpret_cast<sockaddr *>(&peer), &length)
                                       : recvfrom(s, buf, (size_t)len, linuxFlags, reinterpret_cast<sockaddr *>(&peer), &length);
    if (n < 0)
    {
        return FailWouldBlockOr(s);
    }
    if (from != nullptr)
    {
        FromLinux(peer, from, fromlen);
    }
    return (int)n;
}

int SOCK_sendto(int s, const char *buf, int len, int flags, const struct SOCK_sockaddr *to, int tolen)
{
    (void)tolen;
    if (!Valid(s))
    {
        return Fail(s, SOCK_ENOTSOCK);
    }
    if (!BindToBoard(s))
    {
        return SOCK_SOCKET_ERROR;
    }
    sockaddr_in remote;
    ToLinux(to, remote);
    ssize_t n = sendto(s, buf, (size_t)len, (flags & MSG_OOB) | MSG_NOSIGNAL, reinterpret_cast<sockaddr *>(&remote), sizeof(remote));
    return n < 0 ? FailWouldBlockOr(s) : (int)n;
}

int SOCK_UpgradeToSsl(int socket)
{
    return Fail(socket, SOCK_EOPNOTSUPP);   // the gateway uses no TLS; the virtual board has no mbedTLS
}

// ---- addresses ------------------------------------------------------------------------------------------------

HRESULT SOCK_IPV4AddressFromString(const char *ipString, unsigned long long *address)
{
    in_addr parsed;
    if (ipString == nullptr || inet_pton(AF_INET, ipString, &parsed) != 1)
    {
        return CLR_E_INVALID_PARAMETER;
    }
    *address = parsed.s_addr;
    return S_OK;
}

const char *SOCK_IPV4AddressToString(uint32_t address)
{
    static char text[INET_ADDRSTRLEN];
    in_addr in;
    in.s_addr = address;
    inet_ntop(AF_INET, &in, text, sizeof(text));
    return text;
}

// ---- the network interface -------------------------------------------------------------------------------------

HRESULT SOCK_CONFIGURATION_LoadAdapterConfiguration(HAL_Configuration_NetworkInterface *config, uint32_t interfaceIndex)
{
    if (interfaceIndex != 0)
    {
        return CLR_E_INVALID_PARAMETER;
    }
    EnsureInterface();
    config->IPv4Address = s_interface.IPv4Address;
    config->IPv4NetMask = s_interface.IPv4NetMask;
    config->IPv4GatewayAddress = s_interface.IPv4GatewayAddress;
    config->IPv4DNSAddress1 = s_interface.IPv4DNSAddress1;
    config->IPv4DNSAddress2 = s_interface.IPv4DNSAddress2;
    return S_OK;
}

HRESULT SOCK_CONFIGURATION_LoadConfiguration(HAL_Configuration_NetworkInterface *config, uint32_t interfaceIndex)
{
    return SOCK_CONFIGURATION_LoadAdapterConfiguration(config, interfaceIndex);
}

// The managed side configured the interface (NetworkHelper: EnableStaticIPv4 from network.json, or EnableDhcp):
// a static address becomes the board's (it must be one of the host's, e.g. 127.0.0.x); DHCP keeps the address
// the launcher gave. Either way the board announces the address, as lwIP's netif callback does on an ESP32.
HRESULT SOCK_CONFIGURATION_UpdateAdapterConfiguration(
    HAL_Configuration_NetworkInterface *config,
    uint32_t interfaceIndex,
    uint32_t updateFlags)
{
    (void)updateFlags;
    if (interfaceIndex != 0)
    {
        return CLR_E_INVALID_PARAMETER;
    }
    EnsureInterface();
    if (config->StartupAddressMode == AddressMode_Static && config->IPv4Address != 0)
    {
        s_interface.IPv4Address = config->IPv4Address;
        s_interface.IPv4NetMask = config->IPv4NetMask;
        s_interface.IPv4GatewayAddress = config->IPv4GatewayAddress;
        s_interface.IPv4DNSAddress1 = config->IPv4DNSAddress1;
        s_interface.IPv4DNSAddress2 = config->IPv4DNSAddress2;
    }
    s_interface.StartupAddressMode = config->StartupAddressMode;
    std::printf("virtual-board: address %s\n", SOCK_IPV4AddressToString(s_interface.IPv4Address));
    std::fflush(stdout);
    Network_PostEvent(NetworkChange_NetworkEventType_AddressChanged, 0, interfaceIndex);
    return S_OK;
}

HRESULT SOCK_CONFIGURATION_LinkStatus(uint32_t interfaceIndex, bool *status)
{
    *status = interfaceIndex == 0;
    return S_OK;
}

// ---- the configuration blocks (kept in flash on a board; here for the run) ---------------------------------------

namespace
{
    struct OneInterface
    {
        uint8_t Count;
        HAL_Configuration_NetworkInterface *Configs[1];
    } s_networkConfigs = {1, {&s_interface}};
} // namespace

HAL_TARGET_CONFIGURATION g_TargetConfiguration = {
    reinterpret_cast<HAL_CONFIGURATION_NETWORK *>(&s_networkConfigs),
    nullptr,
    nullptr,
    nullptr,
    nullptr};

bool ConfigurationManager_GetConfigurationBlock(
    void *configurationBlock,
    DeviceConfigurationOption configuration,
    uint32_t configurationIndex)
{
    if (configuration != DeviceConfigurationOption_Network || configurationIndex != 0)
    {
        return false;
    }
    EnsureInterface();
    memcpy(configurationBlock, &s_interface, sizeof(s_interface));
    return true;
}

UpdateConfigurationResult ConfigurationManager_UpdateConfigurationBlock(
    void *configurationBlock,
    DeviceConfigurationOption configuration,
    uint32_t configurationIndex)
{
    if (configuration != DeviceConfigurationOption_Network || configurationIndex != 0)
    {
        return UpdateConfigurationResult_Failed;
    }
    EnsureInterface();
    const HAL_Configuration_NetworkInterface *update = static_cast<const HAL_Configuration_NetworkInterface *>(configurationBlock);
    // the block keeps what the managed side stored; the live address changes in UpdateAdapterConfiguration
    s_interface.StartupAddressMode = update->StartupAddressMode;
    s_interface.AutomaticDNS = update->AutomaticDNS;
    s_interface.SpecificConfigId = update->SpecificConfigId;
    return UpdateConfigurationResult_Success;
}
