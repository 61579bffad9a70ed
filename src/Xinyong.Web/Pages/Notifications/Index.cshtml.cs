using Xinyong.Storage.Notifications;
using Xinyong.Web.Features.Notifications;

namespace Xinyong.Web.Pages.Notifications;

/// <summary>The in-app messages of a signed-in subject or staff member, each with its time.</summary>
[AccessRule(AccessRules.Mailbox)]
public sealed class IndexModel(Outbox outbox) : PageModel
{
    public IReadOnlyList<NotificationView> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null) return Redirect("/signin?returnUrl=/notifications");
        Items = NotificationEndpoints.For(caller, outbox);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(long id)
    {
        var caller = await Callers.Of(HttpContext);
        if (caller is null) return Redirect("/signin?returnUrl=/notifications");
        outbox.MarkRead(id, caller.Mailboxes);
        return Redirect("/notifications");
    }
}
