using System.Globalization;
using Xinyong.Application.Cases;
using Xinyong.Application.Supervision;
using Xinyong.Storage.Supervision;
using Xinyong.Supervision;

namespace Xinyong.Web.Features.Supervision;

/// <summary>
/// Business-environment supervision cases (营商环境监督案件, 《黑龙江省营商环境监督办法》 Art. 16-25, 28, 29) on the API:
/// <c>/api/v1/supervision/…</c>. The door is <see cref="AccessRules.Supervision"/>; <see cref="SupervisionCaseRules"/>
/// decides per case (the competent authority's staff, the level above, the respondent's own account).
/// </summary>
public static class SupervisionEndpoints
{
    /// <summary>A clue as filed.</summary>
    public sealed record ClueBody(string? Channel, string[]? Categories, ClueRespondent? Respondent, string? Facts, ClueComplainant? Complainant,
        ArrearsBody? Arrears, string? Authority, List<AttachmentBody>? Attachments);

    /// <summary>An SME-arrears claim (dates yyyy-MM-dd).</summary>
    public sealed record ArrearsBody(string? Contract, decimal? AmountWan, string? DueOn, string? Creditor);

    /// <summary>A review's outcome.</summary>
    public sealed record ReviewBody(string? Outcome, string? Reason, string? RejectReason, string? Authority, int? Version);

    /// <summary>An extension of the closing period.</summary>
    public sealed record ExtensionBody(int? WorkingDays, string? ApprovedBy, string? Reason);

    /// <summary>A pause or suspension.</summary>
    public sealed record PauseBody(string? Reason, string? From, string? To, string? Note);

    /// <summary>The end of a pause.</summary>
    public sealed record ResumeBody(string? LastPausedDay);

    /// <summary>A closing.</summary>
    public sealed record ClosingBody(string? Type, string? Method, string? Result, bool? Serious, string? CorrectBy, int? Version);

    /// <summary>A review request.</summary>
    public sealed record ReviewRequestBody(string? Reason, string? QueryCode);

    /// <summary>A text step: an answer, an investigation, a note, an opinion, a summary.</summary>
    public sealed record TextBody(string? Text, string? Evidence, string? Method, string? Note, string? Handler, string? Action, string? Reason, string? Summary, string? Opinion,
        string? Code = null);

    /// <summary>Registers the services (one line in PlatformHost).</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection s)
    {
        s.AddSingleton(sp => SupervisionRules.Load(sp.GetRequiredService<RulesFolder>().Path));
        s.AddSingleton<SupervisionStore>();
        s.AddSingleton<SupervisionCaseRules>();
        s.AddSingleton<CaseKindRules>(sp => sp.GetRequiredService<SupervisionCaseRules>());
        s.AddSingleton<SupervisionDesk>();
        s.AddSingleton<SupervisionViews>();
        s.AddSingleton<SupervisionCharts>();
        return s;
    }

