using System.Globalization;
using Xinyong.Cases;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Collection;

/// <summary>
/// <c>GET /api/v1/providers/quality?from=&amp;to=</c>: each provider unit's timeliness and quality. The
/// credit agency's staff, the credit authority and auditors see every unit; a provider sees its own row.
/// </summary>
public static class ProviderQualityEndpoints
{
    /// <summary>The period asked for: default the last 30 days up to today.</summary>
    /// <exception cref="Refusal">A date is not yyyy-MM-dd, or the period is reversed or longer than a year.</exception>
    public static (DateOnly From, DateOnly To) Period(string? from, string? to, DateOnly today)
    {
        static DateOnly? Parse(string? text, string name) =>
            string.IsNullOrWhiteSpace(text) ? null
            : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw Refusal.Invalid("quality.invalid", $"{name} 须为日期（yyyy-MM-dd）");
        var t = Parse(to, "to") ?? today;
        var f = Parse(from, "from") ?? t.AddDays(-29);
        if (f > t || t.DayNumber - f.DayNumber > 366) throw Refusal.Invalid("quality.invalid", "统计期间须在一年以内且起始日不晚于截止日");
        return (f, t);
    }

    /// <summary>Maps the endpoint.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/providers/quality", (string? from, string? to, HttpContext http, ProviderQuality quality, TimeProvider clock) => CaseResults.Run(http, caller =>
        {
            var all = caller.Oversees;
            if (!all && caller.Account?.Kind != AccountKinds.Provider)
                throw Refusal.Forbidden("quality.forbidden", "报送质量统计供公共信用工作机构、信用主管部门、审计人员和提供单位本身查看");
            var (f, t) = Period(from, to, clock.Today());
            var rows = quality.Of(f, t).Where(r => all || r.Provider == caller.Account!.Code).ToList();
            return Results.Json(new QualityAnswer(WorkingCalendar.Iso(f), WorkingCalendar.Iso(t), rows), ApiJson.Options);
        }))
        .WithTags("Collection")
        .RequireRule(AccessRules.ProviderFigures)
        .WithSummary("Each provider unit's timeliness and quality: batches, rejected rows, records on time, open and overdue case steps")
        .WithDescription("Query: from, to (yyyy-MM-dd; default the last 30 days). On time: received within the catalog item's update cycle (updateWorkingDays, PRC working days from the decision date). Staff of the credit agency, the authority and auditors see every provider; a provider sees itself.")
        .Produces<QualityAnswer>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}

/// <summary>Each provider unit's timeliness and quality over a period (dates <c>yyyy-MM-dd</c>).</summary>
public sealed record QualityAnswer(string From, string To, IReadOnlyList<ProviderQualityRow> Providers);
