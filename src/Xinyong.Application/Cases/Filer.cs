using Xinyong.Cases;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;

using Xinyong.Storage;
using Xinyong.Storage.Cases;

namespace Xinyong.Application.Cases;

/// <summary>Who files an application: the subject online, or a staff member entering a paper application.</summary>
public sealed record Filer
{
    private Filer(SubjectRow? subject, Account? staff) { Subject = subject; Staff = staff; }

    /// <summary>The signed-in subject filing for itself, or null.</summary>
    public SubjectRow? Subject { get; }

    /// <summary>The staff member entering a paper application, or null.</summary>
    public Account? Staff { get; }

    /// <summary>A subject filing online.</summary>
    public static Filer Online(SubjectRow s) => new(s, null);

    /// <summary>A staff member entering a paper application received by their unit.</summary>
    public static Filer Paper(Account staff) =>
        StaffAccess.Decides(staff) ? new(null, staff) : throw Refusal.Forbidden("case.forbidden", "只有办理案件的工作人员可以录入书面申请");

    /// <summary>online or paper.</summary>
    public string Channel => Subject is not null ? "online" : "paper";

    /// <summary>The unit that received the application: the platform (credit agency) online, the staff member's unit on paper.</summary>
    public string ReceivingUnit => Staff?.Unit ?? CreditAgency.Code;

    /// <summary>Who took the step.</summary>
    public Actor Actor => Subject is not null ? Actor.Of(Subject) : Actor.Of(Staff!);
}

/// <summary>Names of units for messages and pages: the credit agency, or the account of a provider or department.</summary>
public sealed class UnitDirectory(AccountStore accounts)
{
    /// <summary>The unit's name, or its code when it is unknown.</summary>
    public string Name(string unit) => unit == CreditAgency.Code ? CreditAgency.Name : accounts.Get(unit)?.Name ?? unit;

    /// <summary>Whether a unit exists: the credit agency, or a provider or department account.</summary>
    public bool Exists(string unit) =>
        unit == CreditAgency.Code || accounts.Get(unit) is { Kind: AccountKinds.Provider or AccountKinds.Department };

    /// <summary>The unit a staff member acts for.</summary>
    public static string UnitOf(Account staff) => staff.Unit ?? CreditAgency.Code;

    /// <summary>Whether a staff member may act for <paramref name="unit"/>: its own staff, or the credit agency's.</summary>
    public static bool MayActFor(Account a, string unit) => StaffAccess.ActsFor(a, unit);
}
