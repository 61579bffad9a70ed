namespace Xinyong.Measures;

/// <summary>The events written when a list entry ends and the entries linked to it (Art. 33) end with it.</summary>
public static class ListTexts
{
    /// <summary>The end note of an entry that ends with the entry it is linked to.</summary>
    public static string EndsWithLinked(long parentId) => $"随关联的严重失信主体名单条目{parentId}一并移出";

    /// <summary>The record event of a linked person's record withheld when the entry it was linked to ended.</summary>
    public static string LinkedEntryEnded(long parentId, string reason) => $"关联的严重失信主体名单条目{parentId}已移出（{reason}）";
}
