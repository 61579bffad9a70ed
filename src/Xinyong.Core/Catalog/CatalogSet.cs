using Xinyong.Calendar;

namespace Xinyong.Catalog;

/// <summary>Every published version of the catalog, and the one in force today on the injected clock.</summary>
public sealed class CatalogSet(IReadOnlyList<Catalog> versions, TimeProvider clock)
{
    /// <summary>All versions, oldest first.</summary>
    public IReadOnlyList<Catalog> Versions { get; } = versions;

    /// <summary>The version in force today.</summary>
    public Catalog Current => CatalogFiles.Current(Versions, clock.Today());

    /// <summary>Loads <c>catalog/*.yaml</c> from a rules folder, with the tier rules of <c>disclosure/*.yaml</c> attached to their items.</summary>
    public static CatalogSet Load(string rulesDirectory, TimeProvider clock) =>
        new(Disclosure.DisclosureFiles.Attach(CatalogFiles.LoadAll(Path.Combine(rulesDirectory, "catalog")),
            Disclosure.DisclosureFiles.LoadAll(Path.Combine(rulesDirectory, "disclosure"))), clock);

    /// <summary>An item of the current version, or of any earlier version (records of retired items stay readable).</summary>
    public CatalogItem? Item(string code) => Current.Item(code) ?? Versions.Reverse().Select(v => v.Item(code)).FirstOrDefault(i => i is not null);

    /// <summary>The groups of the current version, in order.</summary>
    public IReadOnlyList<CatalogGroup> Groups => Current.Groups;

    /// <summary>A group of the current version, or of an earlier one (the group of a retired item), or null.</summary>
    public CatalogGroup? Group(string code) => Current.Group(code) ?? Versions.Reverse().Select(v => v.Group(code)).FirstOrDefault(g => g is not null);
}
