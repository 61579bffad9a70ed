using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Audit;

namespace Xinyong.Cli;

/// <summary>
/// The audit chain for auditors and operators: <c>audit verify</c> recomputes every link of the tamper-evident chain
/// (exit status 0 when intact, 1 with the first broken entry named), <c>audit list</c> prints the newest entries, one
/// JSON line each, optionally of one target (e.g. <c>record:42</c>, <c>list-entry:7</c>).
/// </summary>
internal static class AuditCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var audit = new Command("audit", "The tamper-evident audit chain: verify it, list its entries");

        var verify = new Command("verify", "Recompute every hash of the audit chain; prints {\"valid\",\"entries\",\"brokenAt\",\"reason\"}, exit 1 when broken");
        PlatformCommands.Common(verify);
        verify.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            var v = sp.GetRequiredService<AuditChain>().Verify();
            ctx.Out.WriteLine(Json.Line(new { valid = v.Valid, entries = v.Entries, brokenAt = v.BrokenAt, reason = v.Reason }));
            return v.Valid ? 0 : 1;
        });
        audit.Subcommands.Add(verify);

        var limit = new Option<int>("--limit") { Description = "how many entries, newest first (default 100)", DefaultValueFactory = _ => 100 };
        var target = new Option<string?>("--target") { Description = "only the entries of one target, e.g. record:42" };
        var list = new Command("list", "The newest entries of the audit chain, one JSON line each") { limit, target };
        PlatformCommands.Common(list);
        list.SetAction(pr =>
        {
            var n = pr.GetValue(limit);
            if (n is < 1 or > 100_000) throw new UsageException($"--limit: {n} is not between 1 and 100000");
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            foreach (var e in sp.GetRequiredService<AuditChain>().Recent(n, pr.GetValue(target)))
                ctx.Out.WriteLine(Json.Line(new { seq = e.Seq, at = e.At, actor = e.Actor, action = e.Action, target = e.Target, detail = e.Detail, hash = e.Hash }));
            return 0;
        });
        audit.Subcommands.Add(list);
        root.Subcommands.Add(audit);
    }
}
