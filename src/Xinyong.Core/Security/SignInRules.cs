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
        return new SignInRules(Rule(doc.Account, "account", fileName), Rule(doc.Address, "address", fileName),
            TimeSpan.FromMinutes(otp.ValidMinutes.Value), otp.MaxAttempts.Value);
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
