using Xinyong.Catalog;

namespace Xinyong.Collection;

/// <summary>
/// What the collection pipeline says about a row, or a batch, beyond the validation of its fields (<see cref="RecordValidator"/>):
/// the problems found while loading it against the store (the same decision twice, a record another provider sent) and
/// the warnings and refusals of a batch as a whole. The texts for people live here, with the validation; the store
/// only decides which one applies.
/// </summary>
public static class RowProblems
{
    /// <summary>A column of the input that is not a field of the item: ignored (nothing outside the catalog is collected).</summary>
    public static FieldError UnknownField(CatalogItem item, string column) =>
        FieldError.Of(column, "unknown-field",
            $"“{column}”不在目录项“{item.Name}”的字段中，已忽略（目录外信息不予归集）");

    /// <summary>The same decision number as an earlier row of the batch (<paramref name="earlierRow"/>, or an earlier chunk when
    /// null) with different content: neither is stored, since which is right cannot be told.</summary>
    public static FieldError DuplicateInBatch(CatalogItem item, int? earlierRow) =>
        FieldError.Of(KeyName(item), "duplicate-in-batch",
            $"与{(earlierRow is { } r ? $"第{r}行" : "本批次前面的一行")}的文书号相同但内容不同，无法判断以哪一行为准");

    /// <summary>A record the store holds from another provider: only the provider that sent it may correct it.</summary>
    public static FieldError OwnedByOtherProvider(CatalogItem item, string provider) =>
        FieldError.Of(KeyName(item), "owned-by-other-provider",
            $"该记录由提供单位{provider}报送，只能由其更正");

    /// <summary>The reason kept with a record's earlier version when its provider sent it again with changed content.</summary>
    public static string Resubmitted(long batchId) => $"提供单位重新报送了变更后的内容（批次{batchId}）";

    /// <summary>The provider may not write the item.</summary>
    public static string ItemNotPermitted(string provider, string item) => $"提供单位 {provider} 无权报送目录项 {item}";

    /// <summary>The item is not in the catalog.</summary>
    public static string UnknownItem(string item) => $"目录中没有目录项 {item}";

    /// <summary>Another process took the batch over (its claim lapsed).</summary>
    public static string BatchTakenOver(long batchId) => $"批次{batchId}已由其他进程接手处理";

    /// <summary>The same batch is still being processed.</summary>
    public static string BatchInProgress(string batchKey) => $"批次 {batchKey} 正在处理中，请稍后查询";

    /// <summary>The field a record is identified by (its first key field), as the catalog labels it.</summary>
    public static string KeyName(CatalogItem item) => item.Field(item.KeyFields[0])?.Label ?? item.KeyFields[0];
}
