using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;

namespace Xinyong.Cli;

/// <summary>
/// Sign-in locks (after repeated failed sign-ins, <c>data/security/signin.yaml</c>): <c>signin locks</c> lists those in
/// force, one JSON line each; <c>signin unlock</c> lifts the lock of a subject (<c>--subject CODE</c>), an account
/// (<c>--account CODE</c>) or a client address (<c>--address IP</c>), recorded in the audit chain (exit 1 when none was in force).
/// </summary>
internal static class SignInCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var group = new Command("signin", "Sign-in locks after repeated failures: list them, lift one");

        var locks = new Command("locks", "The sign-in locks in force, one JSON line each");
        PlatformCommands.Common(locks);
        locks.SetAction(pr =>
        {
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            foreach (var l in sp.GetRequiredService<SignInThrottle>().Active())
                ctx.Out.WriteLine(Json.Line(new { key = l.LockKey, failures = l.Failures, lockedAt = l.LockedAt, lockedUntil = l.LockedUntil }));
            return 0;
        });
        group.Subcommands.Add(locks);

        var subject = new Option<string?>("--subject") { Description = "the subject's USCC or resident identity number" };
        var account = new Option<string?>("--account") { Description = "a staff or unit account code" };
        var address = new Option<string?>("--address") { Description = "a client IP address" };
        var by = new Option<string>("--by") { Description = "who lifts it (staff code)", DefaultValueFactory = _ => "cli" };
        var reason = new Option<string?>("--reason") { Description = "why (recorded in the audit chain)" };
        var unlock = new Command("unlock", "Lift the sign-in lock of a subject, an account or an address; prints {\"key\",\"lifted\"}") { subject, account, address, by, reason };
        PlatformCommands.Common(unlock);
        unlock.SetAction(pr =>
        {
            var given = new[] { pr.GetValue(subject), pr.GetValue(account), pr.GetValue(address) }.Count(v => !string.IsNullOrWhiteSpace(v));
            if (given != 1) throw new UsageException("give exactly one of --subject, --account and --address");
            if (pr.GetValue(address) is { } ip && !IPAddress.TryParse(ip.Trim(), out _)) throw new UsageException($"--address: '{ip}' is not an IP address");
            using var sp = PlatformCommands.Services(PlatformCommands.OptionsOf(pr));
            var throttle = sp.GetRequiredService<SignInThrottle>();
            var key = pr.GetValue(subject) is { } code ? throttle.SubjectKey(code)
                : pr.GetValue(account) is { } a ? SignInThrottle.AccountKey(a)
                : SignInThrottle.AddressKey(IPAddress.Parse(pr.GetValue(address)!.Trim()));
            var lifted = throttle.Lift(key, pr.GetValue(by)!, pr.GetValue(reason));
            ctx.Out.WriteLine(Json.Line(new { key, lifted }));
            if (lifted == 0) { ctx.Err.WriteLine($"xinyong: no sign-in lock in force on {key}"); return 1; }
            return 0;
        });
        group.Subcommands.Add(unlock);
        root.Subcommands.Add(group);
    }
}
