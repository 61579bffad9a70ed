using Xinyong.Catalog;

namespace Xinyong.Publication;

/// <summary>
/// Sharing to government departments (Art. 22): for a department's duties only, following each item's share attribute.
/// An unconditionally shared item goes to every department; a conditionally shared one only to departments whose
/// account lists it; an item that is not shared goes to none. Only records in force are shared.
/// </summary>
public static class Sharing
{
    /// <summary>Whether records of <paramref name="item"/> are shared with a department that may read <paramref name="departmentItems"/>.</summary>
    public static bool IsShared(CatalogItem item, IReadOnlySet<string> departmentItems) => item.Share switch
    {
        ShareAttribute.Unconditional => true,
        ShareAttribute.Conditional => departmentItems.Contains(item.Code),
        _ => false,
    };

    /// <summary>Whether the department sees the record today.</summary>
    public static bool Sees(CatalogItem item, PublicationState s, DateOnly today, IReadOnlySet<string> departmentItems) =>
        IsShared(item, departmentItems) && PublicationRule.InForce(s, today);
}

/// <summary>
/// The authorized query (Art. 23(2), 24): a bank or credit-service firm sees what is open to all, and with a valid
/// authorization of the subject also the conditionally open records of the items the authorization names.
/// </summary>
public static class AuthorizedQuery
{
    /// <summary>Whether the institution sees the record today.</summary>
    /// <param name="item">The record's item.</param>
    /// <param name="s">The record's state.</param>
    /// <param name="today">Today (Beijing).</param>
    /// <param name="authorizedItems">The items of the institution's valid authorization, or null without one.</param>
    public static bool Sees(CatalogItem item, PublicationState s, DateOnly today, IReadOnlySet<string>? authorizedItems) =>
        PublicationRule.IsPublic(item, s, today)
        || authorizedItems is not null && item.Open == OpenAttribute.Conditional && authorizedItems.Contains(item.Code) && PublicationRule.InForce(s, today);
}
