// System.IO.Ports natives for the virtual board: each COMn is a Linux pseudo-terminal.
//
// nanoCLR's POSIX host ships only stubs for these (sys_io_ser_native_System_IO_Ports_SerialPort_stubs.cpp, which
// throw NotImplemented); the virtual board compiles this file in their place. The method table and the shared
// helpers (SetupWriteLine, GetLineFromRxBuffer in sys_io_ser_native_System_IO_Ports_SerialPort__.cpp) are
// nanoFramework's own and are used unchanged.
//
// Semantics follow the ESP32 target (targets/ESP32/_nanoCLR/System.IO.Ports/
// sys_io_ser_native_System_IO_Ports_SerialPort.cpp): the same managed fields, a receive ring of ReadBufferSize
// bytes that drops on overrun, Read waiting until `count` bytes are buffered (or ReadTimeout), ReadLine waiting
// for NewLine, TimeoutException on expiry, DataReceived posted per received chunk once ReceivedBytesThreshold is
// reached and no Read/ReadLine is waiting. Differences are marked "ESP32:" below.
//
// Write acts like the board's UART, which shifts bytes out at the baud rate whether or not anyone listens: on a full
// pty it waits at most the bytes' wire time, then drops the rest (VbPort::dropped); it never stalls or times out.
//
// Threads: one reader std::thread per open port moves bytes from the pty master into the ring and raises
// SYSTEM_EVENT_FLAG_COM_IN / _COM_OUT (Events_Set is mutex-protected on this host). Everything that touches the
// managed heap or the CLR's queues runs on the interpreter thread.

#include "sys_io_ser_native.h"

#include <nanoHAL.h>
#include <nanoHAL_Time.h>
#include <nanoPAL_Events.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace
{

using Ser = Library_sys_io_ser_native_System_IO_Ports_SerialPort;

// ESP32 (classic) has UART0..2, exposed as COM1..COM3.
constexpr int kPortCount = 3;

// ESP32: the receive buffer must be larger than the 128-byte hardware FIFO.
constexpr int32_t kUartFifoLength = 128;

// Which port gets the VIRTUAL_BOARD_SERIAL_LINK symlink: COM2, the firmware's console port (COM1 is the
// debugger's UART on a real board).
constexpr int kLinkedPort = 2;

// A full pty that has taken nothing from Write for this long has no reader; its backlog is stale.
constexpr uint64_t kStaleBacklogTicks = 1 * TIME_CONVERSION__TO_SECONDS;

struct VbPort
{
    int index = 0;

    // pty: the master is ours to read/write; the slave fd is kept open so the master never sees EIO/HUP while
    // no client (picocom, socat) is attached, and clients can come and go.
    int master = -1;
    int slave = -1;
    int wake = -1; // eventfd: wakes the reader out of poll() (stop, or start watching POLLOUT)
    std::string slavePath;
    std::string linkPath; // symlink we created, removed again on close/exit
    std::thread reader;
    std::atomic<bool> stop{false};
    std::atomic<bool> txWaiting{false}; // a Write is waiting for room in the pty

    // Interpreter thread only.
    bool open = false;
    bool signalLevelsInverted = false;
    uint64_t lastTaken = 0; // HAL_Time_CurrentTime() when the pty last took bytes from Write (or was flushed)
    uint64_t dropped = 0;   // bytes Write discarded because the pty stayed full (no message per drop)

    // Shared with the reader thread, guarded by `lock`.
    std::mutex lock;
    std::vector<uint8_t> storage;
    HAL_RingBuffer<uint8_t> rx;
    uint32_t receivedBytesThreshold = 1;
    uint8_t watchChar = 0;
    uint32_t readWanted = 0;  // a Read is waiting for this many bytes
    uint8_t newLineChar = 0;  // a ReadLine is waiting for this (last) NewLine char
    uint32_t pendingData = 0; // SerialData bits to post as DataReceived
};

VbPort *s_ports[kPortCount + 1] = {};

// DataReceived is posted from the interpreter thread: PostManagedEvent pushes onto the CLR's HAL interrupt
// queue, which has no lock on this host (GLOBAL_LOCK is empty) and is drained by the interpreter thread, so a
// push from the reader thread could race with that. Instead a HAL continuation, which ProcessActivity runs on
// the interpreter thread every scheduler pass (before it looks at the event flags), posts what the reader
// threads flagged, then re-queues itself while any port is open. The reader's COM_IN flag wakes the
// interpreter, so the event goes out promptly even when every managed thread sleeps.
HAL_CONTINUATION s_eventPump;
bool s_eventPumpReady = false;
std::atomic<bool> s_eventsPending{false};

// Ports are allocated once and never freed, so no std::thread destructor runs at process exit.
VbPort *PortAt(int index)
{
    if (index < 1 || index > kPortCount)
    {
        return nullptr;
    }

    if (s_ports[index] == nullptr)
    {
        VbPort *port = new VbPort();
        port->index = index;
        port->rx.Initialize(nullptr, 0); // sets the element size; Length() divides by it
        s_ports[index] = port;
    }

    return s_ports[index];
}

VbPort *PortOf(CLR_RT_HeapBlock *pThis)
{
    return PortAt(pThis[Ser::FIELD___portIndex].NumericByRef().s4);
}

bool IsDisposed(CLR_RT_HeapBlock *pThis)
{
    return pThis[Ser::FIELD___disposed].NumericByRef().u1 != 0;
}

// How most natives begin: `this` (CLR_E_NULL_REFERENCE if null), not disposed (CLR_E_OBJECT_DISPOSED).
HRESULT LiveThis(CLR_RT_StackFrame &stack, CLR_RT_HeapBlock *&pThis)
{
    NANOCLR_HEADER();

    pThis = stack.This();
    FAULT_ON_NULL(pThis);

    if (IsDisposed(pThis))
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_OBJECT_DISPOSED);
    }

    NANOCLR_NOCLEANUP();
}

