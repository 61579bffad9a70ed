using Xinyong.Storage.Lists;
using Xinyong.Cases;
using Xinyong.Storage.Notifications;

namespace Xinyong.Web.Features.Notifications;

/// <summary>A message as its reader sees it, with a link to its case.</summary>
public sealed record NotificationView(long Id, string Title, string Body, string? CaseKind, long? CaseId, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>The in-app outbox: <c>GET /api/v1/notifications</c> and marking a message read.</summary>
public static class NotificationEndpoints
{
    /// <summary>The caller's messages, newest first, each with the page of its case for that reader.</summary>
    public static IReadOnlyList<NotificationView> For(Caller caller, Outbox outbox) =>
        outbox.For(caller.Mailboxes).Select(n => new NotificationView(n.Id, n.Title, n.Body, n.CaseKind, n.CaseId, Link(caller, n), n.CreatedAt, n.ReadAt)).ToList();

    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        g.MapGet("", (HttpContext http, Outbox outbox) => CaseResults.Run(http, caller => Results.Json(For(caller, outbox), ApiJson.Options)))
            .RequireRule(AccessRules.Mailbox)
            .WithSummary("The caller's messages (a subject's own; a unit's, its staff's and their role's), newest first, each with its time")
            .Produces<IReadOnlyList<NotificationView>>();
        g.MapPost("/{id:long}/read", (long id, HttpContext http, Outbox outbox) => CaseResults.Run(http, caller =>
            outbox.MarkRead(id, caller.Mailboxes) ? Results.NoContent() : throw Refusal.NotFound("notification.not-found", $"没有编号为{id}的消息")))
            .RequireRule(AccessRules.Mailbox)
            .WithSummary("Mark a message read")
        .ProducesNothing();
    }

    private static string? Link(Caller caller, Notification n) => (n.CaseKind, n.CaseId) switch
    {
        (CaseKinds.Objection, { } id) => caller.Subject is not null ? $"/objections/{id}" : caller.IsStaff ? $"/staff/objections/{id}" : $"/api/v1/objections/{id}",
        (CaseKinds.Repair, { } id) => caller.Subject is not null ? $"/repairs/{id}" : caller.IsStaff ? $"/staff/repairs/{id}" : $"/api/v1/repairs/{id}",
        (ListStore.NoticeKind, { } id) => caller.Subject is not null ? "/self" : caller.IsStaff ? $"/staff/lists/{id}" : null,
        _ => null,
    };
}
