using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Application.SignIn;
using Xinyong.Security;

namespace Xinyong.Cli;

/// <summary>
/// The portal sign-in of people who act for an account (staff, provider units, departments, institutions):
/// <c>user enrol --account CODE</c> prints a one-time enrolment code, with which the user sets a password and enrols an
/// authenticator app on <c>/signin/enrol</c>; <c>user reset --account CODE</c> removes both (a lost phone) so that a new
/// enrolment follows. Bearer tokens (<c>staff add</c>, <c>provider add</c>…) stay for systems.
/// </summary>
internal static class UserCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var group = new Command("user", "Portal sign-in of account users: password and authenticator (TOTP) enrolment");

        var account = new Option<string>("--account") { Required = true, Description = "the account code (staff, provider, department or institution)" };
        var by = new Option<string>("--by") { Description = "who issues it (staff code; recorded in the audit chain)", DefaultValueFactory = _ => "operator" };
        var enrol = new Command("enrol", "Print a one-time enrolment code for /signin/enrol; prints {\"account\",\"enrolmentCode\",\"validUntil\",\"page\"}") { account, by };
        PlatformCommands.Common(enrol);
        enrol.SetAction(pr =>
        {
            using var sp = Services(pr);
            string code;
            try { code = sp.GetRequiredService<AccountSignIn>().IssueEnrolment(pr.GetValue(account)!.Trim(), pr.GetValue(by)!); }
            catch (Refusal r) { ctx.Err.WriteLine($"xinyong: {r.Message}"); return 1; }
            var until = sp.GetRequiredService<TimeProvider>().GetUtcNow() + sp.GetRequiredService<SignInRules>().Enrolment.CodeValidity;
            ctx.Out.WriteLine(Json.Line(new { account = pr.GetValue(account)!.Trim(), enrolmentCode = code, validUntil = until, page = "/signin/enrol" }));
            return 0;
        });
        group.Subcommands.Add(enrol);

        var reset = new Command("reset", "Remove an account's password and authenticator (then issue a new enrolment code); prints {\"account\",\"reset\"}") { account, by };
        PlatformCommands.Common(reset);
        reset.SetAction(pr =>
        {
            using var sp = Services(pr);
            var done = sp.GetRequiredService<AccountSignIn>().Reset(pr.GetValue(account)!.Trim(), pr.GetValue(by)!);
            ctx.Out.WriteLine(Json.Line(new { account = pr.GetValue(account)!.Trim(), reset = done }));
            return done ? 0 : 1;
        });
        group.Subcommands.Add(reset);
        root.Subcommands.Add(group);
    }

    private static ServiceProvider Services(ParseResult pr) =>
        PlatformCommands.Services(PlatformCommands.OptionsOf(pr), s => s.AddSignInCore());
}
