// On the device the core's App, Console, Auth and RouterOs folders are their own assembly (Gateway.Core.App.nfproj);
// the device tests (TestFramework names their assembly NFUnitTest) reach its internals as they reach the core's.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("NFUnitTest")]
