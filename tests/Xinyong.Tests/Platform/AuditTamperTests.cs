using System.Security.Cryptography;
using System.Text;
using Dapper;
using Xinyong.Storage;
using Xinyong.Audit;
using Xinyong.Storage.Audit;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>
/// An insider who can write to the database, but not to the keys folder, plays with the audit chain: drops its newest
/// entries, empties it, rewrites and re-hashes it (plain SHA-256, a guessed key, the old unkeyed form), edits or removes
/// an entry in the middle; each is detected and named with its code. Also: a forged checkpoint, a key rotation, and the
/// entries of an earlier version (unkeyed) that stay verifiable. On both stores.
/// </summary>
public class AuditTamperTests
{
    /// <summary>A store with the chain over it, as a platform process holds it (keys folder beside the store).</summary>
    private sealed class Chain : IDisposable
    {
        public Chain(string store)
        {
            Store = TestStores.Create(store);
            Db = Database.FromArgument(Store.Db);
            Migrator.Migrate(Db);
            Audit = Open();
        }

        public TempStore Store { get; }
        public Database Db { get; }
        public ManualClock Clock { get; } = new("2026-11-22T10:00:00+08:00");
        public AuditChain Audit { get; private set; }
        public string Keys => Path.Combine(Store.Folder, "keys");
        public string CheckpointLog => Path.Combine(Keys, "audit-checkpoints.jsonl");

        /// <summary>The chain as another process opens it (e.g. the xinyong command while the platform runs).</summary>
        public AuditChain Open() => new(Db, Clock, AuditKeyRing.LoadOrCreate(Path.Combine(Keys, "audit-hmac.keys"), Clock),
            AuditCheckpointLog.Open(Path.Combine(Keys, "audit-checkpoint.pem"), CheckpointLog));

        public void Acts(int n, string prefix = "thing")
        {
            for (var i = 0; i < n; i++)
            {
                Clock.Advance(TimeSpan.FromMinutes(1));
                Audit.Append("tester", "test.act", $"{prefix}:{i}", $"detail {i}");
            }
        }

        public void Sql(string sql, object? args = null)
        {
            using var c = Db.Open();
            c.Execute(sql, args);
        }

        public List<AuditEntry> All() => [.. Audit.Recent(100_000).OrderBy(e => e.Seq)];

        public void Dispose()
        {
            Audit.Checkpoints.Dispose();
            Store.Dispose();
        }
    }

    private static void Signed(Chain ch)
    {
        var w = ch.Audit.WriteCheckpoint();
        Assert.True(w.Verification.Valid, w.Verification.Reason);
        Assert.True(w.Written);
    }

