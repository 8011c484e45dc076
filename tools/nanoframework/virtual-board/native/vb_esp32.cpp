// Virtual board: nanoFramework.Hardware.Esp32's natives. The firmware calls only Configuration.SetPinFunction
// (the console UART's pins); the host has no pins, so it records and logs the assignment and checks it as the
// board does (GPIO 0-39, a function 00DDIIFF; an unknown pin is CLR_E_INVALID_PARAMETER, an ArgumentException in managed code).
// Every other method of the assembly throws NotSupportedException here. The method table is generated at build
// time from the pinned targets/ESP32 table (virtual-board.cmake), so its order and checksum are the board's.
#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoCLR_Checks.h>
#include <cstdio>

namespace
{
    constexpr int c_Pins = 40;                  // GPIO_NUM_MAX of the ESP32
    constexpr int32_t c_Functions = 0x01000000; // 00DDIIFF: device type, bus index, pin role (DeviceMapping_common.cpp)
    constexpr int c_Assignments = 64;

    // The pin each function was given, newest last: (function, pin) pairs.
    int32_t s_function[c_Assignments];
    int32_t s_pin[c_Assignments];
    int s_count = 0;

    int Find(int32_t function)
    {
        for (int i = 0; i < s_count; i++)
        {
            if (s_function[i] == function)
            {
                return i;
            }
        }
        return -1;
    }
} // namespace

HRESULT VirtualBoard_Esp32_SetPinFunction(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int32_t pin = stack.Arg0().NumericByRef().s4;
    int32_t function = stack.Arg1().NumericByRef().s4;
    if (pin < 0 || pin >= c_Pins || function < 0 || function >= c_Functions)
    {
        NANOCLR_SET_AND_LEAVE(CLR_E_INVALID_PARAMETER);
    }
    {
        int i = Find(function);
        if (i < 0 && s_count < c_Assignments)
        {
            i = s_count++;
        }
        if (i >= 0)
        {
            s_function[i] = function;
            s_pin[i] = pin;
        }
    }
    std::printf("virtual-board: pin %d -> function 0x%04X\n", pin, function);
    std::fflush(stdout);
    NANOCLR_NOCLEANUP();
}

HRESULT VirtualBoard_Esp32_GetPinFunction(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int32_t function = stack.Arg0().NumericByRef().s4;
    int i = Find(function);
    stack.SetResult_I4(i >= 0 ? s_pin[i] : -1);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT VirtualBoard_Esp32_NotSupported(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    (void)stack;
    NANOCLR_SET_AND_LEAVE(CLR_E_NOT_SUPPORTED);
    NANOCLR_NOCLEANUP();
}
