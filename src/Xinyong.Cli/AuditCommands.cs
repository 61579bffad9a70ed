using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Audit;

namespace Xinyong.Cli;

/// <summary>
/// The audit chain for auditors and operators: <c>audit verify</c> checks every entry against its key, every link, and
/// the signed checkpoints kept outside the database (exit status 0 when intact, 1 with each problem named and coded),
/// <c>audit rotate-key</c> starts a new audit key, <c>audit checkpoint</c> signs the head now, and <c>audit list</c>
/// prints the newest entries, one JSON line each, optionally of one target (e.g. <c>record:42</c>, <c>list-entry:7</c>).
/// </summary>
internal static class AuditCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var audit = new Command("audit", "The tamper-evident audit chain: verify it, rotate its key, sign a checkpoint, list its entries");

        var verify = new Command("verify", "Check the audit chain against its keys and signed checkpoints; prints {\"valid\",\"entries\",\"brokenAt\",\"code\",\"reason\",\"problems\",\"checkpoint\"}, exit 1 when anything is wrong");
        PlatformCommands.Common(verify);
        verify.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            var v = sp.GetRequiredService<AuditChain>().Verify();
            ctx.Out.WriteLine(Json.Line(new
            {
                valid = v.Valid, entries = v.Entries, brokenAt = v.BrokenAt, code = v.Code, reason = v.Reason,
                problems = v.Problems.Select(p => new { code = p.Code, seq = p.Seq, reason = p.Reason }), totalProblems = v.TotalProblems,
                head = v.HeadSeq, checkpoint = v.Checkpoint is { } cp ? new { seq = cp.Seq, entries = cp.Entries, at = cp.At } : null, checkpoints = v.Checkpoints,
            }));
            if (!v.Valid) foreach (var p in v.Problems) ctx.Err.WriteLine($"xinyong: 审计链有误 [{p.Code}] {p.Reason}");
            return v.Valid ? 0 : 1;
        });
        audit.Subcommands.Add(verify);

        var by = new Option<string>("--by") { Description = "who rotates the key (staff code)", DefaultValueFactory = _ => "cli" };
        var rotate = new Command("rotate-key", "Create a new audit key (the old ones stay for verification); the rotation is an entry signed under the old key naming the new key's id; prints {\"oldKeyId\",\"newKeyId\"}") { by };
        PlatformCommands.Common(rotate);
        rotate.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            var chain = sp.GetRequiredService<AuditChain>();
            var v = chain.Verify();
            if (!v.Valid)
            {
                ctx.Err.WriteLine($"xinyong: 审计链有误，不轮换密钥 [{v.Code}] {v.Reason}");
                return 1;
            }
            var (oldId, newId) = chain.RotateKey(pr.GetValue(by)!, Xinyong.Audit.AuditTexts.KeyRotated);
            ctx.Out.WriteLine(Json.Line(new { oldKeyId = oldId, newKeyId = newId }));
            return 0;
        });
        audit.Subcommands.Add(rotate);

        var checkpoint = new Command("checkpoint", "Sign the chain's head into the checkpoint log now (only over a chain that verifies); prints {\"written\",\"seq\",\"entries\",\"hash\",\"at\"}, exit 1 when the chain does not verify");
        PlatformCommands.Common(checkpoint);
        checkpoint.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            var w = sp.GetRequiredService<AuditChain>().WriteCheckpoint(force: true);
            if (!w.Verification.Valid)
            {
                ctx.Err.WriteLine($"xinyong: 审计链有误，不签名检查点 [{w.Verification.Code}] {w.Verification.Reason}");
                return 1;
            }
            var cp = w.Checkpoint;
            ctx.Out.WriteLine(Json.Line(new { written = w.Written, seq = cp?.Seq, entries = cp?.Entries, hash = cp?.Hash, at = cp?.At }));
            return 0;
        });
        audit.Subcommands.Add(checkpoint);

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
                ctx.Out.WriteLine(Json.Line(new { seq = e.Seq, at = e.At, actor = e.Actor, action = e.Action, target = e.Target, detail = e.Detail, hash = e.Hash, keyId = e.KeyId }));
            return 0;
        });
        audit.Subcommands.Add(list);
        root.Subcommands.Add(audit);
    }
}
