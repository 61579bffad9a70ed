namespace Xinyong.Measures;

/// <summary>A credit-list entry in force for a subject (active, within its period, its basis standing).</summary>
/// <param name="Id">The entry's id.</param>
/// <param name="List"><c>dishonesty</c> or <c>incentive</c>.</param>
/// <param name="StartsOn">The first day of its period.</param>
/// <param name="EndsOn">The last day of its period; null = until removed.</param>
/// <param name="Published">False when the subject declined publication (Art. 37).</param>
public readonly record struct ListFact(long Id, string List, DateOnly StartsOn, DateOnly? EndsOn, bool Published);

/// <summary>A record in force for a subject (active, not withheld, within its disclosure period, not exempted under Art. 30).</summary>
/// <param name="Id">The record's id.</param>
/// <param name="Item">Its catalog item.</param>
/// <param name="Serious">Graded serious.</param>
/// <param name="DecidedOn">Its decision date, when known.</param>
/// <param name="PublicUntil">The last day of its disclosure period; null = indefinitely.</param>
public readonly record struct RecordFact(long Id, string Item, bool Serious, DateOnly? DecidedOn, DateOnly? PublicUntil);

/// <summary>What triggered a measure: a list entry (item = the list) or a record (item = its catalog item).</summary>
/// <param name="Type"><c>list</c> or <c>record</c>.</param>
/// <param name="Id">The entry's or record's id.</param>
/// <param name="Item">The list code or the catalog item code.</param>
public sealed record Trigger(string Type, string Id, string Item);

/// <summary>A measure that applies, with what triggers it and until when.</summary>
/// <param name="Measure">The published measure.</param>
/// <param name="Until">The last day it applies; null = until its trigger is removed.</param>
/// <param name="TriggeredBy">The entries and records that call for it.</param>
public sealed record AppliedMeasure(Measure Measure, DateOnly? Until, IReadOnlyList<Trigger> TriggeredBy);

/// <summary>
/// The one rule of which measures apply to a subject in a scenario (Art. 26, 30, 31, 40, 44): only measures of the
/// version in force (never one outside the published lists); only where a list entry or record in force calls for it
/// and nothing rules it out; each for as long as its trigger lasts, capped by its published period. Pure: the facts
/// come already filtered to what is in force today (repaired, withheld, exempted, ended and expired facts are absent),
/// so repair, expiry and upheld objections end measures at once.
/// </summary>
public static class MeasureEvaluator
{
    /// <summary>The measures that apply, in the order the published list gives them.</summary>
    /// <param name="version">The version in force.</param>
    /// <param name="scenario">The scenario code (must be one of the version's).</param>
    /// <param name="subjectKind">The subject's kind code.</param>
    /// <param name="today">Today.</param>
    /// <param name="lists">The subject's list entries in force.</param>
    /// <param name="records">The subject's records in force.</param>
    public static IReadOnlyList<AppliedMeasure> Evaluate(MeasuresVersion version, string scenario, string subjectKind, DateOnly today,
        IReadOnlyList<ListFact> lists, IReadOnlyList<RecordFact> records)
    {
        if (version.Effective > today || lists.Count == 0 && records.Count == 0) return [];
        var result = new List<AppliedMeasure>();
        var triggers = new List<Trigger>();
        foreach (var m in version.Measures)
        {
            if (!Contains(m.Scenarios, scenario)) continue;
            if (m.SubjectKinds.Count > 0 && !Contains(m.SubjectKinds, subjectKind)) continue;
            if (!m.Unless.IsEmpty && Matches(m.Unless, lists, records)) continue;

            triggers.Clear();
            DateOnly? until = null;
            var unbounded = false;
            foreach (var l in lists)
            {
                if (!Contains(m.Triggers.Lists, l.List) || m.RequiresPublication && !l.Published) continue;
                if (!Add(m, l.StartsOn, l.EndsOn, today, ref until, ref unbounded)) continue;
                triggers.Add(new Trigger("list", l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), l.List));
            }
            foreach (var r in records)
            {
                if (!Contains(m.Triggers.Items, r.Item) || m.Triggers.SeriousOnly && !r.Serious) continue;
                if (!Add(m, r.DecidedOn, r.PublicUntil, today, ref until, ref unbounded)) continue;
                triggers.Add(new Trigger("record", r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Item));
            }
            if (triggers.Count > 0) result.Add(new AppliedMeasure(m, unbounded ? null : until, triggers.ToArray()));
        }
        return result;
    }

    /// <summary>
    /// The last day a trigger keeps a measure in force: the trigger's own end, capped by the measure's period counted
    /// from the trigger's start. Null = no end.
    /// </summary>
    public static DateOnly? EndOf(Measure m, DateOnly? start, DateOnly? end)
    {
        DateOnly? cap = m.Period.Months is { } months && start is { } s ? s.AddMonths(months).AddDays(-1) : null;
        return (end, cap) switch
        {
            (null, null) => null,
            ({ } e, null) => e,
            (null, { } c) => c,
            ({ } e, { } c) => e < c ? e : c,
        };
    }

    private static bool Add(Measure m, DateOnly? start, DateOnly? end, DateOnly today, ref DateOnly? until, ref bool unbounded)
    {
        var last = EndOf(m, start, end);
        if (last is { } l && l < today) return false;
        if (last is null) unbounded = true;
        else if (until is null || last > until) until = last;
        return true;
    }

    private static bool Matches(MeasureTriggers t, IReadOnlyList<ListFact> lists, IReadOnlyList<RecordFact> records)
    {
        foreach (var l in lists) if (Contains(t.Lists, l.List)) return true;
        foreach (var r in records) if (Contains(t.Items, r.Item) && (!t.SeriousOnly || r.Serious)) return true;
        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++) if (values[i] == value) return true;
        return false;
    }
}
