namespace Xinyong.Storage.Publication;

/// <summary>
/// The one SQL form of a record in force (<see cref="Xinyong.Publication.PublicationRule.InForce"/>) over <c>records r</c> with the
/// parameter <c>@today</c>, and the named variants some callers need, each built from the same parts and each the SQL
/// form of one rule of <see cref="Xinyong.Publication.PublicationRule"/>. Every query of publication, listings, open data,
/// statistics, checks, grades, lists and archiving takes its condition from here; <c>InForceSqlTests</c> compares every
/// variant with its domain rule over a table of cases on both stores.
/// </summary>
/// <remarks>
/// The SQL pre-selects only: what an audience sees of a record is still decided in C# by the views
/// (<see cref="Xinyong.Publication.PublicationRule"/>, <c>Access</c>), which also weigh the catalog item's attributes.
/// </remarks>
public static class InForceSql
{
    /// <summary>Part: the record is active (not revoked, not archived).</summary>
    public const string Active = "r.status = 'active'";

    /// <summary>Part: the record is not withheld (positive information the subject declined, Art. 37; repaired, Art. 40).</summary>
    public const string NotWithheld = "r.withheld = FALSE";

    /// <summary>Part: the disclosure period has not ended on <c>@today</c> (the last day included, as <see cref="Xinyong.Publication.PublicationRule.PeriodEnded"/>).</summary>
    public const string PeriodNotEnded = "(r.public_until IS NULL OR r.public_until >= @today)";

    /// <summary>Part: published to the public: not minor information left unpublished nor held under an emergency declaration
    /// (<see cref="Xinyong.Publication.PublicationState.Unpublished"/>).</summary>
    public const string Published = "r.publication = 'published'";

    /// <summary>Part: not held under an emergency declaration for the deciding unit's confirmation (<see cref="Xinyong.Publication.PublicationState.Held"/>).</summary>
    public const string NotHeld = "r.publication <> 'held'";

    /// <summary>Part: not exempted from measures (Art. 30 (2)).</summary>
    public const string NotExempted = "NOT EXISTS (SELECT 1 FROM measure_exemptions x WHERE x.record_id = r.id)";

    /// <summary>
    /// The record in force: <see cref="Xinyong.Publication.PublicationRule.InForce"/>. Active, not withheld, the disclosure period
    /// not ended. Used where the catalog item's open attribute and the publication flag are weighed afterwards, or do not
    /// matter (counts of records in force, the 双公示 search, the records a staff member or department may be shown).
    /// </summary>
    public const string Record = Active + " AND " + NotWithheld + " AND " + PeriodNotEnded;

    /// <summary>
    /// Variant for what the public may see (listings, 双公示 pages): in force and published — the state part of
    /// <see cref="Xinyong.Publication.PublicationRule.IsPublic"/> (the item's open attribute is the caller's filter by item).
    /// </summary>
    public const string Public = Record + " AND " + Published;

    /// <summary>
    /// Variant for measures, checks and grades: <see cref="Xinyong.Publication.PublicationRule.CountsForMeasures"/>. In force, not
    /// exempted (Art. 30 (2)) and not held (Art. 30 (3)). It differs from <see cref="Public"/> on purpose: minor
    /// information left unpublished is not shown to the public but still counts for measures, because it is shared for use.
    /// </summary>
    public const string ForMeasures = Record + " AND " + NotExempted + " AND " + NotHeld;

    /// <summary>
    /// Variant for credit lists: <see cref="Xinyong.Publication.PublicationRule.EndsListing"/>. The record no longer supports the
    /// list entries it is the basis of: revoked (Art. 38) or withheld (repaired, Art. 40). It ignores the disclosure
    /// period on purpose: a list entry runs for its own period.
    /// </summary>
    public const string EndsListing = "(r.status = 'revoked' OR NOT (" + NotWithheld + "))";

    /// <summary>
    /// Variant for the archiving job: <see cref="Xinyong.Publication.PublicationRule.ArchiveDue"/>. Active and its disclosure period
    /// ended before <c>@today</c> — the complement of <see cref="PeriodNotEnded"/> among active records (written as a
    /// plain range so the index on the period's end serves it).
    /// </summary>
    public const string ArchiveDue = Active + " AND r.public_until < @today";

    /// <summary>
    /// Variant for a reorganisation ruling (credit repair by restructuring): active and not withheld, whatever the
    /// disclosure period — the ruling covers what was decided before it, and the archiving job ends the periods.
    /// </summary>
    public const string Standing = Active + " AND " + NotWithheld;
}
