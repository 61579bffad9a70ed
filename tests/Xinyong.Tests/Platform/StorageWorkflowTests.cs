using System.Text.RegularExpressions;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Platform;

/// <summary>
/// Storage holds no workflow decisions (issue 12; docs/architecture.md): no Storage file sends a notification
/// (<c>Outbox.Send…</c>) or names a mailbox, throws or names the domain's refusal (a rule's refusal is the caller's), or
/// chooses words for people from a texts class (<c>…Texts</c>: the application or the domain chooses them and gives the
/// store what to write). Comments do not count. Next to <see cref="LayeringTests"/>, which holds the Chinese text and the
/// outbox's constructor out of Storage.
/// </summary>
public sealed partial class StorageWorkflowTests
{
    /// <summary>
    /// Storage files that may still name one of those, each with why. The list may only shrink.
    /// </summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        // The outbox itself: the table of messages and the Mailbox type the application sends through. It decides nothing.
        ["Notifications/Outbox.cs"] = "the outbox's own file",
    };

    [GeneratedRegex(@"\bOutbox\s*\.\s*Send\w*|\bMailbox\b|\b\w*Refusals?\b|\b[A-Z]\w*Texts\b")]
    private static partial Regex Workflow();

    private static string Storage => Path.Combine(Paths.Repo, "src", "Xinyong.Storage");

    private static Dictionary<string, List<string>> Found() =>
        Directory.EnumerateFiles(Storage, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (File: Path.GetRelativePath(Storage, f).Replace('\\', '/'),
                Names: File.ReadLines(f).SelectMany(l => Workflow().Matches(LayeringTests.CodeOf(l)).Select(m => m.Value)).Distinct().ToList()))
            .Where(x => x.Names.Count > 0)
            .ToDictionary(x => x.File, x => x.Names);

    [Fact]
    public void The_pattern_sees_sends_mailboxes_refusals_and_texts_but_not_comments()
    {
        Assert.Matches(Workflow(), LayeringTests.CodeOf("outbox.Send(c, tx, Mailbox.OfSubject(1), …);"));
        Assert.Matches(Workflow(), LayeringTests.CodeOf("Outbox.SendMany(c, tx, list);"));
        Assert.Matches(Workflow(), LayeringTests.CodeOf("throw Refusal.Invalid(\"x\", y);"));
        Assert.Matches(Workflow(), LayeringTests.CodeOf("throw RecordRefusals.NotFound(id);"));
        Assert.Matches(Workflow(), LayeringTests.CodeOf("RecordVersions.Event(c, tx, id, now, \"archived\", Actor, DisclosureTexts.Archived(until));"));
        Assert.DoesNotMatch(Workflow(), LayeringTests.CodeOf("    /// the words are <see cref=\"AuditTexts.KeyRotated\"/>"));
        Assert.DoesNotMatch(Workflow(), LayeringTests.CodeOf("var contexts = new CaseContexts();"));
    }

    [Fact]
    public void Storage_sends_no_notices_refuses_nothing_and_chooses_no_words_outside_the_allow_list()
    {
        var found = Found();
        var unexpected = found.Where(kv => !Allowed.ContainsKey(kv.Key)).OrderBy(kv => kv.Key)
            .Select(kv => $"{kv.Key} ({string.Join(", ", kv.Value)})").ToList();
        Assert.True(unexpected.Count == 0,
            "a store writes what it is given: sending a notice, refusing by a rule and choosing the words belong to the application " +
            "(or the domain), which hands the store what to write: " + string.Join("; ", unexpected));
        var stale = Allowed.Keys.Where(f => !found.ContainsKey(f)).Order().ToList();
        Assert.True(stale.Count == 0, "these allow-listed files no longer need it; remove them from the list: " + string.Join(", ", stale));
    }
}
