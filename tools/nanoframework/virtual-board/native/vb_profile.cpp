// Virtual board: where the firmware's interpreter time goes, on a counting build. With
// tools/nanoframework/nanoclr-run/il-count.patch applied too (build.sh's VIRTUAL_BOARD_PATCHES) and
// NANOCLR_IL_PROFILE and VIRTUAL_BOARD_PROFILE=FILE set, SIGUSR1 starts a region and SIGUSR2 ends it: FILE gets
// "il N" (IL instructions the interpreter ran in the region) and the patch's per-method table, busiest first.
// flood-cost.py uses it to split a flooded SYN's cost between the tap, the parser, the engine and the loop.
// Without the counting patch the symbols are absent (weak) and FILE says so; without VIRTUAL_BOARD_PROFILE no
// handler is installed (and the signals end nanoCLR, as they would any process). The signal handler only sets
// bits: the region is served on the interpreter's thread, from SOCK_select (every Poll of the tap calls it).
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

extern unsigned long long g_CLR_IL_InstructionCount __attribute__((weak));
extern void IlProfile_Region(const char *text) __attribute__((weak));

namespace
{
    constexpr int c_Begin = 1, c_End = 2;
    std::atomic<int> s_requests{0};   // c_Begin | c_End, set by the handler, served on the interpreter's thread
    unsigned long long s_regionStart = 0;
    const char *s_path = nullptr;

    void OnSignal(int signal) { s_requests.fetch_or(signal == SIGUSR1 ? c_Begin : c_End); }

    // At load, so a signal that comes before the first Poll is kept, not the default action (which ends nanoCLR).
    struct InstallHandlers
    {
        InstallHandlers()
        {
            s_path = std::getenv("VIRTUAL_BOARD_PROFILE");
            if (s_path == nullptr)
            {
                return;
            }
            struct sigaction action = {};
            action.sa_handler = OnSignal;
            action.sa_flags = SA_RESTART;
            sigaction(SIGUSR1, &action, nullptr);
            sigaction(SIGUSR2, &action, nullptr);
        }
    } s_install;

    bool Counting() { return &g_CLR_IL_InstructionCount != nullptr && IlProfile_Region != nullptr; }
}

void VirtualBoard_ServeProfileRequest()
{
    int requests = s_requests.exchange(0);
    if (requests == 0 || s_path == nullptr)
    {
        return;
    }
    if ((requests & c_Begin) != 0 && Counting())   // a begin and an end together: the begin first
    {
        IlProfile_Region("COST begin region");
        s_regionStart = g_CLR_IL_InstructionCount;
    }
    if ((requests & c_End) == 0)
    {
        return;
    }
    FILE *out = std::fopen(s_path, "w");
    if (out == nullptr)
    {
        return;
    }
    if (!Counting())
    {
        std::fprintf(out, "il unavailable (not a counting build: il-count.patch)\n");
        std::fclose(out);
        return;
    }
    std::fprintf(out, "il %llu\n", g_CLR_IL_InstructionCount - s_regionStart);
    // The per-method table goes to stdout (CLR_Debug::Emit): point stdout at the file while it is written.
    std::fflush(out);
    std::fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(fileno(out), STDOUT_FILENO);
    IlProfile_Region("COST end region");
    std::fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    std::fclose(out);
}