// The port `this` names; CLR_E_INVALID_PARAMETER if there is no such port.
HRESULT KnownPort(CLR_RT_HeapBlock *pThis, VbPort *&port)
{
    NANOCLR_HEADER();

    port = PortOf(pThis);
    if (port == nullptr)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_PARAMETER);
    }

    NANOCLR_NOCLEANUP();
}

// LiveThis, then KnownPort.
HRESULT LivePort(CLR_RT_StackFrame &stack, CLR_RT_HeapBlock *&pThis, VbPort *&port)
{
    NANOCLR_HEADER();

    NANOCLR_CHECK_HRESULT(LiveThis(stack, pThis));
    NANOCLR_CHECK_HRESULT(KnownPort(pThis, port));

    NANOCLR_NOCLEANUP();
}

HRESULT LivePort(CLR_RT_StackFrame &stack, VbPort *&port)
{
    CLR_RT_HeapBlock *pThis;

    return LivePort(stack, pThis, port);
}

// Reading and writing need the pty, which Open (NativeInit) creates: CLR_E_INVALID_OPERATION before that.
HRESULT CheckPtyOpen(const VbPort &port)
{
    return port.master < 0 ? CLR_E_INVALID_OPERATION : S_OK;
}

// Puts the expiry, `ticks` from now, on the eval stack at [0] on the first entry (a re-entered call keeps it)
// and points timeoutTicks at it.
HRESULT SetupExpiry(CLR_RT_StackFrame &stack, CLR_INT64 ticks, CLR_INT64 *&timeoutTicks)
{
    CLR_RT_HeapBlock hbTimeout;

    hbTimeout.SetInteger(ticks);
    return stack.SetupTimeoutFromTicks(hbTimeout, timeoutTicks);
}

CLR_INT64 ReadTimeoutTicks(CLR_RT_HeapBlock *pThis)
{
    return (CLR_INT64)pThis[Ser::FIELD___readTimeout].NumericByRef().s4 * TIME_CONVERSION__TO_MILLISECONDS;
}

// Read and ReadLine: waits for COM_IN until the expiry. CLR_E_THREAD_WAITING leaves here; the call is
// re-entered on COM_IN or at the expiry. At the expiry, clears the caller's wait mark (port.readWanted or
// port.newLineChar) and fails with CLR_E_TIMEOUT.
template <typename Mark>
HRESULT WaitForInput(CLR_RT_StackFrame &stack, const CLR_INT64 &timeoutTicks, VbPort &port, Mark &waitMark)
{
    NANOCLR_HEADER();

    bool eventResult = false;

    NANOCLR_CHECK_HRESULT(
        g_CLR_RT_ExecutionEngine.WaitEvents(stack.m_owningThread, timeoutTicks, Event_SerialPortIn, eventResult));

    if (!eventResult)
    {
        std::lock_guard<std::mutex> guard(port.lock);
        waitMark = 0;

        NANOCLR_SET_AND_LEAVE(CLR_E_TIMEOUT);
    }

    NANOCLR_NOCLEANUP();
}

