using Xinyong.Storage.Accounts;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.Cases;

/// <summary>Who calls: an account (bearer token, or a staff member's portal cookie), or a signed-in credit subject.</summary>
/// <param name="Account">The account, or null.</param>
/// <param name="Subject">The signed-in subject, or null.</param>
public sealed record Caller(Account? Account, SubjectRow? Subject)
{
    /// <summary>A staff member.</summary>
    public bool IsStaff => Account?.Kind == AccountKinds.Staff;

    /// <summary>The staff member, or a 403 for anyone else.</summary>
    public Account Staff => IsStaff ? Account! : throw Refusal.Forbidden("case.forbidden", "只有工作人员可以办理此步骤");

    /// <summary>The mailboxes the caller reads: a subject's own; an account's own; a staff member's unit and role.</summary>
    public IReadOnlyList<Mailbox> Mailboxes
    {
        get
        {
            if (Subject is not null) return [Mailbox.OfSubject(Subject.Id)];
            if (Account is null) return [];
            var boxes = new List<Mailbox> { new(Recipients.Unit, Account.Code) };
            if (IsStaff)
            {
                boxes.Add(new(Recipients.Unit, UnitDirectory.UnitOf(Account)));
                if (Account.Role is { } role) boxes.Add(new(Recipients.Role, role));
            }
            return boxes;
        }
    }

    /// <summary>Whether the caller reads every unit's cases: the credit agency's staff, the authority and auditors (<see cref="StaffAccess"/>).</summary>
    public bool SeesAllUnits => IsStaff && StaffAccess.ReadsAllUnits(Account!);

    /// <summary>
    /// Whether the caller oversees the platform: the credit agency's staff, and staff with the authority or auditor
    /// role. They read the audit chain, the access log and every provider's figures.
    /// </summary>
    public bool Oversees => IsStaff && StaffAccess.Oversees(Account!);
}
