// Writes the rule package: {"format","version","table-id","source":{file,text},"ruleset":{ip,ipv6[,interface lists]}}.
// The ruleset part is canonical (fixed member and property order, canonical values), so equal RuleSets
// give equal bytes and the table id (FNV-1a 64 of those bytes) names the RuleSet's content.
using Gateway.Core.Model;
using Gateway.Core.Text;

namespace Gateway.Core.Package
{
    /// <summary>Writes rule packages and computes table ids. Runs at compile or edit time.</summary>
    public static class PackageWriter
    {
        /// <summary>The table id of a RuleSet: FNV-1a 64 of its canonical JSON, 16 hex digits.</summary>
        public static string TableIdOf(RuleSet rules)
        {
            Fnv64Sink hash = new Fnv64Sink();
            WriteRuleSet(rules, hash);
            return Fnv64Sink.ToHex(hash.Hash);
        }

        /// <summary>The source id: FNV-1a 64 of the file name, a line feed and the text, 16 hex digits.</summary>
        public static string SourceIdOf(string sourceFile, string sourceText)
        {
            Fnv64Sink hash = new Fnv64Sink();
            hash.Append(sourceFile);
            hash.Append('\n');
            hash.Append(sourceText);
            return Fnv64Sink.ToHex(hash.Hash);
        }

        /// <summary>The whole package as UTF-8 bytes.</summary>
        public static byte[] Write(RuleSet rules, string sourceFile, string sourceText)
        {
            TextBuffer text = new TextBuffer(1024);
            Write(rules, sourceFile, sourceText, text);
            return Utf8.Encode(text);
        }

        /// <summary>The whole package as text.</summary>
        public static void Write(RuleSet rules, string sourceFile, string sourceText, ITextSink sink)
        {
            sink.Append("{\"" + PackageFormat.Format + "\":");
            JsonText.AppendString(sink, PackageFormat.FormatName);
            sink.Append(",\n\"" + PackageFormat.VersionMember + "\":");
            DecimalText.Append(sink, PackageFormat.Version);
            sink.Append(",\n\"" + PackageFormat.TableId + "\":");
            JsonText.AppendString(sink, TableIdOf(rules));
            sink.Append(",\n\"" + PackageFormat.SourceId + "\":");
            JsonText.AppendString(sink, SourceIdOf(sourceFile, sourceText));
            sink.Append(",\n\"" + PackageFormat.Source + "\":{\"" + PackageFormat.SourceFile + "\":");
            JsonText.AppendString(sink, sourceFile);
            sink.Append(",\"" + PackageFormat.SourceText + "\":");
            JsonText.AppendString(sink, sourceText);
            sink.Append("},\n\"" + PackageFormat.RuleSet + "\":");
            WriteRuleSet(rules, sink);
            sink.Append("}\n");
        }

        /// <summary>The canonical RuleSet: both families, each with filter, address-list and nat arrays.</summary>
        public static void WriteRuleSet(RuleSet rules, ITextSink sink)
        {
            sink.Append("{\"" + PackageFormat.Ipv4 + "\":");
            WriteFamily(rules.Ipv4, sink);
            sink.Append(",\n\"" + PackageFormat.Ipv6 + "\":");
            WriteFamily(rules.Ipv6, sink);
            InterfaceLists lists = rules.InterfaceLists;
            JsonObjectWriter item = new JsonObjectWriter(sink);
            if (lists.ListCount > 0)
            {
                sink.Append(",\n\"" + PackageFormat.InterfaceList + "\":[");
                for (int i = 0; i < lists.ListCount; i++)
                {
                    item.Begin(i > 0);
                    InterfaceListProperties.WriteList(lists.ListAt(i), item);
                    item.End();
                }
                sink.Append(']');
            }
            if (lists.MemberCount > 0)
            {
                sink.Append(",\n\"" + PackageFormat.InterfaceListMember + "\":[");
                for (int i = 0; i < lists.MemberCount; i++)
                {
                    item.Begin(i > 0);
                    InterfaceListProperties.WriteMember(lists.MemberAt(i), item);
                    item.End();
                }
                sink.Append(']');
            }
            if (rules.Spa.Count > 0)
            {
                sink.Append(",\n\"" + PackageFormat.Spa + "\":[");
                for (int i = 0; i < rules.Spa.Count; i++)
                {
                    item.Begin(i > 0);
                    SpaDoorProperties.Write(rules.Spa.At(i), item);
                    item.End();
                }
                sink.Append(']');
            }
            sink.Append('}');
        }

        private static void WriteFamily(FamilyRules f, ITextSink sink)
        {
            JsonObjectWriter item = new JsonObjectWriter(sink);
            sink.Append("{\"" + PackageFormat.Filter + "\":[");
            for (int i = 0; i < f.RuleCount; i++)
            {
                item.Begin(i > 0);
                RuleProperties.Write(f.RuleAt(i), item);
                item.End();
            }
            sink.Append("],\n\"" + PackageFormat.AddressList + "\":[");
            for (int i = 0; i < f.EntryCount; i++)
            {
                item.Begin(i > 0);
                EntryProperties.Write(f.EntryAt(i), item);
                item.End();
            }
            sink.Append("],\n\"" + PackageFormat.Nat + "\":[");
            for (int i = 0; i < f.ForwardCount; i++)
            {
                item.Begin(i > 0);
                ForwardProperties.Write(f.ForwardAt(i), item);
                item.End();
            }
            sink.Append(']');
            if (f.Raw.RuleCount > 0)
            {
                sink.Append(",\n\"" + PackageFormat.Raw + "\":[");
                for (int i = 0; i < f.Raw.RuleCount; i++)
                {
                    item.Begin(i > 0);
                    RuleProperties.Write(f.Raw.RuleAt(i), item);
                    item.End();
                }
                sink.Append(']');
            }
            sink.Append('}');
        }

        // Writes one object of "name":"value" members, a line each object.
        private sealed class JsonObjectWriter : IPropertyWriter
        {
            private readonly ITextSink _sink;
            private bool _first;

            public JsonObjectWriter(ITextSink sink) { _sink = sink; }

            public void Begin(bool comma)
            {
                if (comma) _sink.Append(',');
                _sink.Append("\n{");
                _first = true;
            }

            public void End() { _sink.Append('}'); }

            public void Put(string name, string value)
            {
                if (!_first) _sink.Append(',');
                _first = false;
                JsonText.AppendString(_sink, name);
                _sink.Append(':');
                JsonText.AppendString(_sink, value);
            }
        }
    }
}
