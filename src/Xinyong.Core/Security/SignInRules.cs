using Xinyong.Rules;

namespace Xinyong.Security;

/// <summary>A sign-in rules file that cannot be loaded; the message names the file and the setting.</summary>
public sealed class SignInRulesException(string message) : Exception(message);

/// <summary>When failed sign-ins lock a key (an account, or a client address) and for how long.</summary>
/// <param name="MaxFailures">Failures within <paramref name="Window"/> that lock the key.</param>
/// <param name="Window">The window failures are counted in.</param>
/// <param name="Lock">How long a lock lasts unless staff lift it.</param>
public sealed record LockoutRule(int MaxFailures, TimeSpan Window, TimeSpan Lock);

/// <summary>
/// The sign-in limits of the portal, from <c>data/security/signin.yaml</c>: lockouts per account and per client address
/// after repeated failures, and the validity and attempts of a one-time code.
/// </summary>
/// <param name="Account">Failures counted per account (a subject's code, a staff account code).</param>
/// <param name="Address">Failures counted per client address.</param>
/// <param name="OneTimeValidity">How long a one-time code is valid after it is issued.</param>
/// <param name="OneTimeMaxAttempts">Failed sign-ins of the account after which an outstanding one-time code is void.</param>
public sealed record SignInRules(LockoutRule Account, LockoutRule Address, TimeSpan OneTimeValidity, int OneTimeMaxAttempts)
{
    /// <summary>How long a portal session lasts: it ends after <see cref="PortalSessionRules.Idle"/> without a request, and
    /// after <see cref="PortalSessionRules.Absolute"/> in any case (section <c>session</c>).</summary>
    public PortalSessionRules Session { get; init; } = PortalSessionRules.Default;

    /// <summary>Enrolment of an account's password and authenticator, and subjects' self-registration (section <c>enrolment</c>).</summary>
    public EnrolmentRules Enrolment { get; init; } = EnrolmentRules.Default;

