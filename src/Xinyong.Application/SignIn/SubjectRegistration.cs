using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Xinyong.Security;
using Xinyong.Storage;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Notifications;
using Xinyong.Storage.SignIn;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.SignIn;

/// <summary>A registration waiting for its code: its id, and the address the code went to (masked).</summary>
public sealed record RegistrationStarted(long Id, string MaskedAddress);

/// <summary>
/// Self-registration of a credit subject for its self-query (《黑龙江省社会信用条例》第二十四条), without a visit to a
/// window: the subject's identifier (USCC or resident identity number) and its name as the platform holds it, a phone
/// number or mail address that receives a 6-digit verification code (<see cref="IVerificationSender"/>), then a
/// password. A subject that already has a sign-in is sent to the window instead (a registration never replaces a
/// password); the subject's mailbox is told of the registration, and the audit chain records it.
/// </summary>
public sealed partial class SubjectRegistration(Database db, SubjectRegistrationStore store, SubjectStore subjects, SubjectAccounts subjectAccounts,
    Outbox outbox, AuditChain audit, SignInRules rules, IVerificationSender sender, TimeProvider clock)
{
    /// <summary>Checks the applicant's identifier, name and channel and sends a verification code.</summary>
    public RegistrationStarted Start(string code, string name, string channel, string address)
    {
        var s = Subject(code);
        if (!NameMatches(s, name))
            throw Refusal.RuleNotMet("registration.name-mismatch", "名称与平台记载的该主体名称不一致，请核对后重新填写（法人和非法人组织填写登记名称，自然人填写身份证件上的姓名）。");
        (channel, address) = Channel(channel, address);
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        if (store.HasPassword(c, tx, s.Id))
            throw Refusal.Conflict("registration.exists", "该主体已开通自我查询账户，请直接登录；忘记密码的，请持有效身份证明到公共信用工作机构窗口重置。");
        var now = clock.GetUtcNow();
        if (store.CountSince(c, tx, s.Id, now.AddHours(-1)) >= rules.Enrolment.VerificationsPerHour)
            throw Refusal.RuleNotMet("registration.too-many", "该主体一小时内获取验证码的次数已达上限，请稍后再试。");
        var otp = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var id = store.Add(c, tx, s.Id, channel, address, Hash(otp), now + rules.Enrolment.VerificationValidity, now);
        audit.Append(c, tx, $"subject:{s.Ref}", "subject-account.registration-code", $"subject:{s.Ref}", $"channel={channel} address={Mask(channel, address)}");
        sender.Send(channel, address, $"【信用平台】您正在注册信用主体自我查询账户，验证码{otp}，{rules.Enrolment.VerificationValidity.TotalMinutes:0}分钟内有效。如非本人操作，请忽略本消息。");
        tx.Commit();
        return new RegistrationStarted(id, Mask(channel, address));
    }

    /// <summary>Checks the verification code and sets the subject's password; returns the subject, signed-in next.</summary>
    public SubjectRow Complete(long registrationId, string code, string verificationCode, string password, string repeat)
    {
        var s = Subject(code);
        if (string.IsNullOrEmpty(password) || password.Length < rules.Enrolment.MinPasswordLength)
            throw Refusal.Invalid("registration.password-short", $"密码至少{rules.Enrolment.MinPasswordLength}位。");
        if (password != repeat) throw Refusal.Invalid("registration.password-mismatch", "两次输入的密码不一致。");
        if (password.Distinct().Count() < 4) throw Refusal.Invalid("registration.password-weak", "密码过于简单，至少应包含4个不同的字符。");
        using var c = db.Open();
        var now = clock.GetUtcNow();
        var r = store.Get(c, null, registrationId);
        if (r is null || r.SubjectId != s.Id || r.VerifiedAt is not null || r.ExpiresAt <= now || r.Attempts >= rules.Enrolment.VerificationMaxAttempts)
            throw Refusal.RuleNotMet("registration.code-expired", "验证码已失效，请重新获取。");
        var typed = new string((verificationCode ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(r.CodeHash), Encoding.ASCII.GetBytes(Hash(typed))))
        {
            store.Failed(c, null, r.Id);
            var left = rules.Enrolment.VerificationMaxAttempts - r.Attempts - 1;
            throw Refusal.Invalid("registration.code-wrong", left > 0 ? $"验证码不正确，还可尝试{left}次。" : "验证码不正确，该验证码已失效，请重新获取。");
        }
        using (var tx = c.BeginTransaction())
        {
            if (store.HasPassword(c, tx, s.Id))
                throw Refusal.Conflict("registration.exists", "该主体已开通自我查询账户，请直接登录；忘记密码的，请持有效身份证明到公共信用工作机构窗口重置。");
            store.Verified(c, tx, r, now);
            outbox.Send(c, tx, Mailbox.OfSubject(s.Id), null, null, "自查账户已注册",
                $"您的自我查询账户已于{now.ToOffset(TimeSpan.FromHours(8)):yyyy年M月d日 HH:mm}通过{(r.Channel == "phone" ? "手机" : "电子邮箱")}{Mask(r.Channel, r.Address)}验证注册。如非本人操作，请持有效身份证明到公共信用工作机构窗口处理。");
            tx.Commit();
        }
        subjectAccounts.SetPassword(code.Trim(), password, "self-registration");
        return s;
    }

    /// <summary>Masks an address for display: 138****5678, z***@example.cn.</summary>
    public static string Mask(string channel, string address) => channel == "phone"
        ? (address.Length == 11 ? address[..3] + "****" + address[7..] : "****")
        : address.IndexOf('@') is var at and > 0 ? address[..1] + "***" + address[at..] : "***";

    private SubjectRow Subject(string code)
    {
        var text = (code ?? "").Trim();
        SubjectRow? s;
        try { s = text.StartsWith('P') ? null : subjects.Find(text); }
        catch (FormatException) { throw Refusal.Invalid("registration.code-invalid", "请填写有效的统一社会信用代码或公民身份号码。"); }
        if (text.StartsWith('P')) throw Refusal.Invalid("registration.code-invalid", "请填写有效的统一社会信用代码或公民身份号码。");
        return s ?? throw Refusal.NotFound("registration.subject-unknown", "平台尚未归集该主体的公共信用信息，暂无可查询的内容；如有疑问，请联系公共信用工作机构。");
    }

    private static bool NameMatches(SubjectRow s, string name) =>
        !string.IsNullOrWhiteSpace(name) && string.Equals(Squeeze(s.Name), Squeeze(name), StringComparison.Ordinal);

    private static string Squeeze(string text) => new string(text.Where(ch => !char.IsWhiteSpace(ch)).ToArray()).Replace('(', '（').Replace(')', '）');

    private static (string, string) Channel(string channel, string address)
    {
        address = (address ?? "").Trim();
        return channel switch
        {
            "phone" when PhonePattern().IsMatch(address) => ("phone", address),
            "phone" => throw Refusal.Invalid("registration.phone-invalid", "请填写11位手机号码。"),
            "mail" when MailPattern().IsMatch(address) && address.Length <= 254 => ("mail", address),
            "mail" => throw Refusal.Invalid("registration.mail-invalid", "请填写有效的电子邮箱地址。"),
            _ => throw Refusal.Invalid("registration.channel-invalid", "请选择接收验证码的方式：手机或电子邮箱。"),
        };
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex MailPattern();
}
