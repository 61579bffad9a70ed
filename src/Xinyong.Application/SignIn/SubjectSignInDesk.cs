using Xinyong.Storage.Accounts;
using Xinyong.Storage.Notifications;

using Xinyong.Storage;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.SignIn;

/// <summary>
/// Opening a subject's self-query sign-in at the credit agency's window (Art. 24, 35): only window staff
/// (<see cref="StaffRoles.Window"/>) do it, after checking the applicant's identity at the counter. The audit chain
/// records who opened it and how; the subject is told in its messages, so a sign-in it did not ask for is noticed.
/// </summary>
public sealed class SubjectSignInDesk(SubjectAccounts accounts, Database db, Outbox outbox, TimeProvider clock)
{
    /// <summary>Why a window request was refused.</summary>
    public sealed class RefusedException(string message) : Exception(message);

    /// <summary>Sets a password (mode password) or issues a one-time code; returns the subject and the code shown once, or null when unknown.</summary>
    /// <exception cref="RefusedException">The staff member is not window staff.</exception>
    /// <exception cref="Refusal">Invalid (<c>signin.invalid</c>): the code is not a valid identifier, or the password is too short.</exception>
    public (SubjectRow Subject, string? OneTimeCode)? Open(Account staff, string code, string mode, string? password)
    {
        if (!StaffAccess.OpensSubjectSignIn(staff))
            throw new RefusedException("只有公共信用工作机构窗口工作人员可以为信用主体开通登录");
        SubjectRow? s;
        string? otp = null;
        try
        {
            if (mode == "password") s = accounts.SetPassword(code, password ?? "", staff.Code);
            else
            {
                var r = accounts.IssueOneTimeCode(code, staff.Code);
                s = r?.Subject;
                otp = r?.Code;
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)   // the store's refusals
        {
            throw Refusal.Invalid("signin.invalid", ex.Message.Split(" / ")[0]);
        }
        if (s is null) return null;
        var at = Xinyong.Calendar.ChinaTime.DateOf(clock.GetUtcNow());
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        outbox.Send(c, tx, Mailbox.OfSubject(s.Id), null, null, "自查登录已开通",
            $"{Xinyong.Calendar.WorkingCalendar.Iso(at)}，公共信用工作机构窗口（工作人员{staff.Name}，{staff.Code}）为您开通了信用信息自查登录（{(mode == "password" ? "设置密码" : "一次性验证码")}）。如非本人申请，请立即联系公共信用工作机构。");
        tx.Commit();
        return (s, otp);
    }
}
