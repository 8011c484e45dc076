// The device tests (TestFramework names their assembly NFUnitTest) reach the core's internal tables, as the
// desktop tests do (Gateway.Core.csproj); the core is its own assembly on the device, and its App, Console,
// Auth and RouterOs folders another one (Gateway.Core.App.nfproj) that uses the core's internal tables.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("NFUnitTest")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Gateway.Core.App")]