    /// <summary>The rules as shipped, for callers without a rules folder.</summary>
    public static SignInRules Default { get; } = new(
        new LockoutRule(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)),
        new LockoutRule(20, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)),
        TimeSpan.FromMinutes(120), 5);

    /// <summary>The file inside a rules folder.</summary>
    public static string PathIn(string rulesDirectory) => Path.Combine(RuleFileKinds.SignIn.DirectoryIn(rulesDirectory), RuleFileKinds.SignIn.FileName!);

    /// <summary>Loads the rules of a rules folder.</summary>
    public static SignInRules Load(string rulesDirectory)
    {
        return RuleFiles.LoadFile(RuleFileKinds.SignIn, rulesDirectory, Parse, Fail)!;
    }

    /// <summary>Parses and checks the rules.</summary>
    public static SignInRules Parse(string yaml, string fileName)
    {
        var doc = RuleFiles.Read<Doc>(yaml, fileName, Fail, "empty");
        var otp = doc.OneTimeCode ?? throw new SignInRulesException($"{fileName}: 'oneTimeCode' is missing");
        if (otp.ValidMinutes is not (>= 1 and <= 1440)) throw new SignInRulesException($"{fileName}: 'oneTimeCode.validMinutes' must be from 1 to 1440");
        if (otp.MaxAttempts is not (>= 1 and <= 100)) throw new SignInRulesException($"{fileName}: 'oneTimeCode.maxAttempts' must be from 1 to 100");
        var session = PortalSessionRules.Default;
        if (doc.Session is { } sd)
        {
            if (sd.IdleMinutes is not (>= 1 and <= 1440)) throw new SignInRulesException($"{fileName}: 'session.idleMinutes' must be from 1 to 1440");
            if (sd.AbsoluteMinutes is not (>= 1 and <= 10_080) || sd.AbsoluteMinutes < sd.IdleMinutes) throw new SignInRulesException($"{fileName}: 'session.absoluteMinutes' must be from idleMinutes to 10080");
            session = new PortalSessionRules(TimeSpan.FromMinutes(sd.IdleMinutes.Value), TimeSpan.FromMinutes(sd.AbsoluteMinutes.Value));
        }
        var enrolment = EnrolmentRules.Default;
        if (doc.Enrolment is { } ed)
        {
            if (ed.CodeValidHours is not (>= 1 and <= 720)) throw new SignInRulesException($"{fileName}: 'enrolment.codeValidHours' must be from 1 to 720");
            if (ed.MinPasswordLength is not (>= 8 and <= 128)) throw new SignInRulesException($"{fileName}: 'enrolment.minPasswordLength' must be from 8 to 128");
            if (ed.TokenSignIn is null) throw new SignInRulesException($"{fileName}: 'enrolment.tokenSignIn' must be true or false");
            if (ed.VerificationValidMinutes is not (>= 1 and <= 120)) throw new SignInRulesException($"{fileName}: 'enrolment.verificationValidMinutes' must be from 1 to 120");
            if (ed.VerificationMaxAttempts is not (>= 1 and <= 20)) throw new SignInRulesException($"{fileName}: 'enrolment.verificationMaxAttempts' must be from 1 to 20");
            if (ed.VerificationsPerHour is not (>= 1 and <= 100)) throw new SignInRulesException($"{fileName}: 'enrolment.verificationsPerHour' must be from 1 to 100");
            enrolment = new EnrolmentRules(TimeSpan.FromHours(ed.CodeValidHours.Value), ed.MinPasswordLength.Value, ed.TokenSignIn.Value,
                TimeSpan.FromMinutes(ed.VerificationValidMinutes.Value), ed.VerificationMaxAttempts.Value, ed.VerificationsPerHour.Value);
        }
        return new SignInRules(Rule(doc.Account, "account", fileName), Rule(doc.Address, "address", fileName),
            TimeSpan.FromMinutes(otp.ValidMinutes.Value), otp.MaxAttempts.Value) { Session = session, Enrolment = enrolment };
    }

    private static LockoutRule Rule(LockDoc? d, string name, string fileName)
    {
        if (d is null) throw new SignInRulesException($"{fileName}: '{name}' is missing");
        if (d.MaxFailures is not (>= 1 and <= 10_000)) throw new SignInRulesException($"{fileName}: '{name}.maxFailures' must be from 1 to 10000");
        if (d.WindowMinutes is not (>= 1 and <= 10_080)) throw new SignInRulesException($"{fileName}: '{name}.windowMinutes' must be from 1 to 10080");
        if (d.LockMinutes is not (>= 1 and <= 10_080)) throw new SignInRulesException($"{fileName}: '{name}.lockMinutes' must be from 1 to 10080");
        return new LockoutRule(d.MaxFailures.Value, TimeSpan.FromMinutes(d.WindowMinutes.Value), TimeSpan.FromMinutes(d.LockMinutes.Value));
    }

    private static SignInRulesException Fail(string message) => new(message);

    private sealed class Doc
    {
        public LockDoc? Account { get; set; }
        public LockDoc? Address { get; set; }
        public OtpDoc? OneTimeCode { get; set; }
        public SessionDoc? Session { get; set; }
        public EnrolmentDoc? Enrolment { get; set; }
    }

    private sealed class SessionDoc
    {
        public int? IdleMinutes { get; set; }
        public int? AbsoluteMinutes { get; set; }
    }

    private sealed class EnrolmentDoc
    {
        public int? CodeValidHours { get; set; }
        public int? MinPasswordLength { get; set; }
        public bool? TokenSignIn { get; set; }
        public int? VerificationValidMinutes { get; set; }
        public int? VerificationMaxAttempts { get; set; }
        public int? VerificationsPerHour { get; set; }
    }

    private sealed class LockDoc
    {
        public int? MaxFailures { get; set; }
        public int? WindowMinutes { get; set; }
        public int? LockMinutes { get; set; }
    }

    private sealed class OtpDoc
    {
        public int? ValidMinutes { get; set; }
        public int? MaxAttempts { get; set; }
    }
}

/// <summary>How long a portal session lasts.</summary>
/// <param name="Idle">The session ends after this long without a request.</param>
/// <param name="Absolute">The session ends this long after the sign-in, however active.</param>
public sealed record PortalSessionRules(TimeSpan Idle, TimeSpan Absolute)
{
    /// <summary>As shipped: 30 minutes idle, 8 hours in all.</summary>
    public static PortalSessionRules Default { get; } = new(TimeSpan.FromMinutes(30), TimeSpan.FromHours(8));
}

/// <summary>Enrolment of accounts' passwords and authenticators, and subjects' self-registration.</summary>
/// <param name="CodeValidity">How long an enrolment code printed by <c>xinyong user enrol</c> is valid.</param>
/// <param name="MinPasswordLength">The shortest password accepted (accounts and self-registered subjects).</param>
/// <param name="TokenSignIn">Whether an account that has not enrolled may still sign in to the portal with its bearer
/// token (an enrolled account never may).</param>
/// <param name="VerificationValidity">How long a registration verification code sent to a phone or mailbox is valid.</param>
/// <param name="VerificationMaxAttempts">Wrong entries after which a verification code is void.</param>
/// <param name="VerificationsPerHour">Verification codes sent for one subject within an hour, at most.</param>
public sealed record EnrolmentRules(TimeSpan CodeValidity, int MinPasswordLength, bool TokenSignIn, TimeSpan VerificationValidity, int VerificationMaxAttempts, int VerificationsPerHour)
{
    /// <summary>As shipped.</summary>
    public static EnrolmentRules Default { get; } = new(TimeSpan.FromHours(72), 10, true, TimeSpan.FromMinutes(10), 5, 5);
}
