// Generated from tests/data by DeviceVectorsTests (Gateway.Core.Tests). Do not edit; regenerate with
// GATEWAY_UPDATE_VECTORS=1 dotnet test --filter DeviceVectors.
namespace Gateway.Device.Tests
{
    public static class TestVectors
    {
        // Distinct lines of the package vectors, bytes as chars 0-255 (an assembly holds at most 64 KB of strings).
        private static readonly string[] Lines =
        {
            "{\"format\":\"gateway-rule-package\",",
            "\"version\":2,",
            "\"table-id\":\"a0b7abc2ff2205f7\",",
            "\"source-id\":\"7980aea1bfeca5c8\",",
            "\"source\":{\"file\":\"everything.rsc\",\"text\":\"# every property the gateway knows\\n\"},",
            "\"ruleset\":{\"ip\":{\"filter\":[",
            "{\"chain\":\"input\",\"connection-state\":\"established,related\",\"action\":\"accept\"},",
            "{\"chain\":\"input\",\"connection-state\":\"invalid\",\"action\":\"drop\",\"log\":\"yes\",\"log-prefix\":\"bad\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"src-address\":\"!10.0.0.0/8\",\"dst-address\":\"192.0.2.1\",\"src-port\":\"1024-65535\",\"dst-port\":\"9000\",\"in-interface\":\"ether1\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"port\":\"!22,80\",\"tcp-flags\":\"syn,!ack\",\"packet-size\":\"40-1500\",\"action\":\"jump\",\"jump-target\":\"knock\",\"comment\":\"knock\"},",
            "{\"chain\":\"knock\",\"protocol\":\"tcp\",\"dst-port\":\"6000\",\"src-address-list\":\"port:9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"secure\",\"address-list-timeout\":\"none-static\"},",
            "{\"chain\":\"knock\",\"src-address-list\":\"secure\",\"action\":\"accept\"},",
            "{\"chain\":\"knock\",\"action\":\"return\"},",
            "{\"chain\":\"input\",\"protocol\":\"udp\",\"dst-address-list\":\"!secure\",\"action\":\"reject\",\"reject-with\":\"icmp-admin-prohibited\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"action\":\"tarpit\",\"disabled\":\"yes\"},",
            "{\"chain\":\"forward\",\"protocol\":\"udp\",\"out-interface\":\"!ether2\",\"action\":\"passthrough\"},",
            "{\"chain\":\"output\",\"action\":\"add-dst-to-address-list\",\"address-list\":\"talked-to\",\"address-list-timeout\":\"1d\"},",
            "{\"chain\":\"input\",\"action\":\"log\",\"log-prefix\":\"last\"},",
            "{\"chain\":\"forward\",\"connection-state\":\"established,related\",\"action\":\"fasttrack-connection\"},",
            "{\"chain\":\"forward\",\"in-interface-list\":\"WAN\",\"out-interface-list\":\"!LAN\",\"connection-state\":\"new\",\"connection-nat-state\":\"!dstnat\",\"action\":\"drop\"},",
            "{\"chain\":\"forward\",\"ipsec-policy\":\"in,ipsec\",\"action\":\"accept\"},",
            "{\"chain\":\"input\",\"src-address-type\":\"!local\",\"dst-address-type\":\"broadcast,multicast\",\"action\":\"drop\"},",
            "{\"chain\":\"input\",\"protocol\":\"icmp\",\"icmp-options\":\"3\",\"fragment\":\"no\",\"ttl\":\"less-than:2\",\"action\":\"drop\"},",
            "{\"chain\":\"input\",\"src-mac-address\":\"!00:11:22:AA:bb:cc\",\"action\":\"drop\"},",
            "{\"chain\":\"input\",\"protocol\":\"icmp\",\"limit\":\"50/1s,5:packet\",\"dst-limit\":\"5/1s,10,src-address/1m40s\",\"action\":\"accept\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"connection-limit\":\"3,32\",\"action\":\"tarpit\"},",
            "{\"chain\":\"input\",\"action\":\"drop\"}],",
            "\"address-list\":[",
            "{\"list\":\"secure\",\"address\":\"198.51.100.0/24\",\"comment\":\"office\"},",
            "{\"list\":\"secure\",\"address\":\"203.0.113.5-203.0.113.9\",\"timeout\":\"1h\"},",
            "{\"list\":\"secure\",\"address\":\"198.51.100.77\",\"disabled\":\"yes\"}],",
            "\"nat\":[",
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"tcp\",\"dst-port\":\"2222\",\"in-interface\":\"ether1\",\"to-addresses\":\"192.168.88.10\",\"to-ports\":\"22\"},",
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"udp\",\"dst-port\":\"5060\",\"to-addresses\":\"192.168.88.20\"}],",
            "\"raw\":[",
            "{\"chain\":\"prerouting\",\"protocol\":\"tcp\",\"tcp-flags\":\"fin,syn\",\"action\":\"drop\"},",
            "{\"chain\":\"prerouting\",\"protocol\":\"icmp\",\"action\":\"jump\",\"jump-target\":\"icmp4\"},",
            "{\"chain\":\"icmp4\",\"protocol\":\"icmp\",\"icmp-options\":\"8:0\",\"limit\":\"5/1s,10:packet\",\"action\":\"accept\"},",
            "{\"chain\":\"output\",\"action\":\"notrack\"}]},",
            "\"ipv6\":{\"filter\":[",
            "{\"chain\":\"input\",\"protocol\":\"icmpv6\",\"action\":\"accept\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"k6\",\"address-list-timeout\":\"30s\"},",
            "{\"chain\":\"input\",\"src-address\":\"2001:db8::/32\",\"src-address-list\":\"k6\",\"action\":\"accept\"},",
            "{\"chain\":\"input\",\"protocol\":\"icmpv6\",\"icmp-options\":\"135\",\"hop-limit\":\"equal:255\",\"action\":\"accept\"},",
            "{\"chain\":\"input\",\"action\":\"reject\",\"reject-with\":\"icmp-no-route\"}],",
            "{\"list\":\"k6\",\"address\":\"2001:db8:1::/48\"},",
            "{\"list\":\"k6\",\"address\":\"2001:db8::7\"}],",
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"tcp\",\"dst-port\":\"2223\",\"to-addresses\":\"fd00::10\",\"to-ports\":\"22\"}]},",
            "\"interface-list\":[",
            "{\"name\":\"WAN\",\"comment\":\"defconf\"},",
            "{\"name\":\"LAN\"},",
            "{\"name\":\"ALL-BUT-WAN\",\"include\":\"all\",\"exclude\":\"WAN\"}],",
            "\"interface-list-member\":[",
            "{\"list\":\"WAN\",\"interface\":\"ether1\"},",
            "{\"list\":\"LAN\",\"interface\":\"bridge\",\"disabled\":\"yes\",\"comment\":\"defconf\"}]}}",
            "",
            "\"table-id\":\"9219138b7e06be5b\",",
            "\"source-id\":\"fc4fef10e5c52524\",",
            "\"source\":{\"file\":\"seed.rsc\",\"text\":\"/ip firewall filter add chain=input protocol=tcp dst-port=9000 action=add-src-to-address-list address-list=port:9000 address-list-timeout=1m\\nadd chain=input protocol=tcp dst-port=6000 src-address-list=port:9000 action=add-src-to-address-list address-list=secure address-list-timeout=1m\\nadd chain=input src-address-list=secure action=accept\\nadd chain=input action=drop\\n\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"6000\",\"src-address-list\":\"port:9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"secure\",\"address-list-timeout\":\"1m\"},",
            "{\"chain\":\"input\",\"src-address-list\":\"secure\",\"action\":\"accept\"},",
            "\"address-list\":[],",
            "\"nat\":[]},",
            "\"ipv6\":{\"filter\":[],",
            "\"nat\":[]}}}",
            "{\"format\":[[[[[[[[[1]]]]]]]]]}",
            "\"source-id\":\"fdb6ede9a3b99402\",",
            "\"source\":{\"file\":\"rules.rsc\",\"text\":\"# test rules\\n\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"70000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "\"table-id\":\"b40b063605c2a9af\",",
            "{\"chain\":\"input\",\"protocol\":\"icmp\",\"dst-port\":\"9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"9000\",\"dst-port\":\"9001\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "\"source-id\":\"not-a-source-id!\",",
            "\"source\":{\"text\":\"# test rules\\n\",\"file\":\"rules.rsc\"},",
            "\"table-id\":\"not-a-table-id!!\",",
            "\"table-id\":\"cde2fbed9c22e3cf\",",
            "{\"list\":\"secure\",\"address\":\"10.0.0.1\"},",
            "{\"list\":\"secure\",\"address\":\"10.0.0.1\"}],",
            "\"table-id\":\"c9114a390db22cc1\",",
            "{\"chain\":\"input\",\"action\":\"drop\"},",
            "{\"chain\":\"input\",\"action\":\"jump\",\"jump-target\":\"a\"},",
            "{\"chain\":\"a\",\"action\":\"jump\",\"jump-target\":\"b\"},",
            "{\"chain\":\"b\",\"action\":\"jump\",\"jump-target\":\"a\"}],",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"9000\",\"nth\":\"10,1\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "\"table-id\":\"dc34bf8b0524e35b\",",
            "{\"chain\":\"input\",\"action\":\"passthrough\"},",
            "{\"chain\":\"input\",\"action\":\"passthrough\"}],",
            "\"source\":{\"file\":\"rules.rsc\",\"text\":\"# test rulez\\n\"},",
            "\"source\":{\"file\":\"rules.rsc\",\"text\":\"# test\u0001rules\"},",
            "\"version\" 2,",
            "\"source\":{\"file\":\"rules.rsc\",\"text\":\"# test rules\u00c0\u00af\\n\"},",
            "{}",
            "\"version\":2,,",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-port\":\"6001\",\"src-address-list\":\"port:9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"secure\",\"address-list-timeout\":\"1m\"},",
            "\"table-id\":\"f096b7dd25149df5\",",
            "{\"chain\":\"input\",\"action\":\"drop\",\"comment\":\"ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\"}],",
            "{\"chain\":",
            "\"table-id\":\"c0ffaeef6c08cc60\",",
            "{\"chain\":\"knock\",\"action\":\"jump\",\"jump-target\":\"input\"}],",
            "\"table-id\":\"2fb4acea49e5b59a\",",
            "{\"chain\":\"input\",\"action\":\"jump\",\"jump-target\":\"nowhere\"}],",
            "\"version\":2,\"signed-by\":\"me\",",
            "{\"chain\":\"input\",\"protocol\":\"tcp\",\"dst-prot\":\"9000\",\"action\":\"add-src-to-address-list\",\"address-list\":\"port:9000\",\"address-list-timeout\":\"1m\"},",
            "\"table-id\":\"d0548b61e123e137\",",
            "{\"chain\":\"input\",\"in-interface-list\":\"WAN\",\"action\":\"drop\"}],",
            "\"version\":1,",
            "{\"format\":\"router-backup\",",
        };

