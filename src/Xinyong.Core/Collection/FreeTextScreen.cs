using Xinyong.Catalog;
using Xinyong.Identifiers;
using Xinyong.Publication;
using Xinyong.Subjects;

namespace Xinyong.Collection;

/// <summary>
/// Screening at collection (Art. 20, 23): the fields an item marks <c>freeText</c> are searched for resident identity
/// numbers, telephone numbers and the names of the persons the record is about (<see cref="PersonalText"/>, the rule
/// the outputs mask with). A row that carries them is still collected — the information is part of the decision —
/// but the provider is told, field by field, which rows did, so that it can stop sending what publication does not
/// need. One screen per batch; not thread-safe.
/// </summary>
public sealed class FreeTextScreen
{
    /// <summary>Rows named in a warning before "…" (the count is always whole).</summary>
    public const int RowsNamed = 10;

    private readonly CatalogItem item;
    private readonly int[] freeText;
    private readonly int[] personNames;
    private readonly int[] organisationNames;
    private readonly int[] counts;
    private readonly List<int>[] rows;
    private readonly List<string> names = new(2);

    /// <summary>A screen for the rows of <paramref name="item"/>.</summary>
    public FreeTextScreen(CatalogItem item)
    {
        this.item = item;
        var fields = item.Fields;
        freeText = Enumerable.Range(0, fields.Count).Where(i => fields[i].FreeText).ToArray();
        personNames = Enumerable.Range(0, fields.Count).Where(i => RecordMasking.NamesPerson(fields[i], naturalPerson: true)).ToArray();
        organisationNames = Enumerable.Range(0, fields.Count).Where(i => RecordMasking.NamesPerson(fields[i], naturalPerson: false)).ToArray();
        counts = new int[fields.Count];
        rows = new List<int>[fields.Count];
    }

    /// <summary>Screens one valid row; returns whether any of its free-text fields carries personal information.</summary>
    public bool Screen(int row, ValidRecord rec)
    {
        if (freeText.Length == 0) return false;
        var values = rec.Values;
        names.Clear();
        foreach (var i in rec.Kind == SubjectKind.NaturalPerson ? personNames : organisationNames)
            if (values[i]?.Trim() is { Length: >= 2 } n && !names.Contains(n)) names.Add(n);
        var any = false;
        foreach (var i in freeText)
        {
            if (!PersonalText.Contains(values[i], names)) continue;
            any = true;
            counts[i]++;
            var list = rows[i] ??= [];
            if (list.Count < RowsNamed) list.Add(row);
        }
        return any;
    }

    /// <summary>One warning per free-text field that carried personal information in some row.</summary>
    public IReadOnlyList<FieldError> Warnings()
    {
        var result = new List<FieldError>();
        foreach (var i in freeText)
        {
            if (counts[i] == 0) continue;
            var f = item.Fields[i];
            var named = string.Join("、", rows[i]) + (counts[i] > rows[i].Count ? "等" : "");
            result.Add(FieldError.Of(f.Code, "personal-info-in-text",
                $"第{named}行（共{counts[i]}行）的“{f.Label}”含公民身份号码、电话号码或当事人姓名：已归集，公开时遮蔽；请勿报送公示不需要的个人信息（《黑龙江省社会信用条例》第二十条、第二十三条）"));
        }
        return result;
    }
}
