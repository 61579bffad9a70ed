using Microsoft.AspNetCore.Authentication;

namespace Xinyong.Web.Api;

/// <summary>
/// A declared access rule: who passes the door of an endpoint or page. Where a resource needs more (whose record, whose
/// case), the rule names the policy class that decides next to the resource (<see cref="Application.Collection.RecordAccess"/>,
/// <see cref="Application.Cases.CaseAccess"/>).
/// </summary>
/// <param name="Name">The rule's name, as endpoints and pages declare it.</param>
/// <param name="Description">Who passes, in a sentence.</param>
/// <param name="Admits">Whether a caller (null = anonymous) passes the door.</param>
public sealed record AccessRule(string Name, string Description, Func<Caller?, bool> Admits);

/// <summary>
/// The access rules every endpoint and page declares, exactly one each (<c>.RequireRule(AccessRules.X)</c> on an API
/// endpoint, <c>[AccessRule(AccessRules.X)]</c> on a page model, <c>@attribute [AccessRule(…)]</c> on a page without
/// one). An endpoint without a declared rule answers 403 (fail closed), and the authorization matrix test fails.
/// </summary>
public static class AccessRules
{
    public const string Public = "public";
    public const string Provider = "provider";
    public const string Department = "department";
    public const string Institution = "institution";
    public const string Subject = "subject";
    public const string Records = "records";
    public const string Cases = "cases";
    public const string Mailbox = "mailbox";
    public const string Staff = "staff";
    public const string DecidingStaff = "deciding-staff";
    public const string Oversight = "oversight";
    public const string ProviderFigures = "provider-figures";
    public const string Window = "window";
    public const string SignInLocks = "signin-locks";
    public const string CheckDesk = "check-desk";
    public const string PeerNode = "peer-node";
    public const string ContentEditors = "content-editors";
    public const string CommitmentDesk = "commitment-desk";
    public const string Supervision = "supervision";

    private static bool Kind(Caller? c, string kind) => c?.Account?.Kind == kind;

    /// <summary>Every rule by name.</summary>
    public static readonly IReadOnlyDictionary<string, AccessRule> All = new AccessRule[]
    {
        new(Public, "anyone, signed in or not", _ => true),
        new(Provider, "provider units (their catalog items only)", c => Kind(c, AccountKinds.Provider)),
        new(Department, "departments (items shared with them, Art. 22)", c => Kind(c, AccountKinds.Department)),
        new(Institution, "banks and credit-service firms (under a subject's authorization, Art. 23-24)", c => Kind(c, AccountKinds.Institution)),
        new(Subject, "a credit subject signed in to its self-query", c => c?.Subject is not null),
        new(Records, "any account; RecordAccess decides per record (provider that sent it, staff acting for its unit; shared or authorized reads masked)",
            c => c?.Account is not null),
        new(Cases, "a subject or any account; CaseAccess decides per case (its subject, staff of its handling unit and of the agency, readers: auditors, the authority)",
            c => c is not null),
        new(Mailbox, "a subject or any account: its own messages", c => c is not null),
        new(Staff, "any staff member", c => c?.IsStaff == true),
        new(DecidingStaff, "staff who decide: the agency or unit role (not auditors, the authority or the window)", c => c?.Account is { } a && StaffAccess.Decides(a)),
        new(Oversight, "the credit agency's staff, the authority and auditors", c => c?.Oversees == true),
        new(ProviderFigures, "a provider unit (its own figures), and those who oversee the platform (every provider's)",
            c => Kind(c, AccountKinds.Provider) || c?.Oversees == true),
        new(Window, "the credit agency's window staff", c => c?.Account is { } a && StaffAccess.OpensSubjectSignIn(a)),
        new(CheckDesk, "any signed-in caller; the page's DepartmentOf decides (a department, or deciding or window staff whose unit is a department) and answers others with a Chinese 403 page",
            c => c is not null),
        new(CommitmentDesk, "a unit that accepts and verifies credit commitments: a department account, or deciding staff (agency or unit role); CommitmentKindRules decides per commitment",
            c => c?.Account is { } a && (a.Kind == AccountKinds.Department || StaffAccess.Decides(a))),
        new(Supervision, "any account (business-environment authority staff, the respondent's own account, registered monitoring stations and special supervisors); SupervisionCaseRules decides per case",
            c => c?.Account is not null),
        new(SignInLocks, "the credit agency's staff and its window (lifting a sign-in lock)", c => c?.Account is { } a && StaffAccess.LiftsSignInLocks(a)),
        new(PeerNode, "any caller at the door; the message's node signature decides (a parent or child node whose public key the operator trusts, Features/Network)", _ => true),
        new(ContentEditors, "the credit agency's staff (agency role, no unit): they write, publish and withdraw the portal's content pages",
            c => c?.Account is { } a && StaffAccess.IsAgency(a)),
    }.ToDictionary(r => r.Name);

    /// <summary>Declares an endpoint's rule.</summary>
    public static TBuilder RequireRule<TBuilder>(this TBuilder builder, string rule) where TBuilder : IEndpointConventionBuilder =>
        All.ContainsKey(rule) ? builder.WithMetadata(new AccessRuleAttribute(rule)) : throw new ArgumentException($"unknown access rule '{rule}'", nameof(rule));

    /// <summary>Enforces the declared rule of every endpoint after authentication: none declared = 403.</summary>
    public static IApplicationBuilder UseAccessRules(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Only routed endpoints carry rules; the router's own rejections (405, 415) and unmatched requests pass on.
        if (http.GetEndpoint() is not RouteEndpoint endpoint) { await next(http); return; }
        var declared = endpoint.Metadata.GetMetadata<AccessRuleAttribute>();
        if (declared is null || !All.TryGetValue(declared.Rule, out var rule))
        {
            await Problems.Write(http, StatusCodes.Status403Forbidden, RefusalHandler.TitleOf(RefusalKind.Forbidden), "该地址未声明访问规则");
            return;
        }
        if (rule.Name == Public) { await next(http); return; }
        var caller = await Callers.Of(http);
        if (rule.Admits(caller)) { await next(http); return; }
        if (caller is null) await http.ChallengeAsync();
        else await http.ForbidAsync();
    });
}

/// <summary>The access rule of a page model (or an endpoint's metadata); see <see cref="AccessRules"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AccessRuleAttribute(string rule) : Attribute
{
    /// <summary>The rule's name.</summary>
    public string Rule { get; } = rule;
}