        /// <summary>Good packages (tests/data/packages/good, name order) as line numbers.</summary>
        private static readonly int[][] GoodLines =
        {
            new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 27, 45, 46, 31, 47, 48, 49, 50, 51, 52, 53, 54, 55 }, // everything.json
            new int[] { 0, 1, 56, 57, 58, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // seed.json
        };

        /// <summary>Bad packages (tests/data/packages/bad, name order) as line numbers; BadTokens says why each must be refused.</summary>
        private static readonly int[][] BadLines =
        {
            new int[] { 66 }, // bad-value--nested-arrays.json
            new int[] { 0, 1, 56, 67, 68, 5, 69, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // bad-value--port-out-of-range.json
            new int[] { 0, 1, 70, 67, 68, 5, 71, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // bad-value--ports-without-tcp-or-udp.json
            new int[] { 0, 1, 56, 67, 68, 5, 72, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // bad-value--property-given-twice.json
            new int[] { 0, 1, 56, 73, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // bad-value--source-id-not-hex.json
            new int[] { 0, 1, 56, 67, 74, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // bad-value--source-text-before-file.json
            new int[] { 0, 1, 75, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // bad-value--table-id-not-hex.json
            new int[] { 0, 1, 76, 67, 68, 5, 59, 60, 61, 26, 27, 77, 78, 63, 64, 62, 65, 55 }, // duplicate-entry--same-address-twice.json
            new int[] { 0, 1, 79, 67, 68, 5, 59, 60, 61, 80, 81, 82, 83, 62, 63, 64, 62, 65, 55 }, // jump-cycle--a-b-a.json
            new int[] { 0, 1, 56, 67, 68, 5, 84, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // not-supported--nth.json
            new int[] { 0, 1, 85, 67, 68, 5, 59, 60, 61, 80, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 86, 87, 62, 63, 64, 62, 65, 55 }, // over-capacity--too-many-rules.json
            new int[] { 0, 1, 56, 67, 88, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // source-id-mismatch--edited-source.json
            new int[] { 0, 1, 56, 67, 89, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // syntax--control-character-in-string.json
            new int[] { 0, 90, 56, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // syntax--missing-colon.json
            new int[] { 0, 1, 56, 67, 91, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // syntax--overlong-utf8.json
            new int[] { 0, 1, 56, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 92 }, // syntax--text-after-document.json
            new int[] { 0, 93, 56, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // syntax--trailing-comma.json
            new int[] { 0, 1, 56, 67, 68, 5, 59, 94, 61, 26, 62, 63, 64, 62, 65, 55 }, // table-id-mismatch--edited-port.json
            new int[] { 0, 1, 95, 67, 68, 5, 59, 60, 61, 96, 62, 63, 64, 62, 65, 55 }, // too-large--long-comment.json
            new int[] { 0, 1, 56, 67, 68, 5, 59, 97 }, // truncated--cut-in-ruleset.json
            new int[] { 55 }, // truncated--empty.json
            new int[] { 0, 1, 98, 67, 68, 5, 59, 60, 61, 80, 99, 62, 63, 64, 62, 65, 55 }, // unknown-chain--jump-to-built-in.json
            new int[] { 0, 1, 100, 67, 68, 5, 59, 60, 61, 80, 101, 62, 63, 64, 62, 65, 55 }, // unknown-chain--jump-to-nowhere.json
            new int[] { 0, 102, 56, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // unknown-field--package-member.json
            new int[] { 0, 1, 56, 67, 68, 5, 103, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // unknown-field--rule-property.json
            new int[] { 0, 1, 104, 67, 68, 5, 59, 60, 61, 80, 105, 62, 63, 64, 62, 65, 55 }, // unknown-list--no-such-interface-list.json
            new int[] { 0, 106, 56, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // unsupported-version--1-before-source-ids.json
            new int[] { 107, 1, 56, 67, 68, 5, 59, 60, 61, 26, 62, 63, 64, 62, 65, 55 }, // unsupported-version--other-format.json
        };

        public static readonly string[] BadTokens =
        {
            "bad-value",
            "bad-value",
            "bad-value",
            "bad-value",
            "bad-value",
            "bad-value",
            "bad-value",
            "duplicate-entry",
            "jump-cycle",
            "not-supported",
            "over-capacity",
            "source-id-mismatch",
            "syntax",
            "syntax",
            "syntax",
            "syntax",
            "syntax",
            "table-id-mismatch",
            "too-large",
            "truncated",
            "truncated",
            "unknown-chain",
            "unknown-chain",
            "unknown-field",
            "unknown-field",
            "unknown-list",
            "unsupported-version",
            "unsupported-version",
        };

        public static int GoodCount { get { return GoodLines.Length; } }

        public static int BadCount { get { return BadLines.Length; } }

        /// <summary>The bytes of good package <paramref name="i"/>.</summary>
        public static byte[] Good(int i) { return Join(GoodLines[i]); }

        /// <summary>The bytes of bad package <paramref name="i"/>.</summary>
        public static byte[] Bad(int i) { return Join(BadLines[i]); }

        private static byte[] Join(int[] numbers)
        {
            int length = numbers.Length - 1;
            for (int i = 0; i < numbers.Length; i++) length += Lines[numbers[i]].Length;
            byte[] bytes = new byte[length];
            int at = 0;
            for (int i = 0; i < numbers.Length; i++)
            {
                if (i > 0) bytes[at++] = (byte)'\n';
                string line = Lines[numbers[i]];
                for (int k = 0; k < line.Length; k++) bytes[at++] = (byte)line[k];
            }
            return bytes;
        }

        /// <summary>The seed trace: time ms, source, destination port, and RouterOS's verdict and deciding rule (-1: none).</summary>
        public static readonly string[] SeedTrace =
        {
            "0 203.0.113.7 40001 192.0.2.1 2323 S input drop 3",
            "1000 203.0.113.7 40002 192.0.2.1 9000 S input drop 3",
            "1500 198.51.100.23 51000 192.0.2.1 6000 S input drop 3",
            "2000 203.0.113.7 40003 192.0.2.1 6000 S input accept 2",
            "2500 203.0.113.7 40004 192.0.2.1 2323 S input accept 2",
            "2600 192.0.2.1 2323 203.0.113.7 40004 SA output accept -1",
            "2700 203.0.113.7 40004 192.0.2.1 2323 A input accept 2",
            "3000 198.51.100.23 51001 192.0.2.1 2323 S input drop 3",
            "61999 203.0.113.7 40004 192.0.2.1 2323 PA input accept 2",
            "62000 203.0.113.7 40004 192.0.2.1 2323 PA input drop 3",
            "62500 203.0.113.7 40005 192.0.2.1 6000 S input drop 3",
        };
    }
}
