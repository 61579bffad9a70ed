using Xinyong.Cases;
using Xinyong.Security;

namespace Xinyong.Storage.Accounts;

/// <summary>
/// The staff roles (<c>xinyong staff add --role …</c>), least privilege: each role does its own duty and nothing else.
/// </summary>
public static class StaffRoles
{
    /// <summary>Staff of the credit agency (公共信用工作机构, no unit): handle every unit's cases and lists.</summary>
    public const string Agency = "agency";
    /// <summary>Staff of a provider unit or department (<c>--unit</c>): handle their own unit's cases only.</summary>
    public const string Unit = "unit";
    /// <summary>Staff of the credit authority (社会信用主管部门): oversee every unit, read only, receive overdue reports.</summary>
    public const string Authority = "authority";
    /// <summary>Auditors: read every unit's cases, the audit chain and the access log; never decide, correct, revoke or answer.</summary>
    public const string Auditor = "auditor";
    /// <summary>The credit agency's window (窗口): opens a subject's self-query sign-in after checking identity at the counter.</summary>
    public const string Window = "window";

    /// <summary>Every role with its Chinese name (the names are domain vocabulary: <see cref="StaffRoleNames"/>).</summary>
    public static IReadOnlyDictionary<string, string> All => StaffRoleNames.All;
}

/// <summary>
/// What a staff member may do by role and unit: the one rule the record, case, list and sign-in rules build on.
/// A staff member acts (decides, corrects, revokes, answers) only with the agency or unit role, and only within their
/// unit (the agency's staff: every unit); auditors and the authority read every unit and act nowhere; the window opens
/// subject sign-ins and does nothing else.
/// </summary>
public static class StaffAccess
{
    /// <summary>Whether the account is staff that takes decisions (the agency or unit role).</summary>
    public static bool Decides(Account a) => a.Kind == AccountKinds.Staff && a.Role is StaffRoles.Agency or StaffRoles.Unit;

    /// <summary>Whether the account is the credit agency's deciding staff (no unit, agency role): acts for every unit.</summary>
    public static bool IsAgency(Account a) => a.Kind == AccountKinds.Staff && a.Role == StaffRoles.Agency && a.Unit is null;

    /// <summary>Whether a staff member acts for <paramref name="unit"/>: its own deciding staff, or the credit agency's.</summary>
    public static bool ActsFor(Account a, string unit) => Decides(a) && (a.Unit is null ? a.Role == StaffRoles.Agency : a.Unit == unit);

    /// <summary>Whether a staff member reads every unit's cases: the agency's staff, the authority and auditors.</summary>
    public static bool ReadsAllUnits(Account a) => IsAgency(a) || a.Kind == AccountKinds.Staff && a.Role is StaffRoles.Authority or StaffRoles.Auditor;

    /// <summary>Whether a staff member reads <paramref name="unit"/>'s cases: those who act for it or read every unit.</summary>
    public static bool ReadsFor(Account a, string unit) => ReadsAllUnits(a) || ActsFor(a, unit);

    /// <summary>Whether a staff member oversees the platform (audit chain, access log, provider figures): the agency, the authority, auditors.</summary>
    public static bool Oversees(Account a) => ReadsAllUnits(a);

    /// <summary>Whether a staff member lifts a sign-in lock (after checking the applicant's identity): the credit agency's
    /// staff and its window. The authority and auditors only read; a unit's staff have no part in subject sign-ins.</summary>
    public static bool LiftsSignInLocks(Account a) => IsAgency(a) || OpensSubjectSignIn(a);

    /// <summary>Whether a staff member opens a subject's sign-in: the agency window only.</summary>
    public static bool OpensSubjectSignIn(Account a) => a.Kind == AccountKinds.Staff && a.Role == StaffRoles.Window;

    /// <summary>The unit whose cases a staff member works on: null for every unit, else its unit; a role without cases gets a 403.</summary>
    public static string? CaseScope(Account a) =>
        ReadsAllUnits(a) ? null
        : Decides(a) && a.Unit is { } unit ? unit
        : throw StaffRoleNames.NoCases();
}
