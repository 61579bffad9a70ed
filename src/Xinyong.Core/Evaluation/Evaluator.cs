namespace Xinyong.Evaluation;

/// <summary>A record in force, as the evaluator sees it.</summary>
/// <param name="Id">The record.</param>
/// <param name="Item">Its catalog item.</param>
/// <param name="Serious">A serious act.</param>
/// <param name="DecidedOn">The day of the decision (null: counted as recent).</param>
/// <param name="UnderObjection">Under objection (Art. 39): counted at no points until decided.</param>
public readonly record struct GradeRecord(long Id, string Item, bool Serious, DateOnly? DecidedOn, bool UnderObjection);

/// <summary>A credit list entry in force.</summary>
public readonly record struct GradeListEntry(long Id, string List);

/// <summary>What one indicator gave: its points, the rule and the records (or list entries) that produced them.</summary>
public sealed record IndicatorResult(string Code, string Name, decimal Points, string Rule, IReadOnlyList<long> Records, IReadOnlyList<long> ListEntries);

/// <summary>A subject's grade under a model version, explained indicator by indicator.</summary>
public sealed record GradeResult(string Grade, string GradeName, decimal Score, string Model, IReadOnlyList<IndicatorResult> Indicators);

/// <summary>
/// The comprehensive credit evaluation (Art. 47): a pure function of a model, a day and a subject's records and list
/// entries in force. Score = base + Σ indicators, each indicator = clamp(weight × Σ points × age factor, cap); the grade
/// is the first band the score reaches, unless an indicator that applies fixes it (a DishonestyList entry ⇒ D).
/// </summary>
public static class Evaluator
{
    /// <summary>Grades one subject.</summary>
    public static GradeResult Grade(EvaluationModel model, DateOnly today, IReadOnlyList<GradeRecord> records, IReadOnlyList<GradeListEntry> lists)
    {
        var results = new List<IndicatorResult>(model.Indicators.Count);
        var score = model.Base;
        string? forced = null;
        foreach (var ind in model.Indicators)
        {
            decimal sum = 0;
            List<long>? ids = null, entries = null;
            switch (ind.Kind)
            {
                case IndicatorKinds.Records:
                    foreach (var r in records)
                    {
                        if (r.UnderObjection || !Contains(ind.Items, r.Item)) continue;
                        if (ind.Serious is { } s && r.Serious != s) continue;
                        sum += ind.Points * AgeFactor(ind.Age, r.DecidedOn, today);
                        (ids ??= []).Add(r.Id);
                    }
                    break;
                case IndicatorKinds.PendingObjection:
                    foreach (var r in records)
                        if (r.UnderObjection && Contains(model.RecordItems, r.Item)) { sum += ind.Points; (ids ??= []).Add(r.Id); }
                    break;
                case IndicatorKinds.List:
                    foreach (var e in lists)
                        if (e.List == ind.List) { sum += ind.Points; (entries ??= []).Add(e.Id); }
                    break;
            }
            var points = sum * ind.Weight;
            if (ind.Cap is { } cap) points = cap < 0 ? Math.Max(points, cap) : Math.Min(points, cap);
            points = Normal(Math.Round(points, 2, MidpointRounding.AwayFromZero));
            var applies = ids is not null || entries is not null;
            if (applies && ind.Grade is { } g && (forced is null || string.CompareOrdinal(g, forced) > 0)) forced = g;
            score += points;
            results.Add(new IndicatorResult(ind.Code, ind.Name, points, ind.Rule, (IReadOnlyList<long>?)ids ?? [], (IReadOnlyList<long>?)entries ?? []));
        }
        var band = model.Grades.FirstOrDefault(b => score >= b.Min) ?? model.Grades[^1];
        if (forced is not null && string.CompareOrdinal(forced, band.Code) > 0) band = model.Band(forced);
        return new GradeResult(band.Code, band.Name, Normal(score), model.Version, results);
    }

    /// <summary>The age factor of a record decided on <paramref name="decided"/>: the first band whose months it is within.</summary>
    public static decimal AgeFactor(IReadOnlyList<AgeBand> bands, DateOnly? decided, DateOnly today)
    {
        if (bands.Count == 0) return 1m;
        foreach (var b in bands)
            if (b.Months is null || decided is null || decided.Value.AddMonths(b.Months.Value) >= today) return b.Factor;
        return bands[^1].Factor;
    }

    /// <summary>Without trailing zeros (-8, not -8.00).</summary>
    private static decimal Normal(decimal d) => d / 1.000000000000000000000000000000000m;

    private static bool Contains(IReadOnlyList<string> items, string item)
    {
        for (var i = 0; i < items.Count; i++) if (items[i] == item) return true;
        return false;
    }
}
