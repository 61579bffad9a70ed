using Xinyong.Measures;
using Xinyong.Storage.Lists;

namespace Xinyong.Web.Features.Lists;

/// <summary>
/// The credit lists and the measures lists over the API: the published measures (Art. 26, 30, 31: 向社会公布), the
/// public lists (masked), and the staff decisions (Art. 25, 28, 32, 33, 37) and Art. 30 exemptions.
/// </summary>
public static class ListEndpoints
{
    /// <summary>The body of a DishonestyList decision.</summary>
    public sealed record DishonestyBody(
        string? Subject, string? Ground, string? Reasons, string? Basis, long[]? Records, string? DecisionNo, string? DecidingUnit,
        DateOnly? StartsOn, DateOnly? EndsOn, string? RemovalConditions, bool StateOwned, string? StateEmployer);

    /// <summary>The body of an IncentiveList recognition.</summary>
    public sealed record IncentiveBody(
        string? Subject, string? Criterion, string? Reasons, string? DecisionNo, string? DecidingUnit, DateOnly? StartsOn, DateOnly? EndsOn, bool? Published);

    /// <summary>The body of an Art. 33 linked person.</summary>
    public sealed record PersonBody(string? Role, string? Name, string? IdNumber, string? IdType, string? StateEmployer);

    /// <summary>The body of lifting an entry.</summary>
    public sealed record LiftBody(string? Reason, string? Note);

    /// <summary>The body of the subject's publication choice (Art. 37).</summary>
    public sealed record PublicationBody(bool Published, string? Reason);

    /// <summary>The body of a sent Art. 32 notification.</summary>
    public sealed record NotificationBody(DateOnly? SentOn, string? Addressee, string? Reference);

    /// <summary>The body of an Art. 30 exemption.</summary>
    public sealed record ExemptionBody(string[]? Conditions, string? Reasons);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1").WithTags("Lists");

        g.MapGet("/measures", (DateOnly? on, MeasuresSet measures, TimeProvider clock) =>
        {
            var day = on ?? clock.Today();
            var v = measures.On(day);
            return v is null
                ? throw Refusal.NotFound("measures.not-in-force", $"{WorkingCalendar.Iso(day)}尚无施行的措施清单")
                : Results.Json(MeasuresAnswer.Of(v, measures.Upcoming(day)), ApiJson.Options);
        })
        .RequireRule(AccessRules.Public)
        .WithSummary("The published measures lists in force (incentive, constraint, punishment), with the check scenarios")
        .WithDescription("on: a date (yyyy-MM-dd), default today. Also names the versions published for later dates.")
        .Produces<MeasuresAnswer>();

        g.MapGet("/lists/{list}", (string list, int? page, string? q, ListQueries queries, ListViews views, SubjectStore subjects) =>
        {
            if (!CreditListNames.All.Contains(list))
                throw Refusal.NotFound("list.not-found", $"没有名单“{list}”（应为dishonesty或incentive）");
            var search = ListSearch.Of(q, subjects);
            if (search.Error is not null) throw Refusal.Invalid("list.invalid-query", search.Error);
            var (rows, more) = search.NoMatch ? ([], false) : queries.Page(list, ListFilter.Public, Math.Max(1, page ?? 1), 50, search.SubjectId, search.Name);
            return Results.Json(new ListPage(list, CreditListNames.Chinese(list), Math.Max(1, page ?? 1), more, rows.Select(r => views.View(r, Audience.Public)).ToList()), ApiJson.Options);
        })
        .RequireRule(AccessRules.Public)
        .WithSummary("A credit list as published: entries in force, natural persons masked (50 per page)")
        .WithDescription("list: dishonesty (严重失信主体名单) or incentive (守信激励主体名单); q: a code or part of a name.")
        .Produces<ListPage>();

        g.MapGet("/lists/entries/{id:long}", (long id, ListQueries queries, ListViews views) =>
            queries.Entry(id) is { } row && views.View(row, Audience.Public) is { } v
                ? Results.Json(v, ApiJson.Options)
                : throw Refusal.NotFound("list.entry-not-found", $"名单条目{id}不存在、已移出或不公示"))
        .RequireRule(AccessRules.Public)
        .WithSummary("One published list entry with the elements of its written decision (Art. 28)")
        .Produces<ListDecisionView>();

        var staff = app.MapGroup("/api/v1").WithTags("Lists").RequireAuthorization(Policies.Staff).RequireRule(AccessRules.DecidingStaff);

        staff.MapPost("/lists/dishonesty", (DishonestyBody b, HttpContext http, ListDecisions decisions, TimeProvider clock) => Decide(() =>
            decisions.DecideDishonesty(new DishonestyDecision(b.Subject ?? "", b.Ground ?? "", b.Reasons ?? "", b.Basis, b.Records ?? [], b.DecisionNo ?? "",
                b.DecidingUnit ?? "", b.StartsOn ?? clock.Today(), b.EndsOn, b.RemovalConditions, b.StateOwned, b.StateEmployer), http.AccountOf()!)))
        .WithSummary("Decide a DishonestyList entry by written decision (Art. 28-29, 32) (staff)")
        .WithDescription("Body: {subject, ground (art29-1…8), reasons, basis?, records:[supporting record ids], decisionNo, decidingUnit, startsOn?, endsOn?, removalConditions?, stateOwned?, stateEmployer?}. 201 {id}.")
        .Produces<CreatedId>(StatusCodes.Status201Created);

