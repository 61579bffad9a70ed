using Xinyong.Application.Platform;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xinyong.Storage.SignIn;

namespace Xinyong.Application.SignIn;

/// <summary>
/// The sign-in of accounts (password + TOTP), their enrolment and subjects' self-registration without a web server, as
/// the portal and the command line share them. The web host adds the session lifetime of the portal cookie
/// (<c>Web/Features/SignIn/SignInFeature</c>).
/// </summary>
public static class SignInServices
{
    /// <summary>Registers the sign-in stores, the password hashing, the verification sender and the two services.</summary>
    public static IServiceCollection AddSignInCore(this IServiceCollection s)
    {
        s.AddSingleton<AccountSignInStore>();
        s.AddSingleton<SubjectRegistrationStore>();
        s.AddSingleton<IPasswordHashing, Pbkdf2PasswordHashing>();
        s.TryAddSingleton<IVerificationSender>(sp => new FileVerificationSender(MessagesFile(sp.GetRequiredService<Secrets>()), sp.GetRequiredService<TimeProvider>()));
        s.AddSingleton<AccountSignIn>();
        s.AddSingleton<SubjectRegistration>();
        return s;
    }

    /// <summary>Where the development sender writes verification messages: <c>messages/verification.jsonl</c> beside the keys folder.</summary>
    public static string MessagesFile(Secrets secrets) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(secrets.Directory).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", "messages", "verification.jsonl");
}
