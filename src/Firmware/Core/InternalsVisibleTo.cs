// The device tests (TestFramework names their assembly NFUnitTest) reach the core's internal tables, as the
// desktop tests do (Gateway.Core.csproj); the core is its own assembly on the device.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("NFUnitTest")]
