namespace Xinyong.Application.Cases;

/// <summary>
/// The one lock scheme of the case desks (objections, repairs): the steps concerning one subject matter (a record, a
/// list entry) run one at a time in this process, so "one open objection / one pending repair per record" holds; every
/// step is one transaction whose state change names the state it leaves, so a step already taken elsewhere (another
/// process, a stale page) changes nothing and is refused.
/// </summary>
public static class CaseLocks
{
    /// <summary>The subject matter kind of a credit record.</summary>
    public const string Record = "record";

    /// <summary>The subject matter kind of a list entry.</summary>
    public const string ListEntry = "list-entry";

    private static readonly object[] Stripes = Enumerable.Range(0, 64).Select(_ => new object()).ToArray();

    /// <summary>The lock of a subject matter: <paramref name="kind"/> is <c>record</c> or <c>list-entry</c>.</summary>
    public static object For(string kind, long id) => Stripes[(int)((uint)HashCode.Combine(kind, id) % Stripes.Length)];
}