void WakeReader(VbPort &port)
{
    uint64_t one = 1;
    if (write(port.wake, &one, sizeof(one)) < 0)
    {
        // EAGAIN: the counter is already non-zero, the reader will wake anyway
    }
}

// Called by the reader thread with fresh bytes from the pty.
void OnReceive(VbPort &port, const uint8_t *data, size_t length)
{
    bool postEvent = false;

    {
        std::lock_guard<std::mutex> guard(port.lock);

        // A full ring drops the excess, as a UART overrun would; the pty is never held back.
        port.rx.Push(data, length);

        bool watchCharSeen = port.watchChar != 0 && memchr(data, port.watchChar, length) != nullptr;

        // As on ESP32: while a Read or ReadLine waits, the bytes go to it and no DataReceived is raised.
        if (port.readWanted == 0 && port.newLineChar == 0 && port.rx.Length() >= port.receivedBytesThreshold)
        {
            port.pendingData |= watchCharSeen ? SerialData_WatchChar : SerialData_Chars;
            postEvent = true;
        }
    }

    if (postEvent)
    {
        s_eventsPending.store(true);
    }

    // Wakes waiting Read/ReadLine calls (they re-check the ring) and the interpreter for the event pump.
    // ESP32 raises it only when the waiting read is satisfied; raising it on every chunk costs a re-check.
    Events_Set(SYSTEM_EVENT_FLAG_COM_IN);
}

