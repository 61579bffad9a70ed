using Xinyong.Catalog;

namespace Xinyong.Collection;

/// <summary>
/// How the columns of an input (file headers or JSON keys) map onto an item's fields: by code, Chinese label or alias.
/// Built once per file; unknown columns are reported, never silently dropped.
/// </summary>
public sealed class RowShape
{
    private RowShape(CatalogItem item, int[] columnOfField, string[] names, IReadOnlyList<string> unknown)
    {
        Item = item; ColumnOfField = columnOfField; Names = names; UnknownColumns = unknown;
    }

    /// <summary>The catalog item.</summary>
    public CatalogItem Item { get; }

    /// <summary>For each field of the item (same order), the input column holding it, or -1.</summary>
    public int[] ColumnOfField { get; }

    /// <summary>For each field, the name the input used for it (or its label when absent): used in errors.</summary>
    public string[] Names { get; }

    /// <summary>Input columns that match no field of the item.</summary>
    public IReadOnlyList<string> UnknownColumns { get; }

    /// <summary>Maps headers onto the item's fields.</summary>
    /// <exception cref="ArgumentException">Two columns map onto the same field.</exception>
    public static RowShape FromHeaders(CatalogItem item, IReadOnlyList<string> headers, bool preferCodes = false)
    {
        var columnOfField = new int[item.Fields.Count];
        Array.Fill(columnOfField, -1);
        var names = item.Fields.Select(f => preferCodes ? f.Code : f.Label).ToArray();
        var unknown = new List<string>();
        for (var c = 0; c < headers.Count; c++)
        {
            var h = Normalize(headers[c]);
            if (h.Length == 0) continue;
            var fi = IndexOf(item, h);
            if (fi < 0) { unknown.Add(headers[c]); continue; }
            if (columnOfField[fi] >= 0)
                throw new ArgumentException($"列“{headers[c]}”与“{headers[columnOfField[fi]]}”都对应字段 {item.Fields[fi].Label}");
            columnOfField[fi] = c;
            names[fi] = headers[c].Trim();
        }
        if (columnOfField.All(c => c < 0))
            throw new ArgumentException($"表头中没有目录项“{item.Name}”的任何字段（第1行应为表头，如：{string.Join("、", item.Fields.Take(3).Select(f => f.Label))}…）");
        return new RowShape(item, columnOfField, names, unknown);
    }

    /// <summary>The field index of a header, by code, label or alias (full-width parentheses tolerated), or -1.</summary>
    public static int IndexOf(CatalogItem item, string header)
    {
        var h = Normalize(header);
        for (var i = 0; i < item.Fields.Count; i++)
        {
            var f = item.Fields[i];
            if (h.Equals(f.Code, StringComparison.OrdinalIgnoreCase) || h == Normalize(f.Label) || f.Aliases.Any(a => Normalize(a) == h))
                return i;
        }
        return -1;
    }

    /// <summary>Aligns one input row with the item's fields.</summary>
    public string?[] Align(IReadOnlyList<string?> row)
    {
        var values = new string?[ColumnOfField.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var c = ColumnOfField[i];
            values[i] = c >= 0 && c < row.Count ? row[c] : null;
        }
        return values;
    }

    private static string Normalize(string s) =>
        s.Trim().Trim('\uFEFF').Replace('（', '(').Replace('）', ')').Replace('，', ',').Replace('、', ',');
}
