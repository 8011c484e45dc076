// Surface of nanoFramework.System.Net 1.11.54 (the pinned version, src/Firmware/Device/nanoframework.json): sockets,
// addresses, endpoints, network helper (declarations only; kinds, values and optional parameters as at v1.11.54).
namespace System.Net
{
    public abstract class EndPoint
    {
    }

    public class IPAddress
    {
        public static readonly IPAddress Any = null!;
        public IPAddress(byte[] address) { throw new System.NotImplementedException(); }
        public IPAddress(long newAddress) { throw new System.NotImplementedException(); }
        public System.Net.Sockets.AddressFamily AddressFamily { get { throw new System.NotImplementedException(); } }
        public byte[] GetAddressBytes() { throw new System.NotImplementedException(); }
        public static IPAddress Parse(string ipString) { throw new System.NotImplementedException(); }
        // Value equality on the device (IPAddress.cs l.101-140), not reference equality.
        public static bool operator ==(IPAddress a, IPAddress b) { throw new System.NotImplementedException(); }
        public static bool operator !=(IPAddress a, IPAddress b) { throw new System.NotImplementedException(); }
        public override bool Equals(object obj) { throw new System.NotImplementedException(); }
        public override int GetHashCode() { throw new System.NotImplementedException(); }
    }

    public class IPEndPoint : EndPoint
    {
        public IPEndPoint(IPAddress address, int port) { throw new System.NotImplementedException(); }
        public IPEndPoint(long address, int port) { throw new System.NotImplementedException(); }
        public IPAddress Address { get { throw new System.NotImplementedException(); } }
        public int Port { get { throw new System.NotImplementedException(); } }
    }
}

namespace System.Net.Sockets
{
    public enum AddressFamily { Unknown = -1, Unspecified = 0, InterNetwork = 2, InterNetworkV6 = 23 }
    public enum SocketType { Unknown = -1, Stream = 1, Dgram = 2, Raw = 3, Rdm = 4, Seqpacket = 5 }
    public enum ProtocolType { IP = 0, Icmp = 1, Igmp = 2, Tcp = 6, Udp = 17, IPv6 = 41, IcmpV6 = 58, Raw = 255 }
    public enum SelectMode { SelectRead = 0, SelectWrite = 1, SelectError = 2 }
    public enum SocketFlags { None = 0, OutOfBand = 1, Peek = 2, DontRoute = 4 }
    public enum SocketOptionLevel { Socket = 65535, IP = 0, IPv6 = 41, Tcp = 6, Udp = 17 }
    public enum SocketOptionName
    {
        ReuseAddress = 4, KeepAlive = 8, Broadcast = 32, Linger = 128, DontLinger = -129,
        SendTimeout = 4101, ReceiveTimeout = 4102, NoDelay = 1,
    }

    public class SocketException : Exception
    {
        public SocketException(SocketError errorCode) { throw new System.NotImplementedException(); }
        public int ErrorCode { get { throw new System.NotImplementedException(); } }
    }

    public enum SocketError { Success = 0, WouldBlock = 10035, ConnectionReset = 10054, TimedOut = 10060, ConnectionRefused = 10061, TooManyOpenSockets = 10024 }

    public class Socket : IDisposable
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) { throw new System.NotImplementedException(); }
        public int Available { get { throw new System.NotImplementedException(); } }
        public bool Connected { get { throw new System.NotImplementedException(); } }
        public SocketType SocketType { get { throw new System.NotImplementedException(); } }
        public EndPoint LocalEndPoint { get { throw new System.NotImplementedException(); } }
        public EndPoint RemoteEndPoint { get { throw new System.NotImplementedException(); } }
        public int ReceiveTimeout { get { throw new System.NotImplementedException(); } set { throw new System.NotImplementedException(); } }
        public int SendTimeout { get { throw new System.NotImplementedException(); } set { throw new System.NotImplementedException(); } }
        public void Bind(EndPoint localEP) { throw new System.NotImplementedException(); }
        public void Connect(EndPoint remoteEP) { throw new System.NotImplementedException(); }
        public void Close() { throw new System.NotImplementedException(); }
        public void Listen(int backlog) { throw new System.NotImplementedException(); }
        public Socket Accept() { throw new System.NotImplementedException(); }
        public int Send(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw new System.NotImplementedException(); }
        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) { throw new System.NotImplementedException(); }
        public int Receive(byte[] buffer, int offset, int size, SocketFlags socketFlags) { throw new System.NotImplementedException(); }
        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) { throw new System.NotImplementedException(); }
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, int optionValue) { throw new System.NotImplementedException(); }
        public void SetSocketOption(SocketOptionLevel optionLevel, SocketOptionName optionName, bool optionValue) { throw new System.NotImplementedException(); }
        public bool Poll(int microSeconds, SelectMode mode) { throw new System.NotImplementedException(); }
        protected virtual void Dispose(bool disposing) { throw new System.NotImplementedException(); }
        void IDisposable.Dispose() { throw new System.NotImplementedException(); }
    }
}

namespace nanoFramework.Networking
{
    // Reconnecting exists from 1.11.52 on (absent in 1.11.43-1.11.47).
    public enum NetworkHelperStatus { None, Started, NetworkIsReady, FailedNoNetworkInterface, TokenExpiredWaitingIPAddress, TokenExpiredWaitingDateTime, ErrorConnetingToWiFiWhileScanning, ExceptionOccurred, Reconnecting }

    public class IPConfiguration
    {
        public IPConfiguration(string ipv4Address, string ipv4SubnetMask, string ipv4GatewayAddress, string[] ipv4DnsAddresses = null!) { throw new System.NotImplementedException(); }
    }

    public static class NetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw new System.NotImplementedException(); } }
        public static System.Exception HelperException { get { throw new System.NotImplementedException(); } }
        public static void SetupNetworkHelper(bool requiresDateTime = false) { throw new System.NotImplementedException(); }
        public static void SetupNetworkHelper(IPConfiguration ipConfiguration, bool requiresDateTime = false) { throw new System.NotImplementedException(); }
        /// <summary>New in 1.11.52.</summary>
        public static void Reset() { throw new System.NotImplementedException(); }
    }
}

namespace System.Net.NetworkInformation
{
    public enum NetworkInterfaceType { Unknown = 1, Ethernet = 6, Wireless80211 = 71, WirelessAP = 72 }

    public class NetworkInterface
    {
        public static NetworkInterface[] GetAllNetworkInterfaces() { throw new System.NotImplementedException(); }
        public NetworkInterfaceType NetworkInterfaceType { get { throw new System.NotImplementedException(); } }
        public string IPv4Address { get { throw new System.NotImplementedException(); } }
    }
}
