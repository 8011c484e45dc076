// The device tests (TestFramework names their assembly NFUnitTest) reach the core's internal tables, as the
// desktop tests do (Gateway.Core.csproj); the host (../Host, the device's second assembly Gateway.Host) uses
// the core's internal tables on both sides.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("NFUnitTest")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Gateway.Host")]