        staff.MapPost("/lists/incentive", (IncentiveBody b, HttpContext http, ListDecisions decisions, TimeProvider clock) => Decide(() =>
            decisions.DecideIncentive(new IncentiveDecision(b.Subject ?? "", b.Criterion ?? "", b.Reasons ?? "", b.DecisionNo ?? "", b.DecidingUnit ?? "",
                b.StartsOn ?? clock.Today(), b.EndsOn, b.Published ?? true), http.AccountOf()!)))
        .WithSummary("Recognise an IncentiveList entry under a published criterion (Art. 25) (staff)")
        .Produces<CreatedId>(StatusCodes.Status201Created);

        staff.MapPost("/lists/entries/{id:long}/persons", (long id, PersonBody b, HttpContext http, ListDecisions decisions) => Decide(() =>
            decisions.LinkPerson(id, new LinkedPerson(b.Role ?? "", b.Name ?? "", b.IdNumber ?? "", b.IdType, b.StateEmployer), http.AccountOf()!)))
        .WithSummary("Apply a market entity's listing to its legal representative, principal, actual controller or responsible person (Art. 33) (staff)")
        .Produces<CreatedId>(StatusCodes.Status201Created);

        staff.MapPost("/lists/entries/{id:long}/lift", (long id, LiftBody b, HttpContext http, ListDecisions decisions) => Act(() =>
            decisions.Lift(id, b.Reason ?? "", b.Note ?? "", http.AccountOf()!)))
        .WithSummary("Lift an entry before its period ends, with a written reason (staff); linked persons leave with it")
        .ProducesNothing();

        staff.MapPost("/lists/entries/{id:long}/publication", (long id, PublicationBody b, HttpContext http, ListDecisions decisions) => Act(() =>
            decisions.SetPublished(id, b.Published, b.Reason ?? "", http.AccountOf()!)))
        .WithSummary("Record a subject's choice to publish its IncentiveList entry or not (Art. 37) (staff)")
        .ProducesNothing();

        staff.MapPost("/lists/notifications/{id:long}", (long id, NotificationBody b, HttpContext http, ListDecisions decisions, TimeProvider clock) => Act(() =>
            decisions.RecordNotification(id, b.SentOn ?? clock.Today(), b.Addressee ?? "", b.Reference ?? "", http.AccountOf()!)))
        .WithSummary("Record that an Art. 32 notification was sent (staff)")
        .ProducesNothing();

        staff.MapPost("/records/{id:long}/exemption", (long id, ExemptionBody b, HttpContext http, MeasureExemptions exemptions) => Act(() =>
            exemptions.Exempt(id, b.Conditions ?? [], b.Reasons ?? "", http.AccountOf()!)))
        .WithSummary("Exempt a minor, occasional, corrected act from constraint and punishment measures (Art. 30 (2)) (staff)")
        .WithDescription("Body: {conditions:[every condition code of the rules: minor, occasional, corrected, no-harm], reasons}.")
        .ProducesNothing();
    }

    private static IResult Decide(Func<long> decide) => Results.Json(new CreatedId(decide()), ApiJson.Options, statusCode: StatusCodes.Status201Created);

    private static IResult Act(Action act)
    {
        act();
        return Results.NoContent();
    }
}

/// <summary>What a list page searches for: a subject by code, or part of a name.</summary>
/// <param name="SubjectId">The subject of a code.</param>
/// <param name="Name">Part of a name.</param>
/// <param name="NoMatch">A valid code of a subject the platform does not hold.</param>
/// <param name="Error">Why the text is not a usable search.</param>
public sealed record ListSearch(long? SubjectId, string? Name, bool NoMatch, string? Error)
{
    /// <summary>Reads the search text: a code (USCC, resident identity number, P-reference) or at least two characters of a name.</summary>
    public static ListSearch Of(string? q, SubjectStore subjects)
    {
        var t = q?.Trim();
        if (string.IsNullOrEmpty(t)) return new ListSearch(null, null, false, null);
        try
        {
            var s = subjects.FindByCode(t);
            return s is null ? new ListSearch(null, null, true, null) : new ListSearch(s.Id, null, false, null);
        }
        catch (Refusal)   // not a code: a name, when it is long enough and does not look like a mistyped code
        {
            if (t.Any(char.IsAsciiDigit) && t.Length >= 15)
                return new ListSearch(null, null, false, $"“{t}”不是有效的统一社会信用代码或公民身份号码");
            return t.Length >= 2 ? new ListSearch(null, t, false, null) : new ListSearch(null, null, false, "请输入至少两个字");
        }
    }
}
