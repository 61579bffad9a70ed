namespace Xinyong.Catalog;

/// <summary>
/// A group of the catalog (<c>groups:</c> of a catalog file): where the portal's subject page shows the records of the
/// items that name it (<see cref="CatalogItem.Group"/>), under which heading, in which order, and which section of the
/// credit report holds them. An operator renames or reorders groups by publishing a catalog version, not by a release.
/// </summary>
/// <param name="Code">A stable code the items refer to (e.g. penalty).</param>
/// <param name="Label">The Chinese heading of the group on the subject page (e.g. 行政处罚).</param>
/// <param name="Section">The title of its section in the credit report (e.g. 行政处罚信息).</param>
/// <param name="Order">Its place among the groups, smallest first.</param>
/// <param name="SubjectKinds">The subject kinds whose pages and reports show the group (e.g. 政务诚信 for
/// government bodies only, credit regulation Art. 9); empty = every kind. A page still shows it when the subject has
/// records in it.</param>
public sealed record CatalogGroup(string Code, string Label, string Section, int Order, IReadOnlyList<string> SubjectKinds)
{
    /// <summary>The group of registration information: the subject's basic information (the heading of its page, the
    /// first section of its report), not a group of records. Every catalog declares it.</summary>
    public const string Basic = "basic";

    /// <summary>The group the credit-list entries (Art. 28) are shown in, with the records of list items. Every catalog declares it.</summary>
    public const string Lists = "list";

    /// <summary>Whether a subject of <paramref name="subjectKind"/> (its code, e.g. government-body) is shown the group.</summary>
    public bool Shows(string subjectKind) => SubjectKinds.Count == 0 || SubjectKinds.Contains(subjectKind);
}