void ReaderLoop(VbPort *port)
{
    uint8_t buffer[512];

    while (!port->stop.load())
    {
        pollfd fds[2] = {};
        fds[0].fd = port->master;
        fds[0].events = POLLIN | (port->txWaiting.load() ? POLLOUT : 0);
        fds[1].fd = port->wake;
        fds[1].events = POLLIN;

        if (poll(fds, 2, -1) < 0)
        {
            if (errno != EINTR)
            {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            continue;
        }

        if (fds[1].revents & POLLIN)
        {
            uint64_t counter;
            (void)!read(port->wake, &counter, sizeof(counter));
        }

        if (port->stop.load())
        {
            break;
        }

        if ((fds[0].revents & POLLOUT) && port->txWaiting.exchange(false))
        {
            Events_Set(SYSTEM_EVENT_FLAG_COM_OUT);
        }

        if (fds[0].revents & POLLIN)
        {
            ssize_t count = read(port->master, buffer, sizeof(buffer));

            if (count > 0)
            {
                OnReceive(*port, buffer, (size_t)count);
            }
            else if (count < 0 && errno != EAGAIN && errno != EINTR)
            {
                // Should not happen while we hold the slave open; don't spin if it does.
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        else if (fds[0].revents & (POLLHUP | POLLERR))
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
}

void PumpEvents(void *)
{
    bool anyOpen = false;
    bool pending = s_eventsPending.exchange(false);

    for (int index = 1; index <= kPortCount; index++)
    {
        VbPort *port = s_ports[index];

        if (port == nullptr || !port->open)
        {
            continue;
        }

        anyOpen = true;

        if (!pending)
        {
            continue;
        }

        uint32_t kinds;
        {
            std::lock_guard<std::mutex> guard(port->lock);
            kinds = port->pendingData;
            port->pendingData = 0;
        }

        if (kinds & SerialData_Chars)
        {
            PostManagedEvent(EVENT_SERIAL, 0, (uint16_t)index, SerialData_Chars);
        }

        if (kinds & SerialData_WatchChar)
        {
            PostManagedEvent(EVENT_SERIAL, 0, (uint16_t)index, SerialData_WatchChar);
        }
    }

    if (anyOpen)
    {
        s_eventPump.Enqueue();
    }
}

void StartEventPump()
{
    if (!s_eventPumpReady)
    {
        s_eventPump.InitializeCallback(PumpEvents, nullptr);
        s_eventPumpReady = true;
    }

    // A soft reboot empties the continuation list, so check rather than remember.
    if (!s_eventPump.IsLinked())
    {
        s_eventPump.Enqueue();
    }
}

void RemoveLink(VbPort &port)
{
    if (port.linkPath.empty())
    {
        return;
    }

    // Only remove it if it is still ours (someone may have pointed it elsewhere meanwhile).
    char target[256];
    ssize_t length = readlink(port.linkPath.c_str(), target, sizeof(target) - 1);

    if (length >= 0)
    {
        target[length] = 0;

        if (port.slavePath == target)
        {
            unlink(port.linkPath.c_str());
        }
    }

    port.linkPath.clear();
}

void RemoveLinksAtExit()
{
    for (VbPort *port : s_ports)
    {
        if (port != nullptr)
        {
            RemoveLink(*port);
        }
    }
}

void CreateLink(VbPort &port)
{
    const char *path = getenv("VIRTUAL_BOARD_SERIAL_LINK");

    if (path == nullptr || *path == 0 || port.index != kLinkedPort)
    {
        return;
    }

    // Replace atomically: a client polling for the link never sees it missing or half made.
    std::string temporary = std::string(path) + ".tmp";
    unlink(temporary.c_str());

    if (symlink(port.slavePath.c_str(), temporary.c_str()) != 0 || rename(temporary.c_str(), path) != 0)
    {
        fprintf(stderr, "virtual-board: cannot link %s to %s: %s\n", path, port.slavePath.c_str(), strerror(errno));
        unlink(temporary.c_str());
        return;
    }

    port.linkPath = path;

    static bool atExitRegistered = false;
    if (!atExitRegistered)
    {
        atexit(RemoveLinksAtExit);
        atExitRegistered = true;
    }
}

void ClosePty(VbPort &port)
{
    if (port.master >= 0)
    {
        port.stop.store(true);
        WakeReader(port);

        // Returns at once: the reader is woken out of poll() and never blocks elsewhere.
        if (port.reader.joinable())
        {
            port.reader.join();
        }
    }

    RemoveLink(port);

    for (int *fd : {&port.master, &port.slave, &port.wake})
    {
        if (*fd >= 0)
        {
            close(*fd);
            *fd = -1;
        }
    }

    port.slavePath.clear();
    port.txWaiting.store(false);
    port.open = false;

    std::lock_guard<std::mutex> guard(port.lock);
    port.rx.Initialize(nullptr, 0);
    port.storage.clear();
    port.storage.shrink_to_fit();
    port.readWanted = 0;
    port.newLineChar = 0;
    port.pendingData = 0;
}

bool OpenPty(VbPort &port)
{
    char name[128];
    termios settings;

    port.master = posix_openpt(O_RDWR | O_NOCTTY);

    if (port.master < 0 || grantpt(port.master) != 0 || unlockpt(port.master) != 0 ||
        ptsname_r(port.master, name, sizeof(name)) != 0)
    {
        return false;
    }

    port.slavePath = name;
    port.slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);

    if (port.slave < 0 || tcgetattr(port.slave, &settings) != 0)
    {
        return false;
    }

    // Raw: no echo of what we send back to us, no line discipline, no CR/LF translation.
    cfmakeraw(&settings);
    cfsetspeed(&settings, B115200);

    if (tcsetattr(port.slave, TCSANOW, &settings) != 0)
    {
        return false;
    }

    // Non-blocking so a full pty (no one reading) turns into a short wait and a drop in Write, never a stuck
    // interpreter.
    if (fcntl(port.master, F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(port.master, F_SETFL, fcntl(port.master, F_GETFL) | O_NONBLOCK) != 0)
    {
        return false;
    }

    port.wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

    if (port.wake < 0)
    {
        return false;
    }

    port.stop.store(false);
    port.txWaiting.store(false);
    port.lastTaken = HAL_Time_CurrentTime();
    port.reader = std::thread(ReaderLoop, &port);

    printf("virtual-board: serial COM%d %s\n", port.index, name);
    fflush(stdout);

    CreateLink(port);

    return true;
}

// Writes what the pty takes now; returns how many bytes it took.
uint32_t WriteAvailable(VbPort &port, const uint8_t *data, uint32_t count)
{
    uint32_t done = 0;

    while (done < count)
    {
        ssize_t written = write(port.master, data + done, count - done);

        if (written > 0)
        {
            done += (uint32_t)written;
            port.lastTaken = HAL_Time_CurrentTime();
        }
        else if (written < 0 && errno == EINTR)
        {
            continue;
        }
        else if (written == 0 || errno == EAGAIN || errno == EWOULDBLOCK)
        {
            break;
        }
        else
        {
            // Any other failure: the bytes are lost, like bits sent on a line no one listens to.
            return count;
        }
    }

    return done;
}

// Called when Write finds the pty full. If it has taken nothing for kStaleBacklogTicks, no client is reading: the
// queued bytes are discarded so that a client attaching later starts with current output, not a stale backlog.
// Returns whether it discarded them.
bool DiscardStaleBacklog(VbPort &port)
{
    if (HAL_Time_CurrentTime() - port.lastTaken < kStaleBacklogTicks)
    {
        return false;
    }

    // TCIFLUSH on our slave fd, not TCOFLUSH on the master: on Linux that leaves ~4 KB queued in the slave's ldisc.
    if (tcflush(port.slave, TCIFLUSH) != 0)
    {
        return false;
    }

    port.lastTaken = HAL_Time_CurrentTime();
    return true;
}

// How long Write waits for room in the pty, in ticks: the bytes' time on the wire at BaudRate (10 bits a byte),
// at least 1 ms, or WriteTimeout if that is shorter.
CLR_INT64 WireTimeTicks(CLR_RT_HeapBlock *pThis, uint32_t count)
{
    CLR_INT64 baudRate = pThis[Ser::FIELD___baudRate].NumericByRef().s4;
    CLR_INT64 writeTimeout = pThis[Ser::FIELD___writeTimeout].NumericByRef().s4;
    CLR_INT64 milliseconds = baudRate > 0 ? ((CLR_INT64)count * 10 * 1000 + baudRate - 1) / baudRate : 1;

    if (milliseconds < 1)
    {
        milliseconds = 1;
    }

    if (writeTimeout >= 0 && writeTimeout < milliseconds)
    {
        milliseconds = writeTimeout;
    }

    return milliseconds * TIME_CONVERSION__TO_MILLISECONDS;
}

// Sends data[0..count) as a UART would: if the pty is full, waits (without blocking the interpreter) at most the
// wire time (WireTimeTicks) for room, then drops what is left; never fails for want of a listener.
// Eval stack while in progress: [0] expiry (SetupTimeoutFromTicks), [1] bytes already sent, so a re-entered
// call resumes where it left off. The caller re-derives `data` on each entry (the managed object is alive).
// ESP32: tries the FIFO first and hands the rest to a TX task that raises COM_OUT when done; here the reader
// thread raises COM_OUT when the pty has room again and the write resumes.
HRESULT Transmit(CLR_RT_StackFrame &stack, CLR_RT_HeapBlock *pThis, VbPort &port, const uint8_t *data, uint32_t count)
{
    NANOCLR_HEADER();

    CLR_INT64 *timeoutTicks;
    bool eventResult = false;

    NANOCLR_CHECK_HRESULT(SetupExpiry(stack, WireTimeTicks(pThis, count), timeoutTicks));

    if (stack.m_customState == 1)
    {
        stack.PushValueI4(0);
        stack.m_customState = 2;
    }

    while (true)
    {
        CLR_INT32 &sent = stack.m_evalStack[1].NumericByRef().s4;

        sent += (CLR_INT32)WriteAvailable(port, data + sent, count - (uint32_t)sent);

        if ((uint32_t)sent >= count)
        {
            break;
        }

        if (DiscardStaleBacklog(port))
        {
            sent += (CLR_INT32)WriteAvailable(port, data + sent, count - (uint32_t)sent);

            if ((uint32_t)sent >= count)
            {
                break;
            }
        }

        port.txWaiting.store(true);
        WakeReader(port);

        // CLR_E_THREAD_WAITING leaves here; the call is re-entered on COM_OUT or at the expiry.
        NANOCLR_CHECK_HRESULT(
            g_CLR_RT_ExecutionEngine.WaitEvents(stack.m_owningThread, *timeoutTicks, Event_SerialPortOut, eventResult));

        if (!eventResult)
        {
            // Wire time is up: what the pty still does not take is lost, as with a receiver that cannot keep up.
            sent += (CLR_INT32)WriteAvailable(port, data + sent, count - (uint32_t)sent);
            port.dropped += count - (uint32_t)sent;
            break;
        }
    }

    stack.PopValue(); // sent
    stack.PopValue(); // expiry

    NANOCLR_NOCLEANUP();
}

// Checks offset/count against the array as the ESP32 code does (negative values count as too large there,
// being converted to size_t).
HRESULT CheckBufferArguments(CLR_RT_HeapBlock_Array *buffer, CLR_INT32 offset, CLR_INT32 count)
{
    NANOCLR_HEADER();

    FAULT_ON_NULL_ARG(buffer);

    {
        CLR_INT64 length = buffer->m_numOfElements;

        if (offset < 0 || count < 0 || offset > length || count > length)
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_OPERATION);
        }

        if ((CLR_INT64)offset + count > length)
        {
            NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_PARAMETER);
        }
    }

    NANOCLR_NOCLEANUP();
}

// A fault, injected for the crash guard's test: while the file VIRTUAL_BOARD_FAULT names exists, the next
// BytesToRead removes it and fails (InvalidOperationException, as a port that broke under the app), once. Without
// the variable nothing is checked.
bool TakeInjectedFault()
{
    static const char *path = getenv("VIRTUAL_BOARD_FAULT");
    return path != nullptr && unlink(path) == 0;
}

} // namespace

