using System.CommandLine;
using Xinyong.Collection.Sources;
using Xinyong.Network;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Network;
using Xinyong.Application.Network;

namespace Xinyong.Cli;

/// <summary>
/// <c>xinyong network</c>: the node's key (<c>keygen</c>), the peers' keys its operator trusts (<c>trust</c>), the
/// forwarding status (<c>status</c>), the back-fill of records collected before the node joined (<c>backfill</c>), the national link as signed JSON-lines batches (<c>export</c>), and national list
/// decisions imported as a source after their signature is checked (<c>import</c>). See docs/network.md.
/// </summary>
internal static class NetworkCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var group = new Command("network", "This instance as a node of the credit information network (Art. 6 (1), 21)");

        var replace = new Option<bool>("--replace") { Description = "replace an existing key (peers must trust the new public key)" };
        var keygen = new Command("keygen", "Create this node's ECDSA P-256 key in the keys folder; prints {\"publicKey\",\"fingerprint\",\"file\"}: give the public key to the parent's and children's operators") { replace };
        PlatformCommands.Common(keygen);
        keygen.SetAction(pr =>
        {
            var keys = new NodeKeys(PlatformServices.SecretsOf(PlatformCommands.OptionsOf(pr)).Directory);
            try
            {
                var pem = keys.Generate(pr.GetValue(replace));
                using var k = keys.Load();
                ctx.Out.WriteLine(Json.Line(new { publicKey = pem, fingerprint = NodeKeys.Fingerprint(k), file = keys.PublicKeyFile }));
                return 0;
            }
            catch (InvalidOperationException ex) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
        });
        group.Subcommands.Add(keygen);

        var node = new Option<string>("--node") { Required = true, Description = "the peer node's code, e.g. 230000" };
        var pemFile = new Argument<string>("PEM") { Description = "the peer's public key file (node.pub.pem from its operator)" };
        var trust = new Command("trust", "Trust a peer node's public key (compare the printed fingerprint with its operator); prints {\"node\",\"fingerprint\"}") { node, pemFile };
        PlatformCommands.Common(trust);
        trust.SetAction(pr =>
        {
            var keys = new NodeKeys(PlatformServices.SecretsOf(PlatformCommands.OptionsOf(pr)).Directory);
            var path = pr.GetValue(pemFile)!;
            if (!File.Exists(path)) { ctx.Err.WriteLine($"xinyong: file not found: {path}"); return 1; }
            try
            {
                ctx.Out.WriteLine(Json.Line(new { node = pr.GetValue(node), fingerprint = keys.Trust(pr.GetValue(node)!, File.ReadAllText(path)) }));
                return 0;
            }
            catch (FormatException ex) { ctx.Err.WriteLine($"xinyong: {ex.Message}"); return 1; }
        });
        group.Subcommands.Add(trust);

        var status = new Command("status", "The node's forwarding: per peer the queue, the oldest waiting change and the last success; overdue and late forwards; per provider unit (JSON)");
        PlatformCommands.Common(status);
        status.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr), s => s.AddNetworkCore(PlatformCommands.OptionsOf(pr)));
            ctx.Out.WriteLine(Json.Line(NetworkServices.StatusOf(sp.GetRequiredService<LocalNode>(), sp.GetRequiredService<NetworkStatus>(), ctx.Clock)));
            return 0;
        });
        group.Subcommands.Add(status);

        var dir = new Option<string>("--dir") { Required = true, Description = "the folder to write the batches to" };
        var max = new Option<int?>("--batch") { Description = "messages per batch file (default 10000)" };
        var export = new Command("export", "The national link: write what waits for the parent node as signed JSON-lines batches (FILE.jsonl + FILE.jsonl.sig.json) and take it out of the outbox; one JSON line per file") { dir, max };
        PlatformCommands.Common(export);
        export.SetAction(pr =>
        {
            var o = PlatformCommands.OptionsOf(pr);
            using var sp = PlatformCommands.Services(o, s => s.AddNetworkCore(o));
            var self = sp.GetRequiredService<LocalNode>();
            if (self.Code is null || self.Parent is null) { ctx.Err.WriteLine("xinyong: this instance is not a node with a parent (Network:Node in xinyong.json)"); return 1; }
            var keys = sp.GetRequiredService<NodeKeys>();
            if (!keys.HasKey) { ctx.Err.WriteLine("xinyong: the node has no key: run `xinyong network keygen`"); return 1; }
            using var key = keys.Load();
            var outbox = sp.GetRequiredService<NetworkOutbox>();
            var size = pr.GetValue(max) ?? 10_000;
            while (true)
            {
                string? written = null;
                var batch = outbox.Export(size, b => written = SignedBatchFiles.Write(pr.GetValue(dir)!, self.Code, self.Parent, b, key, ctx.Clock.GetUtcNow()), ctx.Clock.GetUtcNow());
                if (batch.Count == 0) break;
                ctx.Out.WriteLine(Json.Line(new { file = written, signature = SignedBatchFiles.SignatureOf(written!), lines = batch.Count, firstSeq = batch[0].Seq, lastSeq = batch[^1].Seq }));
            }
            return 0;
        });
        group.Subcommands.Add(export);

        var from = new Option<string>("--from") { Required = true, Description = "the node that signed the batch, e.g. 100000 (the national platform)" };
        var provider = new Option<string>("--provider") { Required = true, Description = "the provider account the records are stored under (e.g. the national court list source)" };
        var item = new Option<string>("--item") { Required = true, Description = "the catalog item, e.g. court-dishonest" };
        var file = new Argument<string>("FILE") { Description = "a signed JSON-lines batch (FILE.sig.json beside it)" };
        var import = new Command("import", "Import a signed batch of national list decisions (e.g. 失信被执行人) as a source: the signature is checked against the trusted key of --from, then the records go through the collection pipeline; prints the import's answer") { from, provider, item, file };
        PlatformCommands.Common(import);
        import.SetAction(pr =>
        {
            var o = PlatformCommands.OptionsOf(pr);
            var path = pr.GetValue(file)!;
            if (!File.Exists(path)) { ctx.Err.WriteLine($"xinyong: file not found: {path}"); return 1; }
            using var sp = PlatformCommands.Services(o, s => s.AddNetworkCore(o));
            try { SignedBatchFiles.Verify(path, pr.GetValue(from)!, sp.GetRequiredService<LocalNode>().Code, sp.GetRequiredService<NodeKeys>()); }
            catch (InvalidDataException ex) { ctx.Err.WriteLine($"xinyong: refused: {ex.Message}"); return 1; }
            var account = sp.GetRequiredService<AccountStore>().Get(pr.GetValue(provider)!);
            if (account is null || account.Kind != AccountKinds.Provider) { ctx.Err.WriteLine($"xinyong: no provider unit '{pr.GetValue(provider)}' (register it with: xinyong provider add)"); return 1; }
            try
            {
                using var source = RecordSources.Open(File.OpenRead(path), SourceFormat.JsonLines);
                var r = sp.GetRequiredService<CollectionPipeline>().Import(new ImportRequest(account, pr.GetValue(item)!, "national", FileName: Path.GetFileName(path)), source);
                ctx.Out.WriteLine(Json.Line(Xinyong.Application.Collection.ImportAnswer.Of(r)));
                return 0;
            }
            catch (Exception ex) when (ex is SourceException or ItemNotPermittedException or KeyNotFoundException)
            {
                ctx.Err.WriteLine($"xinyong: {ex.Message}");
                return 1;
            }
        });
        group.Subcommands.Add(import);

        var everything = new Option<bool>("--all") { Description = "every record held, not only those collected before the node joined" };
        var backfill = new Command("backfill", "Put the records collected before this node joined the network into the outbox for the parent (each once: running it again enqueues nothing twice); prints {\"enqueued\",\"joinedAt\"}") { everything };
        PlatformCommands.Common(backfill);
        backfill.SetAction(pr =>
        {
            var o = PlatformCommands.OptionsOf(pr);
            using var sp = PlatformCommands.Services(o, s => s.AddNetworkCore(o));
            var self = sp.GetRequiredService<LocalNode>();
            if (self.Code is null || self.Parent is null) { ctx.Err.WriteLine("xinyong: this instance is not a node with a parent (Network:Node in xinyong.json)"); return 1; }
            var outbox = sp.GetRequiredService<NetworkOutbox>();
            var n = outbox.Backfill(self.Parent, pr.GetValue(everything), ctx.Clock.GetUtcNow());
            ctx.Out.WriteLine(Json.Line(new { enqueued = n, joinedAt = outbox.JoinedAt() }));
            return 0;
        });
        group.Subcommands.Add(backfill);

        root.Subcommands.Add(group);
    }
}
