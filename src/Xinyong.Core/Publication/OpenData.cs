namespace Xinyong.Publication;

/// <summary>
/// The open-data change feed: every record of an unconditionally open item appears with the kind of
/// its last change. Only <c>new</c> and <c>corrected</c> lines carry content; the others tell a consumer to stop
/// publishing the record (it is never published again once archived, Art. 37).
/// </summary>
public static class OpenData
{
    /// <summary>The record is public and was first published.</summary>
    public const string New = "new";
    /// <summary>The record is public and its content was corrected (Art. 38).</summary>
    public const string Corrected = "corrected";
    /// <summary>The record was revoked: its basis was revoked, confirmed illegal or invalid (Art. 38).</summary>
    public const string Revoked = "revoked";
    /// <summary>The disclosure period ended: publication stopped for good, the record is archived (Art. 37).</summary>
    public const string Archived = "archived";
    /// <summary>Publication stopped without archiving: the subject declined publication (Art. 37) or the record was repaired (Art. 40).</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The kind of change a record's current state shows.</summary>
    public static string ChangeOf(PublicationState s, int version, DateOnly today) => s.Status switch
    {
        var x when x == RecordStatus.Revoked => Revoked,
        var x when x == RecordStatus.Archived => Archived,
        _ when PublicationRule.PeriodEnded(s.PublicUntil, today) => Archived,
        _ when s.Withheld || s.Unpublished => Withdrawn,
        _ => version <= 1 ? New : Corrected,
    };

    /// <summary>Whether a line of this change carries the record's content.</summary>
    public static bool CarriesContent(string change) => change is New or Corrected;
}