// Called on the reboot path (virtual-board.patch) just before nanoCLR ends. A board's UART shifts out what the app
// wrote before the CPU resets; here the master's close would hang up the pty and discard what its client has not
// read yet (a crash report, "system will reboot shortly"). So wait, at most a second, until no open port's pty
// holds unread bytes; with no client attached they stay unread and the wait runs out.
extern "C" void VirtualBoard_BeforeReset()   // C linkage: the patch declares it inside ClrStartup, an extern "C" function
{
    for (int waited = 0; waited < 1000; waited++)
    {
        bool unread = false;
        for (VbPort *port : s_ports)
        {
            int pending = 0;
            if (port != nullptr && port->open && port->slave >= 0 && ioctl(port->slave, TIOCINQ, &pending) == 0 && pending > 0)
            {
                unread = true;
            }
        }
        if (!unread)
        {
            return;
        }
        usleep(1000);
    }
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::get_BytesToRead___I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;
    size_t length;

    NANOCLR_CHECK_HRESULT(LivePort(stack, port));
    if (TakeInjectedFault())
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_OPERATION);
    }

    {
        std::lock_guard<std::mutex> guard(port->lock);
        length = port->rx.Length();
    }

    stack.SetResult_I4((CLR_INT32)length);

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::get_InvertSignalLevels___BOOLEAN(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;

    NANOCLR_CHECK_HRESULT(LivePort(stack, port));

    stack.SetResult_Boolean(port->signalLevelsInverted);

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::set_InvertSignalLevels___VOID__BOOLEAN(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;

    NANOCLR_CHECK_HRESULT(LivePort(stack, port));

    // As on ESP32, only while the port is not running. A pty has no levels: the flag is only remembered.
    if (port->master >= 0)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_OPERATION);
    }

    port->signalLevelsInverted = stack.Arg1().NumericByRef().u1 != 0;

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::Read___I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    CLR_INT64 *timeoutTicks;
    CLR_RT_HeapBlock_Array *dataBuffer;
    CLR_INT32 offset;
    CLR_INT32 count;
    size_t bytesRead = 0;
    VbPort *port;
    CLR_RT_HeapBlock *pThis;

    NANOCLR_CHECK_HRESULT(LiveThis(stack, pThis));
    NANOCLR_CHECK_HRESULT(SetupExpiry(stack, ReadTimeoutTicks(pThis), timeoutTicks));

    dataBuffer = stack.Arg1().DereferenceArray();
    offset = stack.Arg2().NumericByRef().s4;
    count = stack.Arg3().NumericByRef().s4;
    NANOCLR_CHECK_HRESULT(CheckBufferArguments(dataBuffer, offset, count));
    NANOCLR_CHECK_HRESULT(KnownPort(pThis, port));

    // ESP32 would wait on an idle UART; a pty that does not exist yet has nothing to wait for.
    NANOCLR_CHECK_HRESULT(CheckPtyOpen(*port));

    // As on ESP32, Read completes only once `count` bytes are buffered (not with fewer), else times out.
    // Each wake (any new chunk, or a stale event) re-checks the ring before waiting again.
    while (true)
    {
        {
            std::lock_guard<std::mutex> guard(port->lock);

            if (port->rx.Length() >= (size_t)count)
            {
                bytesRead = port->rx.Pop(dataBuffer->GetElement(offset), (size_t)count);
                port->readWanted = 0;
                break;
            }

            port->readWanted = (uint32_t)count;
        }

        // At the expiry ESP32 leaves its "read pending" count set, muting DataReceived; not copied.
        NANOCLR_CHECK_HRESULT(WaitForInput(stack, *timeoutTicks, *port, port->readWanted));
    }

    stack.PopValue(); // expiry

    stack.SetResult_I4((CLR_INT32)bytesRead);

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::ReadExisting___STRING(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    std::vector<uint8_t> bytes;
    VbPort *port;

    NANOCLR_CHECK_HRESULT(LivePort(stack, port));

    {
        std::lock_guard<std::mutex> guard(port->lock);
        bytes.resize(port->rx.Length());
        port->rx.Pop(bytes.data(), bytes.size());
    }

    // Bytes become the string as they are (no decoding), as on ESP32.
    if (bytes.empty())
    {
        NANOCLR_CHECK_HRESULT(CLR_RT_HeapBlock_String::CreateInstance(stack.PushValue(), ""));
    }
    else
    {
        NANOCLR_CHECK_HRESULT(CLR_RT_HeapBlock_String::CreateInstance(
            stack.PushValue(),
            (const char *)bytes.data(),
            (CLR_UINT32)bytes.size()));
    }

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::ReadLine___STRING(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    CLR_INT64 *timeoutTicks;
    uint8_t *line = nullptr;
    const char *newLine;
    size_t newLineLength;
    VbPort *port;
    CLR_RT_HeapBlock *pThis;

    NANOCLR_CHECK_HRESULT(LiveThis(stack, pThis));
    NANOCLR_CHECK_HRESULT(SetupExpiry(stack, ReadTimeoutTicks(pThis), timeoutTicks));
    NANOCLR_CHECK_HRESULT(KnownPort(pThis, port));
    NANOCLR_CHECK_HRESULT(CheckPtyOpen(*port));

    newLine = pThis[FIELD___newLine].RecoverString();
    newLineLength = newLine == nullptr ? 0 : hal_strlen_s(newLine);

    if (newLineLength == 0)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_PARAMETER);
    }

    while (true)
    {
        {
            // GetLineFromRxBuffer (nanoFramework's, shared by all targets) pops the line and its NewLine.
            std::lock_guard<std::mutex> guard(port->lock);

            if (GetLineFromRxBuffer(pThis, &port->rx, line))
            {
                port->newLineChar = 0;
                break;
            }

            // Marks the wait (no DataReceived meanwhile, as on ESP32).
            port->newLineChar = (uint8_t)newLine[newLineLength - 1];
        }

        // ESP32 returns whatever the first wake finds (possibly nothing); here the wait goes on until a line
        // is there or the timeout expires.
        NANOCLR_CHECK_HRESULT(WaitForInput(stack, *timeoutTicks, *port, port->newLineChar));
    }

    stack.PopValue(); // expiry

    NANOCLR_CHECK_HRESULT(stack.SetResult_String((const char *)line));

    NANOCLR_CLEANUP();

    if (line != nullptr)
    {
        platform_free(line);
    }

    NANOCLR_CLEANUP_END();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::Write___VOID__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    CLR_RT_HeapBlock_Array *dataBuffer;
    CLR_INT32 offset;
    CLR_INT32 count;
    VbPort *port;
    CLR_RT_HeapBlock *pThis;

    NANOCLR_CHECK_HRESULT(LivePort(stack, pThis, port));

    dataBuffer = stack.Arg1().DereferenceArray();
    offset = stack.Arg2().NumericByRef().s4;
    count = stack.Arg3().NumericByRef().s4;
    NANOCLR_CHECK_HRESULT(CheckBufferArguments(dataBuffer, offset, count));
    NANOCLR_CHECK_HRESULT(CheckPtyOpen(*port));

    NANOCLR_SET_AND_LEAVE(Transmit(stack, pThis, *port, dataBuffer->GetElement(offset), (uint32_t)count));

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::NativeDispose___VOID(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;

    CLR_RT_HeapBlock *pThis = stack.This();
    FAULT_ON_NULL(pThis);

    port = PortOf(pThis);
    if (port != nullptr)
    {
        ClosePty(*port);
    }

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::NativeInit___VOID(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;
    int32_t bufferSize;

    CLR_RT_HeapBlock *pThis = stack.This();
    FAULT_ON_NULL(pThis);

    NANOCLR_CHECK_HRESULT(KnownPort(pThis, port));

    // Validates the line settings, as ESP32's init does.
    NANOCLR_CHECK_HRESULT(NativeConfig___VOID(stack));

    bufferSize = pThis[FIELD___bufferSize].NumericByRef().s4;
    if (bufferSize <= kUartFifoLength)
    {
        bufferSize = kUartFifoLength + 1;
    }

    // Open after Close (no Dispose in between) keeps the pty, so an attached client stays connected; like
    // ESP32's re-install, whatever was buffered is dropped.
    if (port->master < 0 && !OpenPty(*port))
    {
        fprintf(stderr, "virtual-board: cannot open a pty for COM%d: %s\n", port->index, strerror(errno));
        ClosePty(*port);
        NANOCLR_SET_AND_LEAVE(CLR_E_FAIL);
    }

    {
        std::lock_guard<std::mutex> guard(port->lock);
        port->storage.assign((size_t)bufferSize, 0);
        port->rx.Initialize(port->storage.data(), port->storage.size());
        port->receivedBytesThreshold = (uint32_t)pThis[FIELD___receivedBytesThreshold].NumericByRef().s4;
        port->watchChar = (uint8_t)pThis[FIELD___watchChar].NumericByRef().u2;
        port->readWanted = 0;
        port->newLineChar = 0;
        port->pendingData = 0;
    }

    port->open = true;
    StartEventPump();

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::NativeConfig___VOID(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    CLR_RT_HeapBlock *pThis = stack.This();
    FAULT_ON_NULL(pThis);

    if (PortOf(pThis) == nullptr)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_PARAMETER);
    }

    // Baud rate, parity, stop bits, handshake and mode mean nothing on a pty: accepted and ignored. Data bits
    // are checked as the ESP32 driver does (5..8), so a setting that fails on the board fails here too.
    switch (pThis[FIELD___dataBits].NumericByRef().s4)
    {
        case 5:
        case 6:
        case 7:
        case 8:
            break;

        default:
            NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_PARAMETER);
    }

    // ESP32 also fails with CLR_E_PIN_UNAVAILABLE when no pins were assigned; the virtual board has no pins.

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::NativeSetWatchChar___VOID(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;
    CLR_RT_HeapBlock *pThis;

    NANOCLR_CHECK_HRESULT(LivePort(stack, pThis, port));

    {
        std::lock_guard<std::mutex> guard(port->lock);
        port->watchChar = (uint8_t)pThis[FIELD___watchChar].NumericByRef().u2;
    }

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::NativeWriteString___VOID__STRING__BOOLEAN(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    char *buffer = nullptr;
    uint32_t bufferLength = 0;
    bool isNewAllocation = false;
    VbPort *port;
    CLR_RT_HeapBlock *pThis;

    NANOCLR_CHECK_HRESULT(LivePort(stack, pThis, port));

    // A null string writes nothing (not even NewLine), as on ESP32.
    if (stack.Arg1().RecoverString() == nullptr)
    {
        NANOCLR_SET_AND_LEAVE(S_OK);
    }

    NANOCLR_CHECK_HRESULT(CheckPtyOpen(*port));

    // Text (+ NewLine) is rebuilt on every entry; Transmit keeps how much of it was sent on the eval stack.
    NANOCLR_CHECK_HRESULT(SetupWriteLine(stack, &buffer, &bufferLength, &isNewAllocation));

    NANOCLR_CHECK_HRESULT(Transmit(stack, pThis, *port, (const uint8_t *)buffer, bufferLength));

    NANOCLR_CLEANUP();

    if (isNewAllocation && buffer != nullptr)
    {
        platform_free(buffer);
    }

    NANOCLR_CLEANUP_END();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::NativeReceivedBytesThreshold___VOID__I4(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    VbPort *port;
    int32_t threshold;
    size_t buffered;

    CLR_RT_HeapBlock *pThis = stack.This();
    FAULT_ON_NULL(pThis);

    threshold = stack.Arg1().NumericByRef().s4;
    if (threshold <= 0)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_OUT_OF_RANGE);
    }

    NANOCLR_CHECK_HRESULT(KnownPort(pThis, port));

    pThis[FIELD___receivedBytesThreshold].NumericByRef().s4 = threshold;

    {
        std::lock_guard<std::mutex> guard(port->lock);
        port->receivedBytesThreshold = (uint32_t)threshold;
        buffered = port->rx.Length();
    }

    // As on ESP32: if enough is already buffered for the new threshold, raise DataReceived now. This runs on
    // the interpreter thread, so posting directly is safe.
    if (pThis[FIELD___opened].NumericByRef().u1 != 0 && (size_t)threshold <= buffered)
    {
        PostManagedEvent(EVENT_SERIAL, 0, (uint16_t)port->index, SerialData_Chars);
    }

    NANOCLR_NOCLEANUP();
}

HRESULT Library_sys_io_ser_native_System_IO_Ports_SerialPort::GetDeviceSelector___STATIC__STRING(
    CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();

    // ESP32 leaves COM1 out when the wire protocol uses UART0; the virtual board's debugger is not on COM1.
    std::string selector;
    for (int index = 1; index <= kPortCount; index++)
    {
        selector += (index > 1 ? ",COM" : "COM") + std::to_string(index);
    }

    NANOCLR_SET_AND_LEAVE(stack.SetResult_String(selector.c_str()));

    NANOCLR_NOCLEANUP();
}