    /// <summary>A date field, or a 400 naming it.</summary>
    public static DateOnly? Date(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw Refusal.Invalid("supervision.date", $"“{value}”不是日期（格式如2026-09-30）");

    private static async Task<CaseActor> Actor(HttpContext http) =>
        (await Callers.Of(http))?.Account is { } a ? CaseActor.Of(a) : throw Refusal.Forbidden("supervision.account", "须以账户登录后办理");

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.Services.GetRequiredService<SupervisionRules>();
        var g = app.MapGroup("/api/v1/supervision").WithTags("Supervision");

        // A step that takes a text body and answers the case as it stands after it.
        RouteHandlerBuilder Step(string action, string summary, Func<SupervisionDesk, long, TextBody, CaseActor, CaseFile> act) =>
            g.MapPost($"/cases/{{id:long}}/{action}", async (long id, TextBody b, HttpContext http, SupervisionDesk desk, SupervisionViews views) =>
                TypedResults.Ok(views.View(act(desk, id, b, await Actor(http)))))
            .RequireRule(AccessRules.Supervision)
            .WithSummary(summary);

        g.MapGet("/rules", (SupervisionRules rules) => TypedResults.Ok(SupervisionRulesView.Of(rules)))
        .RequireRule(AccessRules.Public)
        .WithSummary("The supervision rules as data: SM Art. 8 categories, channels, reasons, closing types, and the authorities' tree");

        g.MapPost("/cases", async (ClueBody b, HttpContext http, SupervisionDesk desk) =>
        {
            var who = await Actor(http);
            var arrears = b.Arrears is { } a ? new ClueArrears(a.Contract, a.AmountWan, Date(a.DueOn, "arrears.dueOn"), a.Creditor) : null;
            var files = b.Attachments is null ? [] : CaseResults.Files(b.Attachments);
            var f = desk.File(new NewClue(b.Channel, b.Categories, b.Respondent, b.Facts, b.Complainant, arrears, b.Authority), who, files);
            return TypedResults.Created((string?)null, FiledCaseAnswer.Clue(f));
        })
        .RequireRule(AccessRules.Supervision)
        .WithMetadata(new BodyLimitAttribute(BodySize.Upload))
        .WithSummary("Register a clue (SM Art. 16): authority staff (any channel), a registered monitoring station or special supervisor")
        .WithDescription("Body: {channel,categories:[art8-N],respondent:{code,name},facts,complainant:{name,contact},arrears?:{contract,amountWan,dueOn,creditor},authority?,attachments?}. 201 {id,number,status,reviewDue,queryCode}.");

        g.MapGet("/cases", async (HttpContext http, SupervisionDesk desk, SupervisionViews views, string? state) =>
        {
            var who = await Actor(http);
            var mine = desk.Access.AuthorityOf(who.Account) ?? throw Refusal.Forbidden("supervision.not-authority", "只有营商环境主管部门工作人员可以查看案件列表");
            var units = desk.Rules.Authorities.Where(a => desk.Rules.IsAtOrAbove(mine, a)).Select(a => a.Unit).ToList();
            var list = desk.Engine.Cases.List(SupervisionDesk.Kind, units, state is null ? null : [state]);
            return TypedResults.Ok(list.Select(f => views.View(f)).ToList());
        })
        .RequireRule(AccessRules.Supervision)
        .WithSummary("The cases of the caller's authority and the authorities below it");

        g.MapGet("/cases/{id:long}", async (long id, HttpContext http, SupervisionDesk desk, SupervisionViews views) =>
            TypedResults.Ok(views.View(desk.Engine.Read(id, await Actor(http)).File)))
        .RequireRule(AccessRules.Supervision)
        .WithSummary("A case with its steps, due dates, pauses, extensions and history");

        g.MapPost("/cases/{id:long}/review", async (long id, ReviewBody b, HttpContext http, SupervisionDesk desk) =>
            TypedResults.Ok(ReviewAnswer.Of(desk.Review(id, b.Outcome, b.Reason, b.RejectReason, b.Authority, await Actor(http), b.Version))))
        .RequireRule(AccessRules.Supervision)
        .WithSummary("Review a clue within 5 working days (SM Art. 17): accept, transfer, refer-up, hand-over or reject");

        Step("answer", "The respondent's written answer with evidence, through its own account (SM Art. 18)",
            (desk, id, b, who) => desk.Answer(id, b.Text, b.Evidence, who));
        Step("investigations", "Record an investigation step (SM Art. 19)",
            (desk, id, b, who) => desk.Investigate(id, b.Method, b.Note, who));
        Step("handler", "Assign a handler of the authority (never the respondent or staff of its unit, SM Art. 18)",
            (desk, id, b, who) => desk.Assign(id, b.Handler, who));

        g.MapPost("/cases/{id:long}/extension", async (long id, ExtensionBody b, HttpContext http, SupervisionDesk desk) =>
        {
            if (b.WorkingDays is not { } days) throw Refusal.Invalid("supervision.working-days", "须写明延长的工作日数");
            return TypedResults.Ok(new ExtensionAnswer(desk.Extend(id, days, b.ApprovedBy, b.Reason, await Actor(http))));
        })
        .RequireRule(AccessRules.Supervision)
        .WithSummary("Extend the closing period, approved by the authority's head: at most 10 working days in total (SM Art. 20); 422 beyond");

        g.MapPost("/cases/{id:long}/pauses", async (long id, PauseBody b, HttpContext http, SupervisionDesk desk, SupervisionViews views) =>
        {
            desk.Pause(id, b.Reason, Date(b.From, "from"), Date(b.To, "to"), b.Note, await Actor(http));
            return TypedResults.Ok(views.View(desk.Engine.Cases.Get(id)!));
        })
        .RequireRule(AccessRules.Supervision)
        .WithSummary("Stop the clock: testing, appraisal, survey, mediation … with dates (SM Art. 20 (2)), or suspension until resumed (SM Art. 21)");

        g.MapPost("/cases/{id:long}/resume", async (long id, ResumeBody b, HttpContext http, SupervisionDesk desk, SupervisionViews views) =>
        {
            desk.Resume(id, Date(b.LastPausedDay, "lastPausedDay"), await Actor(http));
            return TypedResults.Ok(views.View(desk.Engine.Cases.Get(id)!));
        })
        .RequireRule(AccessRules.Supervision)
        .WithSummary("Resume the clock after a pause or suspension (SM Art. 21 (2))");

        g.MapPost("/cases/{id:long}/closing", async (long id, ClosingBody b, HttpContext http, SupervisionDesk desk) =>
            TypedResults.Ok(ClosingAnswer.Of(desk.Close(id, b.Type, b.Method, b.Result, b.Serious ?? false, Date(b.CorrectBy, "correctBy"), await Actor(http), b.Version))))
        .RequireRule(AccessRules.Supervision)
        .WithSummary("Close with one of the five types of SM Art. 22; a serious violation enters the respondent's integrity record (SM Art. 29)");

        Step("respondent", "Complete a respondent named without its USCC: the name-keyed government body takes the code or is merged into its subject (SM Art. 16)",
                (desk, id, b, who) => desk.CompleteRespondent(id, b.Code, who))
            .WithDescription("Body: {code}. 200 the case; 409 when the respondent already has a USCC.");
        Step("correction", "Confirm the respondent corrected as ordered (SM Art. 22 (1))",
            (desk, id, b, who) => desk.ConfirmCorrection(id, b.Note, who));
        Step("escalation", "Escalate a missed correction date (SM Art. 23)",
            (desk, id, b, who) => desk.Escalate(id, b.Opinion, who));
        Step("superior", "The level above: order-accept, take-over or order-redo (SM Art. 25)",
            (desk, id, b, who) => desk.Superior(id, b.Action, b.Reason, who));
        Step("publication", "Publish a closed case as a typical case, the complainant masked (SM Art. 28)",
            (desk, id, b, who) => desk.Publish(id, b.Summary, who));

        g.MapPost("/cases/{id:long}/review-requests", async (long id, ReviewRequestBody b, HttpContext http, SupervisionDesk desk) =>
        {
            var caller = await Callers.Of(http);
            var who = caller?.Account is { } a ? CaseActor.Of(a) : null;
            return TypedResults.Created((string?)null, FiledCaseAnswer.ReviewCase(desk.RequestReview(id, b.Reason, b.QueryCode, who)));
        })
        .RequireRule(AccessRules.Public)
        .WithSummary("Ask the level above for a review within 10 working days of the written result (SM Art. 24): the complainant with its query code, or staff of the level above")
        .WithDescription("Body: {reason, queryCode?}. 201 {id,number,status,reviewDue} of the review case; 422 too late, a provincial case, a review of a review; 403 without the query code or the level above's token.");

        g.MapGet("/follow", (string? number, string? code, SupervisionDesk desk, SupervisionViews views) =>
            desk.Follow(number, code) is { } f ? TypedResults.Ok(views.View(f, forComplainant: true))
            : throw Refusal.NotFound("supervision.follow", "案件编号或查询码不正确"))
        .RequireRule(AccessRules.Public)
        .WithSummary("The complainant follows its case with the case number and the query code");

        g.MapGet("/typical", (SupervisionStore store) => TypedResults.Ok(store.Published().Select(p => new TypicalCase(p.CaseId, p.Summary)).ToList()))
        .RequireRule(AccessRules.Public)
        .WithSummary("Typical cases published (SM Art. 28), the complainant masked");

        g.MapGet("/statistics", async (HttpContext http, SupervisionStore store, SupervisionDesk desk, TimeProvider clock, string? by, string? from, string? to) =>
        {
            var who = await Actor(http);
            if (desk.Access.AuthorityOf(who.Account) is null && !(who.Account is { } a && StaffAccess.Oversees(a)))
                throw Refusal.Forbidden("supervision.not-authority", "只有营商环境主管部门和监督人员可以查看统计");
            var today = clock.Today();
            var f = Date(from, "from") ?? new DateOnly(today.Year, 1, 1);
            var t = Date(to, "to") ?? today;
            string[] groupings = ["authority", "respondent", "channel", "category", "outcome"];
            if (by is not null && !groupings.Contains(by)) throw Refusal.Invalid("supervision.by", "须为authority、respondent、channel、category或outcome");
            return TypedResults.Ok(new SupervisionStatistics(f, t, (by is null ? groupings : [by]).ToDictionary(x => x, x => store.Counts(x, f, t, today))));
        })
        .RequireRule(AccessRules.Supervision)
        .WithSummary("Figures for the annual assessment (SM Art. 14): cases by authority, respondent, channel, category and outcome, closed, on time, overdue steps");
    }
}
