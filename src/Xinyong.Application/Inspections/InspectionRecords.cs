using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Collection.Sources;
using Xinyong.Identifiers;
using Xinyong.Inspections;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Evaluation;

using Xinyong.Storage;
using Xinyong.Storage.Inspections;

namespace Xinyong.Application.Inspections;

/// <summary>A credit record written from an inspection result.</summary>
public sealed record WrittenRecord(string Item, long Id);

/// <summary>What a published result became in the subject's credit records: the records (the result, and the penalty
/// when one was decided), the subject's grade right after, or why nothing was written.</summary>
public sealed record ResultRecords(IReadOnlyList<WrittenRecord> Records, string? Grade, string? NotWritten);

/// <summary>
/// Inspection results feed the subject's credit records (一公开, 《优化营商环境条例》第五十四条; Art. 48): when a result is
/// published the platform writes it as a record of catalog item <see cref="ResultItem"/> (neutral) and, when a penalty
/// was decided, a record of <see cref="PenaltyItem"/> (negative) — through the collection pipeline like any provider's
/// batch, with the department that published the result as the provider and channel <see cref="Channel"/> — and
/// re-grades the subject at once. Each record's batch key is fixed by plan, target and item, so writing again answers
/// the same; <see cref="WriteMissing"/> writes the records of results that have none yet (a failure, or a result
/// published before the catalog version with these items took effect).
/// </summary>
public sealed class InspectionRecords(InspectionResultStore store, CatalogSet catalog, CollectionPipeline pipeline, GradeStore grades)
{
    /// <summary>The channel (provenance) of records written from inspection results.</summary>
    public const string Channel = "inspection";
    /// <summary>The catalog item of a published inspection result.</summary>
    public const string ResultItem = "inspection-result";
    /// <summary>The catalog item of a penalty decided in an inspection.</summary>
    public const string PenaltyItem = "inspection-penalty";

    /// <summary>The batch key of one record of a result.</summary>
    public static string BatchKey(string planCode, string target, string item) => InspectionResultStore.BatchKey(planCode, target, item);

    /// <summary>Why a result cannot become a record now, or null when it can.</summary>
    public string? Obstacle(string target)
    {
        if (catalog.Current.Item(ResultItem) is null || catalog.Current.Item(PenaltyItem) is null)
            return $"现行公共信用信息目录（{catalog.Current.Version}版）尚无双随机抽查检查结果信息目录项，检查结果已公示但暂未记入信用记录，目录项施行后由平台补记";
        if (!Uscc.TryParse(target, out _, out _))
            return $"检查对象代码{target}不是有效的统一社会信用代码，检查结果已公示但无法记入信用主体的信用记录";
        return null;
    }

    /// <summary>Writes the records of a published result (idempotent) and re-grades the subject.</summary>
    public ResultRecords Write(DrawDocument doc, InspectionResult r)
    {
        if (Obstacle(r.Target) is { } why) return new ResultRecords([], null, why);
        var target = doc.Targets.First(t => t.Code == r.Target);
        var inspection = doc.Result!.Inspections.First(i => i.Target == r.Target);
        var names = doc.Plan.Departments.ToDictionary(d => d.Code, d => d.Name);
        var itemNames = doc.Plan.Departments.SelectMany(d => d.Items).GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.First().Name);
        var department = names.GetValueOrDefault(r.Department, r.Department);
        var provider = new Account(r.Department, AccountKinds.Provider, department, null, null, null, new HashSet<string> { ResultItem, PenaltyItem });
        var resultNo = $"{r.PlanCode}-{r.Target}";
        var written = new List<WrittenRecord>();
        long? subjectId = null;

        string? Import(string item, Dictionary<string, string?> values)
        {
            var batch = pipeline.Import(new ImportRequest(provider, item, Channel, BatchKey(r.PlanCode, r.Target, item)), new ValuesSource(values));
            if (batch.Rejected.Count > 0)
                return $"检查结果已公示，但写入信用记录时被拒绝：{string.Join("；", batch.Rejected.SelectMany(x => x.Errors).Select(e => e.Message.Split(" / ")[0]))}";
            if (store.RecordOfBatch(provider.Code, BatchKey(r.PlanCode, r.Target, item)) is { } x) { written.Add(new WrittenRecord(item, x.Id)); subjectId = x.SubjectId; }
            return null;
        }

        var refused = Import(ResultItem, new()
        {
            ["subjectName"] = target.Name, ["uscc"] = r.Target, ["resultNo"] = resultNo, ["planCode"] = r.PlanCode, ["planName"] = doc.Plan.Name,
            ["departments"] = string.Join("、", inspection.Departments.Select(d => names.GetValueOrDefault(d, d))),
            ["inspectedOn"] = r.InspectedOn.ToString("yyyy-MM-dd"),
            ["itemResults"] = string.Join("；", r.Items.Select(i => $"{i.Code} {itemNames.GetValueOrDefault(i.Code, "")}：{i.Result}")),
            ["outcome"] = InspectionResults.Outcomes[r.Outcome], ["summary"] = r.Summary, ["penaltyDecision"] = r.PenaltyDecision, ["authority"] = department,
        });
        if (refused is null && r.PenaltyDecision is { Length: > 0 } penalty)
            refused = Import(PenaltyItem, new()
            {
                ["subjectName"] = target.Name, ["uscc"] = r.Target, ["decisionNo"] = penalty, ["planCode"] = r.PlanCode, ["resultNo"] = resultNo,
                ["facts"] = r.Summary, ["inspectedOn"] = r.InspectedOn.ToString("yyyy-MM-dd"), ["authority"] = department,
            });
        // Re-graded at once: the grade read next (API, check, /self, the subject page) already counts the new records.
        var grade = subjectId is { } id ? grades.Grade(id).Result.Grade : null;
        return new ResultRecords(written, grade, refused);
    }

    /// <summary>Writes the records of every published result that has none yet; returns how many results were written.</summary>
    public int WriteMissing(InspectionDraws draws, InspectionResults results)
    {
        var n = 0;
        foreach (var (plan, target) in store.WithoutRecord(ResultItem))
        {
            if (Obstacle(target) is not null) continue;
            var doc = draws.Get(plan)!.Document;
            var r = results.Of(plan).First(x => x.Target == target);
            if (Write(doc, r).Records.Count > 0) n++;
        }
        return n;
    }

    /// <summary>One row of values by field code.</summary>
    private sealed class ValuesSource(IReadOnlyDictionary<string, string?> values) : IRecordSource
    {
        public IReadOnlyCollection<string> UnknownColumns => [];

        public IEnumerable<SourceRow> Rows(CatalogItem item)
        {
            yield return new SourceRow(1, item.Fields.Select(f => values.GetValueOrDefault(f.Code) is { Length: > 0 } v ? v : null).ToArray(),
                item.Fields.Select(f => f.Code).ToArray());
        }

        public void Dispose() { }
    }
}