    private static AuditVerification Broken(Chain ch, string code)
    {
        var v = ch.Audit.Verify();
        Assert.False(v.Valid);
        Assert.Equal(code, v.Code);
        Assert.Contains(v.Problems, p => p.Code == code && !string.IsNullOrEmpty(p.Reason));
        Assert.All(v.Problems, p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p.Reason));   // named in Chinese
        // Nothing is signed over a chain that does not verify.
        var w = ch.Audit.WriteCheckpoint(force: true);
        Assert.False(w.Written);
        return v;
    }

    /// <summary>The text an entry's hash covers, as the source code (public) says: the insider knows it.</summary>
    private static string Text(AuditEntry e, string prev) =>
        string.Join('\u001f', prev, e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.Target, e.Detail ?? "");

    /// <summary>Rewrites every entry with a new hash the insider can compute, linking each to the one before.</summary>
    private static void Rehash(Chain ch, Func<AuditEntry, string, string> hash, Func<AuditEntry, string?> keyId, Func<AuditEntry, string?>? detail = null)
    {
        var prev = AuditChain.Genesis;
        using var c = ch.Db.Open();
        foreach (var e in ch.All())
        {
            var changed = e with { Detail = detail?.Invoke(e) ?? e.Detail };
            var h = hash(changed, prev);
            c.Execute("UPDATE audit_log SET detail = @d, prev_hash = @prev, hash = @h, key_id = @k WHERE seq = @seq",
                new { d = changed.Detail, prev, h, k = keyId(e), seq = e.Seq });
            prev = h;
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Dropping_the_newest_entries_is_named_against_the_signed_checkpoint(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(8);
        Signed(ch);
        Assert.True(ch.Audit.Verify().Valid);
        ch.Sql("DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 3)");
        var v = Broken(ch, AuditCodes.TailDropped);
        Assert.False(ch.Audit.WriteCheckpoint().Written);   // the routine (incremental) check refuses too
        Assert.Equal(5, v.Entries);
        Assert.Contains("最新的3条记录被删除", v.Reason);
        Assert.Contains("检查点记载到第8条", v.Reason);

        // New entries after the cut do not hide it: the checkpoint's entry is gone or is another one now.
        ch.Acts(5, "after");
        v = ch.Audit.Verify();
        Assert.False(v.Valid);
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.CheckpointMismatch && p.Seq == 8);
        Assert.False(ch.Audit.WriteCheckpoint().Written);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void A_routine_checkpoint_checks_what_came_after_the_last_one(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(3);
        Signed(ch);
        ch.Acts(3, "more");
        var newest = ch.All()[^1];
        ch.Sql("UPDATE audit_log SET detail = 'forged' WHERE seq = @s", new { s = newest.Seq - 1 });
        var w = ch.Audit.WriteCheckpoint();
        Assert.False(w.Written);
        Assert.Equal((AuditCodes.EntryChanged, (long?)(newest.Seq - 1)), (w.Verification.Code, w.Verification.BrokenAt));
        ch.Sql("UPDATE audit_log SET detail = 'detail 1' WHERE seq = @s", new { s = newest.Seq - 1 });
        w = ch.Audit.WriteCheckpoint();
        Assert.True(w.Written);
        Assert.Equal((newest.Seq, 6L), (w.Checkpoint!.Seq, w.Checkpoint.Entries));
        Assert.True(ch.Audit.Verify().Valid);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Emptying_the_table_is_named(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(4);
        Signed(ch);
        ch.Sql("DELETE FROM audit_log");
        var v = Broken(ch, AuditCodes.ChainEmptied);
        Assert.Equal(0, v.Entries);
        Assert.Contains("审计记录被全部删除", v.Reason);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Rewriting_and_rehashing_the_chain_without_the_key_is_named(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(6);
        Signed(ch);
        var first = ch.All()[0].Seq;
        var forged = (Func<AuditEntry, string?>)(e => e.Target == "thing:2" ? "forged" : e.Detail);

        // Plain SHA-256, as the chain was before it had a key; the key ids left as they were.
        Rehash(ch, (e, prev) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(e, prev)))), e => e.KeyId, forged);
        var v = Broken(ch, AuditCodes.EntryChanged);
        Assert.Equal(first, v.BrokenAt);
        Assert.Equal(6, v.Problems.Count(p => p.Code == AuditCodes.EntryChanged));
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.CheckpointMismatch);
        Assert.Contains("消息认证码不符", v.Reason);

        // A guessed key under the real key id.
        var guess = RandomNumberGenerator.GetBytes(32);
        Rehash(ch, (e, prev) => Convert.ToHexStringLower(HMACSHA256.HashData(guess, Encoding.UTF8.GetBytes(Text(e, prev) + '\u001f' + e.KeyId))), e => e.KeyId, forged);
        v = Broken(ch, AuditCodes.EntryChanged);
        Assert.Equal(first, v.BrokenAt);

        // A guessed key under its own id: no such key.
        var guessedId = AuditKey.IdOf(guess);
        Rehash(ch, (e, prev) => Convert.ToHexStringLower(HMACSHA256.HashData(guess, Encoding.UTF8.GetBytes(Text(e, prev) + '\u001f' + guessedId))), _ => guessedId, forged);
        v = Broken(ch, AuditCodes.KeyUnknown);
        Assert.Contains(guessedId, v.Reason);

        // The old unkeyed form (no key id, plain SHA-256): the chain had keyed entries from its start.
        Rehash(ch, (e, prev) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(e, prev)))), _ => null, forged);
        v = Broken(ch, AuditCodes.EntryUnkeyed);
        Assert.Equal(first, v.BrokenAt);
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.CheckpointMismatch);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void A_changed_or_removed_entry_in_the_middle_is_named(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(7);
        Signed(ch);
        var seqs = ch.All().Select(e => e.Seq).ToList();

        ch.Sql("UPDATE audit_log SET detail = 'forged' WHERE seq = @s", new { s = seqs[3] });
        var v = Broken(ch, AuditCodes.EntryChanged);
        Assert.Equal(seqs[3], v.BrokenAt);
        Assert.Equal(1, v.TotalProblems);
        Assert.Contains($"第{seqs[3]}条记录写入后被改动", v.Reason);
        ch.Sql("UPDATE audit_log SET detail = 'detail 3' WHERE seq = @s", new { s = seqs[3] });
        Assert.True(ch.Audit.Verify().Valid);

        ch.Sql("DELETE FROM audit_log WHERE seq = @s", new { s = seqs[2] });
        v = Broken(ch, AuditCodes.LinkBroken);
        Assert.Equal(seqs[3], v.BrokenAt);
        Assert.Contains($"第{seqs[3]}条记录与前一条记录不衔接", v.Reason);
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.CheckpointMismatch && p.Reason.Contains("应有7条记录"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void A_checkpoint_whose_signature_is_wrong_is_named(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(3);
        Signed(ch);
        ch.Acts(2);
        Signed(ch);
        Assert.Equal(2, ch.Audit.Verify().Checkpoints);

        // The newest checkpoint edited to claim a shorter chain (to cover a later cut).
        var lines = File.ReadAllLines(ch.CheckpointLog);
        File.WriteAllLines(ch.CheckpointLog, [lines[0], lines[1].Replace("\"entries\":5", "\"entries\":4")]);
        var v = ch.Audit.Verify();
        Assert.False(v.Valid);
        Assert.Equal(AuditCodes.CheckpointSignature, v.Code);
        Assert.Contains("检查点文件第2行", v.Reason);
        Assert.Contains("签名无效", v.Reason);

        // A checkpoint signed with another key (the insider's own) is no checkpoint of the platform.
        using var other = AuditCheckpointLog.Open(Path.Combine(ch.Store.Folder, "other.pem"), Path.Combine(ch.Store.Folder, "other.jsonl"));
        var fake = other.Append(2, 2, new string('a', 64), ch.Clock.GetUtcNow());
        File.WriteAllLines(ch.CheckpointLog, [.. lines, System.Text.Json.JsonSerializer.Serialize(fake)]);
        v = ch.Audit.Verify();
        Assert.Equal(AuditCodes.CheckpointSignature, v.Code);
        Assert.Contains("检查点文件第3行", v.Reason);

        // A line that is not a checkpoint at all.
        File.WriteAllLines(ch.CheckpointLog, [.. lines, "{not json"]);
        Assert.Equal(AuditCodes.CheckpointUnreadable, ch.Audit.Verify().Code);
        File.WriteAllLines(ch.CheckpointLog, lines);
        Assert.True(ch.Audit.Verify().Valid);

        // An older line edited: the line after it no longer links to it, and its own signature fails.
        File.WriteAllLines(ch.CheckpointLog, [lines[0].Replace("\"entries\":3", "\"entries\":2"), lines[1]]);
        v = ch.Audit.Verify();
        Assert.Equal((AuditCodes.CheckpointSignature, (long?)3), (v.Code, v.BrokenAt));
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.CheckpointLink && p.Reason.Contains("第2行"));

        File.WriteAllLines(ch.CheckpointLog, lines);

        // A line removed from the middle of the log: the lines form a chain too.
        ch.Acts(1);
        Signed(ch);
        lines = File.ReadAllLines(ch.CheckpointLog);
        Assert.Equal(3, lines.Length);
        File.WriteAllLines(ch.CheckpointLog, [lines[0], lines[2]]);
        v = ch.Audit.Verify();
        Assert.Equal(AuditCodes.CheckpointLink, v.Code);
        Assert.Contains("检查点文件第2行与前一行不衔接", v.Reason);
        File.WriteAllLines(ch.CheckpointLog, lines);
        Assert.True(ch.Audit.Verify().Valid);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Rotation_is_an_entry_under_the_old_key_and_verification_crosses_it(string store)
    {
        using var ch = new Chain(store);
        ch.Acts(3, "before");
        var oldKey = ch.All()[^1].KeyId!;
        Assert.StartsWith("ak-", oldKey);

        // Another process (the xinyong command) rotates while this one keeps appending.
        var other = ch.Open();
        var (o, n) = other.RotateKey("XY-01", AuditTexts.KeyRotated);
        Assert.Equal(oldKey, o);
        Assert.NotEqual(o, n);
        ch.Acts(3, "after");
        ch.Audit.RotateKey("XY-01", AuditTexts.KeyRotated);
        ch.Acts(2, "last");
        Signed(ch);

        var all = ch.All();
        var rotation = all.First(e => e.Action == AuditChain.RotateAction);
        Assert.Equal((oldKey, $"audit-key:{n}"), (rotation.KeyId, rotation.Target));
        Assert.All(all.Where(e => e.Target.StartsWith("after:")), e => Assert.Equal(n, e.KeyId));
        Assert.Equal(3, all.Select(e => e.KeyId).Distinct().Count());
        Assert.Equal(3, ch.Audit.Keys.Keys.Count);   // the old keys are kept
        var v = ch.Audit.Verify();
        Assert.True(v.Valid, v.Reason);
        Assert.Equal(10, v.Entries);

        // The rotation entry cannot be pointed at another key, nor can an entry switch keys without one.
        ch.Sql("UPDATE audit_log SET target = @t WHERE seq = @s", new { t = $"audit-key:{oldKey}", s = rotation.Seq });
        Assert.Equal(AuditCodes.EntryChanged, Broken(ch, AuditCodes.EntryChanged).Code);
        ch.Sql("UPDATE audit_log SET target = @t WHERE seq = @s", new { t = $"audit-key:{n}", s = rotation.Seq });
        Assert.True(ch.Audit.Verify().Valid);
        var firstAfter = all.First(e => e.Target == "after:0");
        ch.Sql("UPDATE audit_log SET action = 'test.act', target = 'x', detail = NULL WHERE seq = @s", new { s = rotation.Seq });
        var broken = ch.Audit.Verify();
        Assert.Contains(broken.Problems, p => p.Code == AuditCodes.KeySwitched && p.Seq == firstAfter.Seq);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public void Entries_of_an_earlier_version_stay_verifiable_and_the_first_keyed_entry_covers_the_last_of_them(string store)
    {
        using var ch = new Chain(store);
        // Three entries as an earlier version wrote them: plain SHA-256, no key id.
        var prev = AuditChain.Genesis;
        for (var i = 0; i < 3; i++)
        {
            ch.Clock.Advance(TimeSpan.FromMinutes(1));
            var e = new AuditEntry { At = ch.Clock.GetUtcNow(), Actor = "old", Action = "test.old", Target = $"old:{i}", Detail = null };
            var h = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(e, prev))));
            ch.Sql("INSERT INTO audit_log (at, actor, action, target, detail, prev_hash, hash) VALUES (@At, @Actor, @Action, @Target, @Detail, @prev, @h)",
                new { e.At, e.Actor, e.Action, e.Target, e.Detail, prev, h });
            prev = h;
        }
        Assert.True(ch.Audit.Verify().Valid);
        ch.Acts(2);
        var all = ch.All();
        Assert.Equal([null, null, null], all.Take(3).Select(e => e.KeyId));
        Assert.Equal(all[2].Hash, all[3].PrevHash);
        Assert.NotNull(all[3].KeyId);
        Assert.Equal(new AuditOrigin(3, all[2].Hash), ch.Audit.Keys.Origin);
        Assert.True(ch.Audit.Verify().Valid);
        Signed(ch);

        // An old entry changed: its SHA-256 no longer matches.
        ch.Sql("UPDATE audit_log SET actor = 'someone' WHERE seq = @s", new { s = all[1].Seq });
        Assert.Equal(all[1].Seq, Broken(ch, AuditCodes.EntryChanged).BrokenAt);
        ch.Sql("UPDATE audit_log SET actor = 'old' WHERE seq = @s", new { s = all[1].Seq });

        // The old entries rewritten (one dropped, the rest re-hashed, the first keyed entry re-linked): the origin says otherwise.
        ch.Sql("DELETE FROM audit_log WHERE seq = @s", new { s = all[0].Seq });
        var keep = all[1] with { };
        var h1 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(keep, AuditChain.Genesis))));
        var h2 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text(all[2], h1))));
        ch.Sql("UPDATE audit_log SET prev_hash = @g, hash = @h1 WHERE seq = @s", new { g = AuditChain.Genesis, h1, s = all[1].Seq });
        ch.Sql("UPDATE audit_log SET prev_hash = @h1, hash = @h2 WHERE seq = @s", new { h1, h2, s = all[2].Seq });
        ch.Sql("UPDATE audit_log SET prev_hash = @h2 WHERE seq = @s", new { h2, s = all[3].Seq });
        var v = ch.Audit.Verify();
        Assert.False(v.Valid);
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.OriginMismatch && p.Reason.Contains("应有3条旧记录"));
        Assert.Contains(v.Problems, p => p.Code == AuditCodes.EntryChanged && p.Seq == all[3].Seq);   // its MAC covers the old link
    }

    [Fact]
    public void The_key_files_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        using var ch = new Chain("sqlite");
        ch.Acts(1);
        Signed(ch);
        foreach (var f in new[] { "audit-hmac.keys", "audit-checkpoint.pem" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(ch.Keys, f)));
    }
}
