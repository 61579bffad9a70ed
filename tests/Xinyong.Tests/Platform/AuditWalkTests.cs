using Xinyong.Audit;

namespace Xinyong.Tests.Platform;

/// <summary>
/// The audit chain's verification walk is a domain rule over a stream of entries (Core/Audit/AuditWalk): it runs
/// without a store, and it decides the finding and its words. The store-backed cases (both stores, the checkpoint
/// log, the backup's check) are in <see cref="AuditTamperTests"/>.
/// </summary>
public class AuditWalkTests
{
    private sealed class Keys(params AuditKey[] keys) : IAuditKeys
    {
        public AuditKey? Find(string id) => keys.FirstOrDefault(k => k.Id == id);
        public AuditOrigin? Origin => new(0, AuditWalk.Genesis);
    }

    private static readonly AuditKey Key = MakeKey(1);

    private static AuditKey MakeKey(byte b)
    {
        var secret = Enumerable.Repeat(b, 32).ToArray();
        return new AuditKey(AuditKey.IdOf(secret), secret, DateTimeOffset.UnixEpoch);
    }

    /// <summary>A chain of <paramref name="n"/> keyed entries, each linked to the one before.</summary>
    private static List<AuditEntry> Chain(int n)
    {
        var list = new List<AuditEntry>();
        var prev = AuditWalk.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var at = new DateTimeOffset(2026, 11, 22, 2, 0, i, TimeSpan.Zero);
            var hash = AuditWalk.Mac(Key, prev, at, "XY-01", "record.correct", $"record:{i}", "理由");
            list.Add(new AuditEntry { Seq = i, At = at, Actor = "XY-01", Action = "record.correct", Target = $"record:{i}", Detail = "理由", PrevHash = prev, Hash = hash, KeyId = Key.Id });
            prev = hash;
        }
        return list;
    }

    private static AuditVerification Walk(IEnumerable<AuditEntry> entries, params AuditKey[] keys) =>
        AuditWalk.Verify(entries, new Keys(keys.Length == 0 ? [Key] : keys), [], _ => true);

    [Fact]
    public void An_intact_chain_verifies_and_names_its_head()
    {
        var chain = Chain(5);
        var v = Walk(chain);
        Assert.True(v.Valid);
        Assert.Equal(5, v.Entries);
        Assert.Equal(5, v.HeadSeq);
        Assert.Equal(chain[^1].Hash, v.HeadHash);
    }

    [Fact]
    public void A_changed_detail_is_named_with_its_entry_and_the_domain_words()
    {
        var chain = Chain(4);
        chain[2] = chain[2] with { Detail = "改过的理由" };
        var v = Walk(chain);
        Assert.False(v.Valid);
        Assert.Equal(AuditCodes.EntryChanged, v.Code);
        Assert.Equal(3, v.BrokenAt);
        Assert.Equal(AuditTexts.EntryMacChanged(3), v.Reason);
    }

    [Fact]
    public void A_removed_entry_breaks_the_link_after_it()
    {
        var chain = Chain(4);
        chain.RemoveAt(1);
        var v = Walk(chain);
        Assert.Equal(AuditCodes.LinkBroken, v.Code);
        Assert.Equal(3, v.BrokenAt);
        Assert.Equal(AuditTexts.LinkBroken(3), v.Reason);
    }

    [Fact]
    public void An_entry_under_a_key_not_in_the_ring_is_named()
    {
        var v = Walk(Chain(2), MakeKey(2));
        Assert.Equal(AuditCodes.KeyUnknown, v.Code);
        Assert.Equal(AuditTexts.KeyUnknown(1, Key.Id), v.Reason);
    }

    [Fact]
    public void A_tail_dropped_after_a_signed_checkpoint_is_named()
    {
        var chain = Chain(5);
        var cp = new AuditCheckpoint { Seq = 5, Entries = 5, Hash = chain[^1].Hash, At = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero), Prev = AuditCheckpoint.First };
        var lines = new[] { new AuditCheckpointLine(1, "line", cp, null) };
        var v = AuditWalk.Verify(chain.Take(3), new Keys(Key), lines, _ => true);
        Assert.Equal(AuditCodes.TailDropped, v.Code);
        Assert.Equal(AuditTexts.TailDropped(3, 3, cp.At, 5, 5), v.Reason);
        // An unreadable line of the log gets the domain's words for why.
        var unreadable = AuditWalk.Verify(chain, new Keys(Key), [new AuditCheckpointLine(1, "{", null, AuditCheckpointLine.NotJson)], _ => true);
        Assert.Equal(AuditTexts.CheckpointUnreadable(1, AuditTexts.CheckpointNotJson), unreadable.Reason);
    }

    [Fact]
    public void A_checkpoint_is_due_when_the_head_moved_or_a_new_day_began()
    {
        var at = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
        var cp = new AuditCheckpoint { Seq = 5, Entries = 5, Hash = "h", At = at };
        Assert.False(AuditWalk.CheckpointDue(cp, 5, "h", at.AddHours(1), force: false));
        Assert.True(AuditWalk.CheckpointDue(cp, 5, "h", at.AddHours(1), force: true));
        Assert.True(AuditWalk.CheckpointDue(cp, 6, "h2", at.AddHours(1), force: false));
        Assert.True(AuditWalk.CheckpointDue(cp, 5, "h", at.AddDays(1), force: false));
        Assert.True(AuditWalk.CheckpointDue(null, 5, "h", at, force: false));
        Assert.True(AuditWalk.MayCheckSince(cp, at.AddHours(1), force: false));
        Assert.False(AuditWalk.MayCheckSince(cp, at.AddDays(1), force: false));
    }
}
