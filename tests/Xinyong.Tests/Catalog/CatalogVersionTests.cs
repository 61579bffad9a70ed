using System.Text.Json;
using Xinyong.Tests.Support;
using YamlDotNet.Serialization;

namespace Xinyong.Tests.Catalog;

/// <summary>
/// A later catalog version restates the earlier one: catalog 2026.2 (in force 2026-12-01) is 2026.1 plus the two items
/// of 双随机、一公开 inspections. A change made to an item of 2026.1 and not to 2026.2 would silently end on the day the
/// new version takes effect, so every item the two share must be the same.
/// </summary>
public class CatalogVersionTests
{
    /// <summary>Items 2026.2 adds.</summary>
    private static readonly string[] Added = ["inspection-result", "inspection-penalty"];

    [Fact]
    public void Catalog_2026_2_is_2026_1_plus_the_inspection_items()
    {
        var earlier = Items("2026.1.yaml");
        var later = Items("2026.2.yaml");
        Assert.Equal(earlier.Keys.Order(), later.Keys.Except(Added).Order());
        foreach (var (code, item) in earlier)
            Assert.True(item == later[code], $"item {code} differs between catalog 2026.1 and 2026.2: change both");
        Assert.All(Added, a => Assert.Contains(a, later.Keys));
        Assert.True(Groups("2026.1.yaml") == Groups("2026.2.yaml"), "the groups differ between catalog 2026.1 and 2026.2: change both");
    }

    private static string Groups(string file) =>
        JsonSerializer.Serialize(new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(Path.Combine(Paths.Rules, "catalog", file)))["groups"]);

    private static Dictionary<string, string> Items(string file)
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(Path.Combine(Paths.Rules, "catalog", file)));
        return ((List<object>)yaml["items"]).Cast<Dictionary<object, object>>()
            .ToDictionary(i => (string)i["code"], i => JsonSerializer.Serialize(i));
    }
}
